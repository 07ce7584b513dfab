import type { IncomingMessage, ServerResponse } from 'node:http';
import { TooManyRequestsError } from '../errors/http-errors.generated';
import {
  assertRateLimitHeadersOptions,
  formatRateLimitHeaders,
  rateLimitState,
  secondsUntilReset,
  type RateLimitHeadersOptions,
} from './rate-limit-headers';

/** The options express-rate-limit passes to its `handler` (the fields read here). */
export interface RateLimiterOptionsUsed {
  readonly windowMs: number;
  readonly requestPropertyName?: string;
}

/** Options of {@link rateLimitHandler}. */
export interface RateLimitHandlerOptions extends Omit<RateLimitHeadersOptions, 'windowMs' | 'requestPropertyName'> {
  /** Client message of the 429. Default: the catalog's. */
  readonly message?: string;
}

/** The `handler` signature of express-rate-limit, typed without depending on it. */
export type RateLimitExceededHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
  optionsUsed: RateLimiterOptionsUsed,
) => void;

/**
 * A ready `handler` for express-rate-limit: instead of answering itself, the limiter forwards a
 * `TooManyRequestsError` (429 `rate_limit_exceeded`) to `errorHandler`, with `Retry-After` from
 * the limiter's reset time (the whole window when the store gives none) and the RateLimit header
 * fields (draft-10 by default, see {@link formatRateLimitHeaders}).
 *
 * @example
 * import { rateLimit } from 'express-rate-limit';
 * app.use(rateLimit({
 *   windowMs: 60_000, limit: 100,
 *   standardHeaders: false, legacyHeaders: false,
 *   handler: rateLimitHandler(),
 * }));
 */
export function rateLimitHandler(options: RateLimitHandlerOptions = {}): RateLimitExceededHandler {
  assertRateLimitHeadersOptions(options);
  return function rateLimitExceeded(req, _res, next, optionsUsed) {
    const state = rateLimitState(req, optionsUsed.requestPropertyName ?? 'rateLimit');
    const windowSeconds = Math.max(1, Math.ceil(optionsUsed.windowMs / 1000));
    // Retry-After takes precedence over `t` (draft-10 §7); never 0, which invites a retry storm.
    const reset = state === undefined ? undefined : secondsUntilReset(state);
    const retryAfter = Math.max(1, reset ?? windowSeconds);
    const headers =
      state === undefined ? {} : formatRateLimitHeaders({ ...state, remaining: 0 }, { ...options, windowMs: optionsUsed.windowMs });
    next(new TooManyRequestsError(options.message, { retryAfter, headers }));
  };
}
