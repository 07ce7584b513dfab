import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotImplementedError } from '../errors/http-errors.generated';

/**
 * A route handler for a declared but not yet built endpoint: forwards a 501 `not_implemented`
 * whose message (ours, not an internal one, so it is exposed) names the method and route.
 *
 * @example
 * router.post('/reports/:period/exports', notImplemented('Report exports are not available yet.'));
 */
export function notImplemented(message?: string): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return function notImplementedHandler(req, _res, next) {
    next(
      new NotImplementedError(message ?? `${String(req.method).slice(0, 32)} is not implemented for this resource yet.`, { expose: true }),
    );
  };
}
