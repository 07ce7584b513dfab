import type { IncomingMessage, ServerResponse } from 'node:http';
import { getState, OPTIONS_ALLOW, setState } from '../request-state';

/**
 * A CORS preflight: OPTIONS with `Origin` and `Access-Control-Request-Method` (Fetch standard,
 * "CORS-preflight request"). A CORS middleware answers these, possibly mounted further down.
 */
export function isCorsPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
}

/** Remembers the `Allow` list of an OPTIONS request passed on, for {@link deferredOptionsAllow}. */
export function deferOptionsResponse(req: IncomingMessage, allow: readonly string[]): void {
  // How methodNotAllowed hands a CORS preflight's answer on to notFoundHandler.
  setState(req, OPTIONS_ALLOW, allow);
}

/** The `Allow` list of an OPTIONS request nobody answered after methodNotAllowed passed it on. */
export function deferredOptionsAllow(req: IncomingMessage): readonly string[] | undefined {
  return req.method === 'OPTIONS' ? getState(req, OPTIONS_ALLOW) : undefined;
}

/**
 * Answers OPTIONS (RFC 9110 §9.3.7) with 204 and `Allow`; no `Content-Length` on a 204 (§8.6),
 * and no caching headers since OPTIONS responses are not cacheable.
 */
export function answerOptions(res: ServerResponse, allow: readonly string[]): void {
  res.statusCode = 204;
  res.setHeader('Allow', allow.join(', '));
  res.end();
}
