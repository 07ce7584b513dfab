import type { IncomingMessage, ServerResponse } from 'node:http';
import { withoutQuery } from '../utils/request-path';

/** A plain Connect-style middleware: what Express 4 and 5 both accept. */
export type HttpMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The path of `req.url` (relative to where the middleware is mounted), without the query string. */
export function urlPath(req: IncomingMessage): string {
  return withoutQuery(req.url ?? '/');
}
