import { parseHttpDate } from '../client/retry-after';

// RFC 9111 §1.2.2 has caches read any larger delta-seconds as 2^31; writing more only risks an
// exponent (`1e+21`), which is not delay-seconds.
const MAX_DELAY_SECONDS = 2147483648;

/**
 * Formats a Retry-After value (RFC 9110 §10.2.3): a number of seconds as delay-seconds (rounded
 * up, never negative, at most 2^31), a Date as IMF-fixdate. Returns `undefined` for NaN,
 * infinities and dates IMF-fixdate cannot write (invalid, or a year outside 0000-9999).
 *
 * @example
 * formatRetryAfter(1.2); // '2'
 * formatRetryAfter(new Date(Date.UTC(2030, 0, 1))); // 'Tue, 01 Jan 2030 00:00:00 GMT'
 */
export function formatRetryAfter(value: number | Date): string | undefined {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return undefined;
    const year = value.getUTCFullYear();
    return year < 0 || year > 9999 ? undefined : formatHttpDate(time);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return String(Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(value))));
}

/**
 * IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`; `toUTCString` writes exactly
 * that form for years 0000-9999.
 *
 * @example formatHttpDate(0); // 'Thu, 01 Jan 1970 00:00:00 GMT'
 */
export function formatHttpDate(time: number | Date): string {
  return new Date(time).toUTCString();
}

// delay-seconds, or a decimal number of seconds an app may have meant (`5.5`), nothing else.
const SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Rewrites a Retry-After value given as a plain header (not through the typed `retryAfter`
 * option) into its grammar (RFC 9110 §10.2.3): delay-seconds, a decimal rounded up (`5.5` -> `6`,
 * at most 2^31), or an HTTP-date in any of the three forms recipients accept, written as
 * IMF-fixdate. Returns `undefined` for anything else (`-1`, `soon`, `1e3`): such a header is
 * better left out than sent.
 *
 * @example
 * normalizeRetryAfter('5.5'); // '6'
 * normalizeRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT'); // 'Sun, 06 Nov 1994 08:49:37 GMT'
 * normalizeRetryAfter('soon'); // undefined
 */
export function normalizeRetryAfter(value: string): string | undefined {
  const trimmed = value.trim();
  if (SECONDS.test(trimmed)) return formatRetryAfter(Number(trimmed));
  const time = parseHttpDate(trimmed);
  return time === undefined ? undefined : formatRetryAfter(new Date(time));
}
