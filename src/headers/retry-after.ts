/**
 * Formats a Retry-After value (RFC 9110 §10.2.3): a number of seconds as delay-seconds (rounded
 * up, never negative), a Date as IMF-fixdate. Returns `undefined` for NaN, infinities and invalid dates.
 */
export function formatRetryAfter(value: number | Date): string | undefined {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : formatHttpDate(time);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return String(Math.max(0, Math.ceil(value)));
}

/** IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`; `toUTCString` writes exactly that form. */
export function formatHttpDate(time: number | Date): string {
  return new Date(time).toUTCString();
}
