import type { IncomingMessage } from 'node:http';

const MAX_PATH = 2048;

/**
 * The path of a request without its query string (which may carry tokens), bounded in length:
 * what is safe to log and to name as a problem's `instance`.
 */
export function requestPath(req: IncomingMessage): string {
  const path = withoutQuery((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/');
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

/** {@link requestPath} percent-encoded into a valid URI reference, for a problem's `instance`. */
export function requestInstance(req: IncomingMessage): string {
  return requestPath(req).replace(NOT_IN_URI_PATH, (char) => (char === '%' ? '%25' : encodeURIComponent(char)));
}
