import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { LIBRARY_CODES } from '../catalog/codes';
import { ServiceUnavailableError } from '../errors/http-errors.generated';
import { urlPath, type HttpMiddleware } from './middleware';

/**
 * Options of {@link maintenanceMode}. `Req` is the request type the functions receive: Express's
 * `Request` by default.
 */
export interface MaintenanceModeOptions<Req extends IncomingMessage = Request> {
  /**
   * Whether maintenance is on; a function is called on every request (a flag, a file, an env var,
   * or the request itself: maintenance for one tenant).
   */
  readonly enabled: boolean | ((req: Req) => boolean);
  /**
   * Seconds to wait, or when the maintenance ends, sent as `Retry-After` (RFC 9110 §10.2.3); a
   * function is called for each request answered 503.
   */
  readonly retryAfter?: number | Date | ((req: Req) => number | Date | undefined);
  /** Paths still served during maintenance (health checks): exact strings or patterns. Default `['/health']`. */
  readonly allow?: readonly (string | RegExp)[];
  /** Client message. Default: the `maintenance` message. */
  readonly message?: string;
}

/**
 * While enabled, answers 503 `maintenance` with `Retry-After` to every request except the
 * allow-listed paths (health checks by default), so load balancers keep the instance in rotation.
 *
 * @example
 * app.use(maintenanceMode({
 *   enabled: () => process.env.MAINTENANCE === '1',
 *   retryAfter: new Date('2026-01-01T06:00:00Z'),
 *   allow: ['/health', /^\/status\//],
 * }));
 */
export function maintenanceMode<Req extends IncomingMessage = Request>(options: MaintenanceModeOptions<Req>): HttpMiddleware {
  const allow = options.allow ?? ['/health'];
  const message = options.message ?? LIBRARY_CODES.maintenance.message;
  const enabled = options.enabled;
  const isOn = typeof enabled === 'function' ? enabled : () => enabled === true;

  return function maintenanceModeMiddleware(incoming, _res, next) {
    // Express hands every middleware its own Request, the type `Req` describes.
    const req = incoming as Req;
    if (!isOn(req)) return next();
    const path = urlPath(req);
    if (allow.some((entry) => (typeof entry === 'string' ? entry === path : entry.test(path)))) return next();
    const retryAfter = typeof options.retryAfter === 'function' ? options.retryAfter(req) : options.retryAfter;
    next(
      new ServiceUnavailableError(message, {
        code: 'maintenance',
        expose: true,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      }),
    );
  };
}
