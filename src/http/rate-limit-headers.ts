import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMiddleware } from './middleware';

/** What express-rate-limit stores on the request (`req.rateLimit` by default). */
export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  readonly resetTime?: Date | undefined;
}

/**
 * Which RateLimit header fields to write: `draft-10` (`RateLimit-Policy` and `RateLimit`, the
 * current IETF draft), `draft-6` (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`),
 * or `false` for none.
 */
export type RateLimitHeadersForm = 'draft-10' | 'draft-6' | false;

/** Options of {@link rateLimitHeaders} and {@link rateLimitHandler}. */
export interface RateLimitHeadersOptions {
  /** Header form. Default `draft-10`. */
  readonly form?: RateLimitHeadersForm;
  /** Policy name in the draft-10 fields, a Structured Field string. Default `default`. */
  readonly policy?: string;
  /** The limiter's window in milliseconds, sent as `w`; the handler reads it from the limiter. */
  readonly windowMs?: number;
  /** Request property express-rate-limit stores its state in. Default `rateLimit`. */
  readonly requestPropertyName?: string;
}

function nonNegativeInt(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}

/** Seconds until the quota comes back, rounded up; `undefined` when the store gives no reset time. */
export function secondsUntilReset(state: RateLimitState, now = Date.now()): number | undefined {
  const reset = state.resetTime;
  if (!(reset instanceof Date) || Number.isNaN(reset.getTime())) return undefined;
  return Math.max(0, Math.ceil((reset.getTime() - now) / 1000));
}

// RFC 9651 §3.3.3 String: printable ASCII with `"` and `\` escaped.
function sfString(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new TypeError(`rate limit policy "${value}" must be printable ASCII`);
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The RateLimit header fields for one request's limiter state, by name:
 * draft-10 `RateLimit-Policy: "default";q=100;w=60` and `RateLimit: "default";r=42;t=30`
 * (reference §5), or the draft-6 trio.
 *
 * @example
 * formatRateLimitHeaders({ limit: 100, remaining: 42, resetTime }, { windowMs: 60_000 });
 * // { 'RateLimit-Policy': '"default";q=100;w=60', RateLimit: '"default";r=42;t=30' }
 */
export function formatRateLimitHeaders(
  state: RateLimitState,
  options: RateLimitHeadersOptions = {},
  now = Date.now(),
): Record<string, string> {
  const form = options.form ?? 'draft-10';
  if (form === false) return {};
  const limit = nonNegativeInt(state.limit);
  const remaining = nonNegativeInt(state.remaining);
  const reset = secondsUntilReset(state, now);
  if (form === 'draft-6') {
    return {
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(remaining),
      ...(reset === undefined ? {} : { 'RateLimit-Reset': String(reset) }),
    };
  }
  const name = sfString(options.policy ?? 'default');
  const window = options.windowMs === undefined ? undefined : Math.max(1, Math.ceil(options.windowMs / 1000));
  return {
    'RateLimit-Policy': `${name};q=${limit}${window === undefined ? '' : `;w=${window}`}`,
    RateLimit: `${name};r=${remaining}${reset === undefined ? '' : `;t=${reset}`}`,
  };
}

/** Throws at start-up, not on every request, when the options can never be written. */
export function assertRateLimitHeadersOptions(options: RateLimitHeadersOptions): void {
  if (options.policy !== undefined) sfString(options.policy);
}

/** The limiter state express-rate-limit left on the request, if any. */
export function rateLimitState(req: IncomingMessage, property = 'rateLimit'): RateLimitState | undefined {
  const state = (req as unknown as Record<string, unknown>)[property];
  if (typeof state !== 'object' || state === null) return undefined;
  const { limit, remaining } = state as Partial<RateLimitState>;
  return typeof limit === 'number' && typeof remaining === 'number' ? (state as RateLimitState) : undefined;
}

function setAll(res: ServerResponse, headers: Record<string, string>): void {
  for (const name in headers) res.setHeader(name, headers[name] as string);
}

/**
 * Writes the RateLimit header fields on every response a limiter let through. Mount it right
 * after an express-rate-limit limiter configured with `standardHeaders: false`.
 *
 * @example
 * app.use(rateLimit({ windowMs: 60_000, limit: 100, standardHeaders: false, legacyHeaders: false, handler: rateLimitHandler() }));
 * app.use(rateLimitHeaders({ windowMs: 60_000 }));
 */
export function rateLimitHeaders(options: RateLimitHeadersOptions = {}): HttpMiddleware {
  assertRateLimitHeadersOptions(options);
  const property = options.requestPropertyName ?? 'rateLimit';
  return function rateLimitHeadersMiddleware(req, res, next) {
    const state = rateLimitState(req, property);
    if (state !== undefined && !res.headersSent) setAll(res, formatRateLimitHeaders(state, options));
    next();
  };
}
