import type { IncomingMessage } from 'node:http';

const MAX_PATH = 2048;

// absolute-form (RFC 9112 §3.2.2) = scheme "://" authority path-abempty [ "?" query ]; the
// scheme (RFC 3986 §3.1) is what tells it from origin-form, which always starts with "/".
const SCHEME_AND_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/;

/**
 * The path of a request target (RFC 9112 §3.2) without its query: origin-form `/foo?x=1` and
 * absolute-form `http://host/foo?x=1` both give `/foo` (an empty absolute-form path is `/`), the
 * way Express routes them. Anything else (`*`) is returned as is.
 */
export function targetPath(target: string): string {
  const path = withoutQuery(target);
  if (path.startsWith('/')) return path;
  const prefix = SCHEME_AND_AUTHORITY.exec(path);
  if (prefix === null) return path;
  const rest = path.slice(prefix[0].length);
  return rest === '' ? '/' : rest;
}

/**
 * The path of a request without scheme, host and query string (which may carry tokens), bounded
 * in length: what is safe to log and to name as a problem's `instance`.
 */
export function requestPath(req: IncomingMessage): string {
  const path = targetPath((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/');
  return path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path;
}

/** `url` without its query string (and fragment, which a request target never has but a URL may). */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

// Everything RFC 3986 allows in a path; Node's parser lets a few more through (`|`, `^`, `{`, a
// stray `%`), which would make `instance` an invalid URI reference.
const NOT_IN_URI_PATH = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]|%(?![0-9A-Fa-f]{2})/g;

/**
 * {@link requestPath} as a path-absolute URI reference, for a problem's `instance`: percent-encoded
 * where RFC 3986 requires, and with leading slashes collapsed to one, since `//evil.example/x`
 * would be a network-path reference naming another host (RFC 3986 §4.2).
 */
export function requestInstance(req: IncomingMessage): string {
  const path = requestPath(req).replace(/^\/+/, '/');
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return absolute.replace(NOT_IN_URI_PATH, (char) => (char === '%' ? '%25' : encodeURIComponent(char)));
}
