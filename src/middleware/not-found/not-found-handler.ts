import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundError } from '../../errors/http-errors.generated';
import { requestPath } from '../../utils/request-path';

const MAX_PATH_IN_MESSAGE = 256;

/**
 * The catch-all 404, mounted after the routes and before {@link errorHandler}: forwards a
 * `NotFoundError` (code `resource_not_found`) naming the method and path.
 *
 * @example app.use(notFoundHandler());
 */
export function notFoundHandler(): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return function notFound(req, _res, next) {
    const path = requestPath(req).slice(0, MAX_PATH_IN_MESSAGE);
    next(new NotFoundError(`No route matches ${req.method ?? 'GET'} ${path}`));
  };
}
