import { sleep as defaultSleep, type Sleep } from './sleep';

/** What the `onRetry` hook is told before the client waits and tries again. */
export interface RetryEvent {
  readonly method: string;
  readonly path: string;
  /** The attempt that failed: 1 for the first. */
  readonly attempt: number;
  /** Milliseconds the client waits before the next attempt. */
  readonly delayMs: number;
  /** Whether `delayMs` came from the server's Retry-After (else from the backoff). */
  readonly fromRetryAfter: boolean;
  /** The typed error, `NetworkError` or `TimeoutError` of the failed attempt. */
  readonly error: unknown;
}

/** How a client retries. Every field has a default; `retry: false` (or `0`) turns retries off. */
export interface RetryOptions {
  /** Retries after the first attempt. Default `2`. */
  readonly limit?: number;
  /** Statuses retried. Default `[408, 429, 502, 503, 504]`; network errors and attempt timeouts always are. */
  readonly statuses?: readonly number[];
  /** The backoff of the first retry, in ms, doubling each time. Default `300`. */
  readonly baseDelayMs?: number;
  /** Cap of the computed backoff, in ms. Default `10_000`. */
  readonly maxDelayMs?: number;
  /** Cap of a Retry-After wait, in ms: a longer one is waited this long. Default `30_000`. */
  readonly maxRetryAfterMs?: number;
  /** Called before each wait, for logging. A hook that throws does not break the call. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Source of randomness of the jitter, in `[0, 1)`. Default `Math.random`. */
  readonly random?: () => number;
  /** Waits between attempts; inject one in tests. Default: `setTimeout`, stopped by the call's signal. */
  readonly sleep?: Sleep;
}

/** {@link RetryOptions} with every default applied. */
export interface RetryPolicy {
  readonly limit: number;
  readonly statuses: ReadonlySet<number>;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
  readonly random: () => number;
  readonly sleep: Sleep;
}

const DEFAULT_STATUSES: readonly number[] = [408, 429, 502, 503, 504];

const nonNegative = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && value >= 0 && !Number.isNaN(value) ? value : fallback;

/** Applies defaults; a per-call setting overrides the client's field by field. */
export function resolveRetryPolicy(client: RetryOptions | number | false | undefined, call?: RetryOptions | number | false): RetryPolicy {
  const asOptions = (value: RetryOptions | number | false | undefined): RetryOptions =>
    value === false ? { limit: 0 } : typeof value === 'number' ? { limit: value } : (value ?? {});
  const options = { ...asOptions(client), ...asOptions(call) };
  return {
    limit: Math.floor(nonNegative(options.limit, 2)),
    statuses: new Set(options.statuses ?? DEFAULT_STATUSES),
    baseDelayMs: nonNegative(options.baseDelayMs, 300),
    maxDelayMs: nonNegative(options.maxDelayMs, 10_000),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, 30_000),
    onRetry: options.onRetry,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
  };
}

/**
 * Exponential backoff with full jitter: a uniform draw in `[0, min(maxDelayMs, baseDelayMs * 2^(n-1)))`
 * for retry `n`. Full jitter spreads clients that failed together over the whole window, where a
 * fixed or +/-x% delay brings them back in a herd.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** The wait before retry `retry`: the server's Retry-After when it sent one (capped), else the backoff. */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterSeconds: number | undefined,
): { delayMs: number; fromRetryAfter: boolean } {
  if (retryAfterSeconds !== undefined) {
    return { delayMs: Math.min(Math.ceil(retryAfterSeconds * 1000), policy.maxRetryAfterMs), fromRetryAfter: true };
  }
  return { delayMs: backoffDelay(policy, retry), fromRetryAfter: false };
}
