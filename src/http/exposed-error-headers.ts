import { REQUEST_ID_HEADER } from '../middleware/request-id/request-id';

/**
 * The response headers of errors that a script on another origin needs, for
 * `Access-Control-Expose-Headers`. A cross-origin `fetch` only shows the Fetch standard's
 * CORS-safelisted response headers (`Content-Type`, `Cache-Control`, ...) unless the API exposes others:
 * without this list a browser client sees no `Retry-After` (and falls back to its own backoff) and
 * no `X-Request-Id`.
 *
 * - `X-Request-Id`: the id to quote to support (`requestId()`'s default header; add yours if you changed it).
 * - `Retry-After` (413, 429, 503) and `Date`, against which an HTTP-date `Retry-After` is measured.
 * - `RateLimit`, `RateLimit-Policy`: what `rateLimitHandler` writes on a 429 (draft-10 form).
 * - The status-specific headers of the catalog: `WWW-Authenticate` (401), `Allow` (405),
 *   `Location` (409), `Accept` and `Accept-Encoding` (415), `Content-Range` (416), `Upgrade` (426),
 *   `Link` (451). `Proxy-Authenticate` is left out: a browser turns a 407 into a network error.
 *
 * @example
 * import cors from 'cors';
 * app.use(cors({ origin: 'https://app.example.com', exposedHeaders: [...EXPOSED_ERROR_HEADERS] }));
 */
export const EXPOSED_ERROR_HEADERS: readonly string[] = Object.freeze([
  REQUEST_ID_HEADER,
  'Retry-After',
  'Date',
  'RateLimit',
  'RateLimit-Policy',
  'WWW-Authenticate',
  'Allow',
  'Location',
  'Accept',
  'Accept-Encoding',
  'Content-Range',
  'Upgrade',
  'Link',
]);
