import type { ErrorStatus } from '../catalog';

/** Client-facing prose about one status: when it is answered and what the client should do. */
export interface StatusGuide {
  /** When a client should expect this status. */
  readonly when: string;
  /** What the client should do about it. */
  readonly action: string;
}

/**
 * The prose of the generated status reference, one entry per catalog status. Typed as a
 * `Record<ErrorStatus, ...>` so adding a status to the catalog without its prose fails to compile.
 * Header duties, retryability and caching are not repeated here: they come from the catalog.
 */
export const STATUS_GUIDE: Readonly<Record<ErrorStatus, StatusGuide>> = {
  400: {
    when: 'The request is malformed: invalid JSON, a missing or mistyped parameter, a field out of range.',
    action: 'Fix the request before sending it again; `details` lists each problem when there is more than one.',
  },
  401: {
    when: 'No credentials were sent, or they are invalid or expired.',
    action: 'Authenticate as the `WWW-Authenticate` challenge says (get or refresh a token), then retry.',
  },
  402: {
    when: 'The action needs a payment or a paid plan (reserved by RFC 9110 for future use).',
    action: 'Settle the account or upgrade the plan; retrying as is will not help.',
  },
  403: {
    when: 'The credentials are valid but do not grant this action.',
    action: 'Do not retry with the same credentials; request broader permissions or scopes.',
  },
  404: {
    when: 'The resource does not exist, or the endpoint URL is wrong.',
    action: 'Check the identifier and the URL; create the resource first if that is the intent.',
  },
  405: {
    when: 'The method is not supported on this resource (POST on a read-only resource).',
    action: 'Use one of the methods listed in `Allow`.',
  },
  406: {
    when: 'No representation matches the `Accept` header of the request.',
    action: 'Send an `Accept` header the API supports, such as `application/json`.',
  },
  407: {
    when: 'A proxy between the client and the API requires authentication.',
    action: 'Authenticate with the proxy as its `Proxy-Authenticate` challenge says.',
  },
  408: { when: 'The client took too long to send the request.', action: 'Send the request again, on a new connection if needed.' },
  409: {
    when: 'The request conflicts with the current state of the resource (a duplicate, a concurrent change).',
    action: 'Resolve the conflict (`Location` may name the existing resource) before sending the request again.',
  },
  410: { when: 'The resource existed and was permanently removed.', action: 'Stop requesting it and remove references to it.' },
  411: { when: 'The request has a body but no `Content-Length`.', action: 'Send the request with a `Content-Length` header.' },
  412: {
    when: 'A conditional header (`If-Match`, `If-Unmodified-Since`) did not hold: the resource changed.',
    action: 'Fetch the current version, reapply the change, and send it with the new validator.',
  },
  413: {
    when: 'The request body is larger than the server accepts.',
    action: 'Send a smaller body (split it); if `Retry-After` is present the limit is temporary.',
  },
  414: {
    when: 'The URL is longer than the server accepts, often a query string that belongs in a body.',
    action: 'Shorten the URL, or move the parameters into a request body.',
  },
  415: {
    when: 'The body has a media type, charset or content encoding the endpoint does not read.',
    action: 'Send the body in a supported format (`Accept` / `Accept-Encoding` list them when present).',
  },
  416: {
    when: 'The `Range` of the request lies outside the representation.',
    action: 'Request a range within the length given in `Content-Range`.',
  },
  417: { when: 'The server cannot meet the `Expect` header of the request.', action: 'Send the request without the `Expect` header.' },
  421: {
    when: 'The request reached a server that cannot answer for this host (connection reuse across hosts).',
    action: 'Send the request again on a new connection.',
  },
  422: {
    when: 'The request is well-formed but a business rule rejects it.',
    action: 'Change the values the error names; sending the same request again will fail the same way.',
  },
  423: { when: 'The resource is locked.', action: 'Wait until the lock is released, then retry.' },
  424: { when: 'The request depended on another action that failed.', action: 'Fix and repeat the action it depends on first.' },
  425: {
    when: 'The request arrived in TLS early data and could be replayed.',
    action: 'Send it again after the TLS handshake has completed.',
  },
  426: {
    when: 'The protocol or API version used is no longer accepted.',
    action: 'Switch to a protocol listed in `Upgrade`, or the newer API version the error names.',
  },
  428: {
    when: 'The endpoint only accepts conditional requests, to prevent lost updates.',
    action: 'Fetch the resource, then send the request with `If-Match` and its ETag.',
  },
  429: {
    when: 'The client sent too many requests in a given time (rate limiting).',
    action: 'Wait for `Retry-After` when present, otherwise back off exponentially with jitter.',
  },
  431: {
    when: 'A request header, or all of them together, is too large.',
    action: 'Send fewer or smaller headers (often an oversized cookie or token).',
  },
  451: {
    when: 'The resource is blocked for legal reasons.',
    action: 'Do not retry; `Link` (`rel="blocked-by"`) may name who demanded the block.',
  },
  500: {
    when: 'An unexpected error on the server, not caused by the request.',
    action: 'Retry with exponential backoff; if it persists, contact support with the `request_id`.',
  },
  501: {
    when: 'The server does not support the functionality the request needs.',
    action: 'Do not retry; use another endpoint or method.',
  },
  502: { when: 'A service this API depends on failed or answered invalidly.', action: 'Retry with exponential backoff.' },
  503: {
    when: 'The service is overloaded or down for maintenance.',
    action: 'Wait for `Retry-After` when present, otherwise back off; check the status page.',
  },
  504: {
    when: 'A service this API depends on did not answer in time, or the request took too long.',
    action: 'Retry later, or reduce the scope of the request (split it).',
  },
  505: { when: 'The HTTP version of the request is not supported.', action: 'Use HTTP/1.1 or HTTP/2.' },
  506: {
    when: 'The server is misconfigured (content negotiation loops on itself).',
    action: 'Nothing to change on the client: report it with the `request_id`.',
  },
  507: { when: 'The server cannot store what the request needs.', action: 'Retry later, or free some of the storage the account uses.' },
  508: {
    when: 'The server detected an infinite loop while processing the request.',
    action: 'Nothing to change on the client: report it with the `request_id`.',
  },
  511: {
    when: 'A network (a captive portal) requires authentication; origin servers do not send it.',
    action: 'Log in to the network, then retry.',
  },
};
