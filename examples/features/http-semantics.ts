import { rateLimit } from 'express-rate-limit';
import { ServiceUnavailableError, TooManyRequestsError } from '../../src';
import type { ExampleFeature } from './feature';

/** Issue 3: maintenance (503), rate limits (429), 405/406/426/501/502/504, success helpers. */
export const httpSemantics: ExampleFeature = {
  early(app, { options }) {
    app.use((_req, _res, next) => {
      if (options.maintenance === undefined) return next();
      next(new ServiceUnavailableError('The API is down for maintenance.', { retryAfter: options.maintenance, expose: true }));
    });
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: options.rateLimit ?? 100,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (req, _res, next) => {
          const reset = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
          next(new TooManyRequestsError(undefined, { retryAfter: reset ? (reset.getTime() - Date.now()) / 1000 : 60 }));
        },
      }),
    );
  },
};
