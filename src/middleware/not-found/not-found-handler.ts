import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundError } from '../../errors/http-errors.generated';
import { requestPath } from '../../utils/request-path';
import { answerOptions, deferredOptionsAllow } from '../../http/options-response';

const MAX_PATH_IN_MESSAGE = 256;

/**
 * The catch-all 404, mounted after the routes and before {@link errorHandler}: forwards a
 * `NotFoundError` (code `resource_not_found`) naming the method and path. A response whose
 * headers were already sent is left to whoever is writing it, as Express's own final handler
 * does: it is not a 404, and forwarding an error would make Express cut it off. An OPTIONS
 * request `methodNotAllowed()` found routes for is answered 204 with `Allow` instead.
 *
 * @example app.use(notFoundHandler());
 */
export function notFoundHandler(): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return function notFound(req, res, next) {
    if (res.headersSent) return;
    // A CORS preflight methodNotAllowed() passed on and no CORS middleware answered.
    const allow = deferredOptionsAllow(req);
    if (allow !== undefined) return answerOptions(res, allow);
    const path = requestPath(req).slice(0, MAX_PATH_IN_MESSAGE);
    next(new NotFoundError(`No route matches ${req.method ?? 'GET'} ${path}`));
  };
}
