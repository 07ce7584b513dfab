import { LIBRARY_CODES } from '../catalog/codes';
import { ServiceUnavailableError } from '../errors/http-errors.generated';
import { urlPath, type HttpMiddleware } from './middleware';

/** Options of {@link maintenanceMode}. */
export interface MaintenanceModeOptions {
  /** Whether maintenance is on; a function is read on every request (a flag, a file, an env var). */
  readonly enabled: boolean | (() => boolean);
  /** Seconds to wait, or when the maintenance ends, sent as `Retry-After` (RFC 9110 §10.2.3). */
  readonly retryAfter?: number | Date | (() => number | Date | undefined);
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
export function maintenanceMode(options: MaintenanceModeOptions): HttpMiddleware {
  const allow = options.allow ?? ['/health'];
  const message = options.message ?? LIBRARY_CODES.maintenance.message;
  const isOn = typeof options.enabled === 'function' ? options.enabled : () => options.enabled === true;

  return function maintenanceModeMiddleware(req, _res, next) {
    if (!isOn()) return next();
    const path = urlPath(req);
    if (allow.some((entry) => (typeof entry === 'string' ? entry === path : entry.test(path)))) return next();
    const retryAfter = typeof options.retryAfter === 'function' ? options.retryAfter() : options.retryAfter;
    next(
      new ServiceUnavailableError(message, {
        code: 'maintenance',
        expose: true,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      }),
    );
  };
}
