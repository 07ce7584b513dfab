import type { LogLevel } from './logger';

/**
 * Flood suppression of error log lines (`errorHandler({ logSampling })`): at most `perSecond`
 * lines a second for one status, code and route template; the lines held back are counted, and
 * the count is written as `suppressed` on the next line let through for that key, or in a summary
 * line once the flood stops.
 */
export interface LogSamplingOptions {
  /** Lines written per second for one (status, code, route template); the rest are counted. Default 10. */
  readonly perSecond?: number;
  /**
   * How many (status, code, route) keys are tracked at once. Past it, keys not yet tracked share
   * one budget of `perSecond` lines, so memory stays bounded whatever the traffic. Default 1000.
   */
  readonly maxKeys?: number;
  /** Rate-limit 5xx lines too. Default `false`: every 5xx keeps its line (each is a fault to fix). */
  readonly serverErrors?: boolean;
}

/** The sampling settings, validated. */
export interface LogSamplingConfig {
  readonly perSecond: number;
  readonly maxKeys: number;
  readonly serverErrors: boolean;
}

/** What a sampler needs of the clock: injected in tests. */
export interface SamplingClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): { unref?(): unknown };
}

// Read at call time, not import time: fake timers installed later must be seen.
const SYSTEM_CLOCK: SamplingClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

/** Writes a summary line; the sampler never throws from it. */
export type SummaryWriter = (level: LogLevel, fields: Record<string, unknown>, message: string) => void;

// Samplers holding counts not yet written, reported when the process exits: the last second of a
// flood is not lost with it. Only holding samplers are kept, so an idle handler is never retained.
const holding = new Set<() => void>();
let exitHooked = false;

function reportOnExit(flush: () => void): void {
  holding.add(flush);
  if (exitHooked) return;
  exitHooked = true;
  // Prepended: pino's asynchronous destination flushes on `exit` too (registered when its first
  // line was written, so earlier); our summary lines must be in what it flushes.
  process.prependListener('exit', () => {
    for (const report of [...holding]) report();
  });
}

const WINDOW_MS = 1000;
const MAX_SETTING = 1_000_000;
const OPTION_NAMES = new Set(['perSecond', 'maxKeys', 'serverErrors']);

function count(options: LogSamplingOptions, name: 'perSecond' | 'maxKeys', fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SETTING) {
    throw new TypeError(`errorHandler: logSampling.${name} must be an integer from 1 to ${MAX_SETTING}, not ${String(value)}`);
  }
  return value;
}

/** Validates `logSampling`; `undefined` for `false` (every line written). */
export function resolveLogSampling(option: false | LogSamplingOptions | undefined): LogSamplingConfig | undefined {
  if (option === false) return undefined;
  const options = option === undefined ? {} : option;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('errorHandler: logSampling must be false or an object { perSecond, maxKeys, serverErrors }');
  }
  for (const name of Object.keys(options)) {
    // A typo (`perSec`) would silently keep the default: refuse it at startup.
    if (!OPTION_NAMES.has(name)) throw new TypeError(`errorHandler: logSampling has no option "${name}"`);
  }
  if (options.serverErrors !== undefined && typeof options.serverErrors !== 'boolean') {
    throw new TypeError('errorHandler: logSampling.serverErrors must be a boolean');
  }
  return {
    perSecond: count(options, 'perSecond', 10),
    maxKeys: count(options, 'maxKeys', 1000),
    serverErrors: options.serverErrors === true,
  };
}

interface Bucket {
  /** The one-second window `written` counts in. */
  window: number;
  written: number;
  /** Lines held back since the last one written or summarised. */
  suppressed: number;
  /** For the summary line. */
  level: LogLevel;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly route: string | undefined;
}

/** Admits or holds back each error's log line. */
export interface LogSampler {
  /**
   * `-1` when this line is held back; otherwise how many lines of the same key were held back
   * since its last line (write it as `suppressed` when above 0).
   */
  admit(status: number, code: string, route: string | undefined, level: LogLevel): number;
  /** Writes a summary of every count held, now (on exit). */
  flush(): void;
  /** Keys tracked (at most `maxKeys`). */
  readonly size: number;
}

/**
 * A rate limiter of log lines per (status, code, route), in fixed one-second windows. Bounded:
 * at most `maxKeys` buckets plus one shared overflow bucket; idle buckets with nothing to report
 * are dropped when room is needed. Held-back counts not carried by a later line are written by a
 * summary at the end of their window (an unref'd timer: it never keeps the process alive), or
 * when the process exits.
 */
export function createLogSampler(config: LogSamplingConfig, writeSummary: SummaryWriter, clock: SamplingClock = SYSTEM_CLOCK): LogSampler {
  const buckets = new Map<string, Bucket>();
  const overflow: Bucket = { window: -1, written: 0, suppressed: 0, level: 'warn', status: undefined, code: undefined, route: undefined };
  // Buckets holding a count to report: a subset of `buckets` and `overflow`.
  const pending = new Set<Bucket>();
  let prunedIn = -1;
  let timerSet = false;

  function prune(window: number): void {
    // At most once a window: a flood of new keys must not make every request walk the map.
    if (prunedIn === window) return;
    prunedIn = window;
    for (const [key, bucket] of buckets) if (bucket.window < window && bucket.suppressed === 0) buckets.delete(key);
  }

  function bucketFor(key: string, status: number, code: string, route: string | undefined, window: number): Bucket {
    const known = buckets.get(key);
    if (known !== undefined) return known;
    if (buckets.size >= config.maxKeys) prune(window);
    if (buckets.size >= config.maxKeys) return overflow;
    const bucket: Bucket = { window, written: 0, suppressed: 0, level: 'warn', status, code, route };
    buckets.set(key, bucket);
    return bucket;
  }

  function release(bucket: Bucket): void {
    pending.delete(bucket);
    if (pending.size === 0) holding.delete(flush);
  }

  function flush(): void {
    summarize(Infinity);
  }

  function summarize(window = Math.floor(clock.now() / WINDOW_MS)): void {
    for (const bucket of pending) {
      // Still flooding in this window: its next line (or the next summary) carries the count.
      if (bucket.window >= window) continue;
      const fields: Record<string, unknown> = {};
      if (bucket.status !== undefined) fields.status = bucket.status;
      if (bucket.code !== undefined) fields.code = bucket.code;
      if (bucket.route !== undefined) fields.route = bucket.route;
      fields.suppressed = bucket.suppressed;
      const what = bucket.status === undefined ? 'other errors' : `${bucket.status} ${bucket.code ?? ''}`;
      const message = `suppressed ${bucket.suppressed} log lines of ${what}`;
      bucket.suppressed = 0;
      release(bucket);
      try {
        writeSummary(bucket.level, fields, message);
      } catch {
        // Logging never breaks anything.
      }
    }
  }

  function onTimer(): void {
    timerSet = false;
    summarize();
    if (pending.size > 0) schedule();
  }

  function schedule(): void {
    if (timerSet) return;
    timerSet = true;
    const now = clock.now();
    // Just past the end of the current window.
    const timer = clock.setTimeout(onTimer, WINDOW_MS - (now % WINDOW_MS) + 1);
    timer.unref?.();
  }

  return {
    admit(status, code, route, level) {
      if (status >= 500 && !config.serverErrors) return 0;
      const window = Math.floor(clock.now() / WINDOW_MS);
      const bucket = bucketFor(`${status} ${code} ${route ?? ''}`, status, code, route, window);
      if (bucket.window !== window) {
        bucket.window = window;
        bucket.written = 0;
      }
      if (bucket.written < config.perSecond) {
        bucket.written += 1;
        const held = bucket.suppressed;
        if (held > 0) {
          bucket.suppressed = 0;
          release(bucket);
        }
        return held;
      }
      bucket.suppressed += 1;
      bucket.level = level;
      if (pending.size === 0) reportOnExit(flush);
      pending.add(bucket);
      schedule();
      return -1;
    },
    flush,
    get size() {
      return buckets.size;
    },
  };
}
