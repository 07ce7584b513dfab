// RFC 9110 §5.6.7 HTTP-date. Senders use IMF-fixdate; recipients MUST also accept the obsolete
// RFC 850 and asctime forms. The names are case-sensitive. `Date.parse` is no substitute: it reads
// asctime (which has no zone and means GMT) as local time, and accepts many forms HTTP does not.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850_DATE = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
// Sun Nov  6 08:49:37 1994
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} (\\d{2}| \\d) ${TIME} (\\d{4})$`);
const DELAY_SECONDS = /^\d+$/;

/** Epoch milliseconds of a UTC date, or `undefined` when a field is out of range (`31 Feb`, `25:00:00`). */
function utc(year: number, month: string, day: string, hour: string, minute: string, second: string): number | undefined {
  const m = MONTHS.indexOf(month);
  const [d, h, min, s] = [Number(day), Number(hour), Number(minute), Number(second)];
  // Second 60 is a leap second (RFC 9110 §5.6.7 allows it); it is read as the next second.
  if (h > 23 || min > 59 || s > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, m, d); // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== m || date.getUTCDate() !== d) return undefined;
  date.setUTCHours(h, min, s);
  return date.getTime();
}

/**
 * RFC 9110 §5.6.7: an RFC 850 date (two-digit year) that appears to be more than 50 years in the
 * future means the most recent past year with the same last two digits.
 */
function rfc850Time(twoDigits: number, rest: readonly string[], now: number): number | undefined {
  const [month, day, hour, minute, second] = rest as [string, string, string, string, string];
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 50);
  // The latest year ending in these digits that can still be at most 50 years ahead, or the one before.
  const latest = limit.getUTCFullYear() - (limit.getUTCFullYear() % 100) + twoDigits;
  for (const year of [latest, latest - 100, latest - 200]) {
    const time = utc(year, month, day, hour, minute, second);
    if (time !== undefined && time <= limit.getTime()) return time;
  }
  return undefined;
}

/**
 * Parses an HTTP-date in any of the three forms RFC 9110 §5.6.7 makes recipients accept:
 * IMF-fixdate, RFC 850 and asctime (read as GMT). Returns epoch milliseconds, or `undefined` for
 * anything else.
 *
 * @example
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'); // 784111777000
 * parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT'); // 784111777000
 * parseHttpDate('Sun Nov  6 08:49:37 1994');       // 784111777000
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match !== null) {
    const [, day, month, year, hour, minute, second] = match as unknown as string[];
    return utc(Number(year), month!, day!, hour!, minute!, second!);
  }
  match = RFC850_DATE.exec(value);
  if (match !== null) {
    const [, day, month, year, hour, minute, second] = match as unknown as string[];
    return rfc850Time(Number(year), [month!, day!, hour!, minute!, second!], now);
  }
  match = ASCTIME_DATE.exec(value);
  if (match !== null) {
    const [, month, day, hour, minute, second, year] = match as unknown as string[];
    return utc(Number(year), month!, day!.trim(), hour!, minute!, second!);
  }
  return undefined;
}

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date in any accepted
 * form. Returns the number of seconds to wait from `now` (never negative; a date in the past is
 * `0`), or `undefined` when the value is neither, so the caller falls back to its own backoff.
 *
 * `now` is the reference time for dates: pass the response's `Date` header when there is one, so a
 * client whose clock is off still waits as long as the server meant.
 *
 * @example
 * parseRetryAfter('120');                            // 120
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT',
 *   Date.parse('Wed, 21 Oct 2015 07:27:30 GMT'));    // 30
 * parseRetryAfter('soon');                           // undefined
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string') return undefined;
  // Header values arrive without surrounding whitespace from fetch; a raw string may still have it.
  const trimmed = value.trim();
  if (DELAY_SECONDS.test(trimmed)) return Number(trimmed);
  const date = parseHttpDate(trimmed, now);
  if (date === undefined) return undefined;
  return Math.max(0, (date - now) / 1000);
}
