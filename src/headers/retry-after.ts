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
