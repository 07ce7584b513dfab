import type { IncomingMessage } from 'node:http';
import { MethodNotAllowedError } from '../errors/http-errors.generated';
import { allowedMethods, type RouterSource } from './allowed-methods';
import { urlPath, type HttpMiddleware } from './middleware';

/** Options of {@link methodNotAllowed}. */
export interface MethodNotAllowedOptions {
  /**
   * The app or router whose routes are inspected. Default: the app of the request (`req.app`),
   * which is right when the middleware is mounted on the app itself.
   */
  readonly router?: RouterSource;
}

/**
 * Answers 405 with a computed `Allow` header when the path matches a route but the method does not,
 * instead of the catch-all 404 (RFC 9110 §15.5.6). Mount it after every route and before
 * `notFoundHandler()`: only unmatched requests reach it, so matched requests pay nothing. Routes on
 * the app and on routers mounted with `app.use(path, router)` are found, in Express 4 and 5.
 *
 * @example
 * app.use('/users', usersRouter);
 * app.use(methodNotAllowed()); // DELETE /users -> 405, Allow: GET, HEAD, POST
 * app.use(notFoundHandler());
 * app.use(errorHandler());
 */
export function methodNotAllowed(options: MethodNotAllowedOptions = {}): HttpMiddleware {
  return function methodNotAllowedMiddleware(req, _res, next) {
    const source = options.router ?? (req as IncomingMessage & { app?: RouterSource }).app;
    if (source === undefined) return next();
    const allow = allowedMethods(source, urlPath(req));
    // No route for the path (a 404), or one that matches the method but passed the request on.
    if (allow.length === 0 || allow.includes(req.method ?? 'GET')) return next();
    const method = String(req.method).slice(0, 32);
    next(new MethodNotAllowedError(`The ${method} method is not allowed here; use ${allow.join(', ')}.`, { allow }));
  };
}
