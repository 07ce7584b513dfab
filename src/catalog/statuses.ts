/**
 * The single source of truth: every IANA-registered 4xx and 5xx status this library answers
 * (418 is reserved and 510 historic, so neither is here).
 *
 * One line per status. The error classes (`src/errors/http-errors.generated.ts`), the README's
 * status table, the default codes and messages and the headers written for each status are all
 * derived from this table; `npm run generate` rewrites the generated files after an edit.
 *
 * - `phrase`: the IANA reason phrase (RFC 9110 §15); the class name is derived from it.
 * - `code`: the default machine-readable error code, `^[a-z][a-z0-9_]*$`.
 * - `message`: the default message sent to clients.
 * - `headers`: header duties (RFC 9110 §15, RFC 6585), each filled from a
 *   typed constructor option (`field`). `required` is a MUST of the RFC, `recommended` a SHOULD,
 *   `optional` a MAY.
 * - `retryable`: a client may repeat the same request later and expect a different outcome.
 * - `noStore`: the RFC says the response MUST NOT be cached, whatever the handler is configured with.
 * - `alias`: the class name people know from http-errors, named in the class's TSDoc and the
 *   status table; not exported (one name per class).
 */
export const STATUSES = {
  400: { phrase: 'Bad Request', code: 'bad_request', message: 'The request is invalid.' },
  401: {
    phrase: 'Unauthorized',
    code: 'authentication_required',
    message: 'Authentication is required to access this resource.',
    headers: [{ name: 'WWW-Authenticate', field: 'challenge', need: 'required' }],
  },
  402: { phrase: 'Payment Required', code: 'payment_required', message: 'Payment is required to access this resource.' },
  403: { phrase: 'Forbidden', code: 'forbidden', message: 'You do not have permission to perform this action.' },
  404: { phrase: 'Not Found', code: 'resource_not_found', message: 'The requested resource was not found.' },
  405: {
    phrase: 'Method Not Allowed',
    code: 'method_not_allowed',
    message: 'The request method is not allowed on this resource.',
    headers: [{ name: 'Allow', field: 'allow', need: 'required' }],
  },
  406: { phrase: 'Not Acceptable', code: 'not_acceptable', message: 'No representation of this resource matches the Accept header.' },
  407: {
    phrase: 'Proxy Authentication Required',
    code: 'proxy_authentication_required',
    message: 'Authentication with the proxy is required.',
    headers: [{ name: 'Proxy-Authenticate', field: 'challenge', need: 'required' }],
  },
  408: { phrase: 'Request Timeout', code: 'request_timeout', message: 'The server timed out waiting for the request.', retryable: true },
  409: {
    phrase: 'Conflict',
    code: 'resource_conflict',
    message: 'The request conflicts with the current state of the resource.',
    headers: [{ name: 'Location', field: 'location', need: 'optional' }],
  },
  410: { phrase: 'Gone', code: 'gone', message: 'The requested resource is no longer available.' },
  411: { phrase: 'Length Required', code: 'length_required', message: 'The request must include a Content-Length header.' },
  412: { phrase: 'Precondition Failed', code: 'precondition_failed', message: 'A precondition in the request headers was not met.' },
  413: {
    phrase: 'Content Too Large',
    code: 'content_too_large',
    message: 'The request body is too large.',
    headers: [{ name: 'Retry-After', field: 'retryAfter', need: 'recommended' }],
    alias: 'PayloadTooLargeError',
  },
  414: { phrase: 'URI Too Long', code: 'uri_too_long', message: 'The request URI is too long.' },
  415: {
    phrase: 'Unsupported Media Type',
    code: 'unsupported_media_type',
    message: 'The request body has an unsupported media type or encoding.',
    headers: [
      { name: 'Accept', field: 'accept', need: 'optional' },
      { name: 'Accept-Encoding', field: 'acceptEncoding', need: 'optional' },
    ],
  },
  416: {
    phrase: 'Range Not Satisfiable',
    code: 'range_not_satisfiable',
    message: 'The requested range cannot be satisfied.',
    headers: [{ name: 'Content-Range', field: 'completeLength', need: 'recommended' }],
  },
  417: { phrase: 'Expectation Failed', code: 'expectation_failed', message: 'The expectation in the Expect header cannot be met.' },
  421: {
    phrase: 'Misdirected Request',
    code: 'misdirected_request',
    message: 'The request was directed at a server that cannot answer it.',
  },
  422: {
    phrase: 'Unprocessable Content',
    code: 'invalid_operation',
    message: 'The request is well-formed but cannot be processed.',
    alias: 'UnprocessableEntityError',
  },
  423: { phrase: 'Locked', code: 'locked', message: 'The resource is locked.' },
  424: { phrase: 'Failed Dependency', code: 'failed_dependency', message: 'The request failed because a request it depends on failed.' },
  425: {
    phrase: 'Too Early',
    code: 'too_early',
    message: 'The server will not process a request that might be replayed.',
    retryable: true,
  },
  426: {
    phrase: 'Upgrade Required',
    code: 'upgrade_required',
    message: 'The client must switch to another protocol.',
    headers: [{ name: 'Upgrade', field: 'upgrade', need: 'required' }],
  },
  428: { phrase: 'Precondition Required', code: 'precondition_required', message: 'This request must be conditional.', noStore: true },
  429: {
    phrase: 'Too Many Requests',
    code: 'rate_limit_exceeded',
    message: 'Too many requests. Retry later.',
    headers: [{ name: 'Retry-After', field: 'retryAfter', need: 'optional' }],
    retryable: true,
    noStore: true,
  },
  431: {
    phrase: 'Request Header Fields Too Large',
    code: 'request_header_fields_too_large',
    message: 'The request header fields are too large.',
    noStore: true,
  },
  451: {
    phrase: 'Unavailable For Legal Reasons',
    code: 'unavailable_for_legal_reasons',
    message: 'This resource is unavailable for legal reasons.',
    headers: [{ name: 'Link', field: 'blockedBy', need: 'recommended' }],
  },
  500: { phrase: 'Internal Server Error', code: 'internal_error', message: 'An unexpected error occurred.', retryable: true },
  501: { phrase: 'Not Implemented', code: 'not_implemented', message: 'This functionality is not implemented.' },
  502: { phrase: 'Bad Gateway', code: 'bad_gateway', message: 'An upstream service returned an invalid response.', retryable: true },
  503: {
    phrase: 'Service Unavailable',
    code: 'service_unavailable',
    message: 'The service is temporarily unavailable.',
    headers: [{ name: 'Retry-After', field: 'retryAfter', need: 'optional' }],
    retryable: true,
  },
  504: { phrase: 'Gateway Timeout', code: 'gateway_timeout', message: 'An upstream service did not respond in time.', retryable: true },
  505: {
    phrase: 'HTTP Version Not Supported',
    code: 'http_version_not_supported',
    message: 'The HTTP version of the request is not supported.',
  },
  506: { phrase: 'Variant Also Negotiates', code: 'variant_also_negotiates', message: 'The server has an internal configuration error.' },
  507: {
    phrase: 'Insufficient Storage',
    code: 'insufficient_storage',
    message: 'The server cannot store what is needed to complete the request.',
    retryable: true,
  },
  508: { phrase: 'Loop Detected', code: 'loop_detected', message: 'The server detected an infinite loop while processing the request.' },
  511: {
    phrase: 'Network Authentication Required',
    code: 'network_authentication_required',
    message: 'Authentication with the network is required.',
    noStore: true,
  },
} as const satisfies Record<number, StatusSpec>;

/** How strongly an RFC asks for a header on a status. */
export type HeaderNeed = 'required' | 'recommended' | 'optional';

/** A header a status carries, and the constructor option that fills it. */
export interface HeaderRule {
  readonly name: string;
  readonly field: keyof StatusFieldTypes;
  readonly need: HeaderNeed;
}

/** The shape of one catalog line. */
export interface StatusSpec {
  readonly phrase: string;
  readonly code: string;
  readonly message: string;
  readonly headers?: readonly HeaderRule[];
  readonly retryable?: boolean;
  readonly noStore?: boolean;
  readonly alias?: string;
}

/** A WWW-Authenticate / Proxy-Authenticate challenge (RFC 9110 §11.6.1). */
export interface Challenge {
  /** Auth scheme, e.g. `Bearer` or `Basic`. */
  readonly scheme: string;
  /** Auth params, written as `name="value"` quoted-strings (RFC 9110 §11.2). */
  readonly params?: Readonly<Record<string, string>>;
}

/** The value types of the status-specific constructor options. */
export interface StatusFieldTypes {
  /** Seconds to wait (delay-seconds) or the moment to retry at (IMF-fixdate). */
  retryAfter: number | Date;
  /** Methods the target resource supports, e.g. `['GET', 'HEAD']`. */
  allow: readonly string[];
  /** One or more authentication challenges. */
  challenge: string | Challenge | readonly (string | Challenge)[];
  /** Protocols to switch to, most preferred first, e.g. `['HTTP/2']`. */
  upgrade: string | readonly string[];
  /** The URI of the resource the conflict is with. */
  location: string;
  /** URI of the entity implementing the block (RFC 7725 §4), sent as `Link; rel="blocked-by"`. */
  blockedBy: string;
  /** The complete length of the representation, sent as `Content-Range: bytes *\/N`. */
  completeLength: number;
  /** Media types the resource accepts in requests. */
  accept: readonly string[];
  /** Content codings the resource accepts in requests. */
  acceptEncoding: readonly string[];
}
