import type { IncomingMessage, ServerResponse } from 'node:http';
import { targetPath } from '../utils/request-path';

/** A plain Connect-style middleware: what Express 4 and 5 both accept. */
export type HttpMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The path of `req.url` (relative to where the middleware is mounted) without scheme, host and
 * query string: an absolute-form target (RFC 9112 §3.2.2) gives the same path as origin-form.
 */
export function urlPath(req: IncomingMessage): string {
  return targetPath(req.url ?? '/');
}
