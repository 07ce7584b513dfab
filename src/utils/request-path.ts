import type { IncomingMessage } from 'node:http';

const MAX_PATH = 2048;

/**
 * The path of a request without its query string (which may carry tokens), bounded in length:
 * what is safe to log and to name as a problem's `instance`.
 */
export function requestPath(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path;
}
