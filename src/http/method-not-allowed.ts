import type { IncomingMessage } from 'node:http';
import { MethodNotAllowedError } from '../errors/http-errors.generated';
import { allowedMethods, type RouterSource } from './allowed-methods';
import { urlPath, type HttpMiddleware } from './middleware';
import { answerOptions, deferOptionsResponse, isCorsPreflight } from './options-response';

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
 * OPTIONS on such a path is never a 405: it is answered 204 with `Allow` (OPTIONS listed,
 * RFC 9110 §9.3.7). A CORS preflight is first passed on, so a CORS middleware mounted after this
 * one still answers it; `notFoundHandler()` answers it with the same 204 if none does.
 *
 * @example
 * app.use('/users', usersRouter);
 * app.use(methodNotAllowed()); // DELETE /users -> 405, Allow: GET, HEAD, POST
 * app.use(notFoundHandler());
 * app.use(errorHandler());
 */
export function methodNotAllowed(options: MethodNotAllowedOptions = {}): HttpMiddleware {
  return function methodNotAllowedMiddleware(req, res, next) {
    const source = options.router ?? (req as IncomingMessage & { app?: RouterSource }).app;
    if (source === undefined) return next();
    const allow = allowedMethods(source, urlPath(req));
    // No route for the path (a 404), or one that matches the method but passed the request on.
    if (allow.length === 0 || allow.includes(req.method ?? 'GET')) return next();
    if (req.method === 'OPTIONS') {
      const withOptions = [...allow, 'OPTIONS'];
      if (!isCorsPreflight(req)) return answerOptions(res, withOptions);
      deferOptionsResponse(req, withOptions);
      return next();
    }
    const method = String(req.method).slice(0, 32);
    next(new MethodNotAllowedError(`The ${method} method is not allowed here; use ${allow.join(', ')}.`, { allow }));
  };
}
