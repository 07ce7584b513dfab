import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { parseHttpDate, parseRetryAfter } from '../../src/client';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const clock = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

// The three forms of RFC 9110 §5.6.7, written independently of the parser.
const imf = (d: Date): string =>
  `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ${clock(d)} GMT`;
const rfc850 = (d: Date): string =>
  `${LONG_DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${clock(d)} GMT`;
const asctime = (d: Date): string =>
  `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clock(d)} ${d.getUTCFullYear()}`;

const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37); // RFC 9110's example date
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
// Whole seconds between 1000-01-01 and 9999-12-31: every 4-digit year IMF-fixdate can carry.
const seconds = fc.integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 }).map((s) => s * 1000);

describe('parseHttpDate', () => {
  test('reads the three examples of RFC 9110 §5.6.7 as the same instant', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(EXAMPLE);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(2026, 0, 1))).toBe(EXAMPLE);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(EXAMPLE);
    expect(parseHttpDate('Sun Nov 06 08:49:37 1994')).toBe(EXAMPLE); // date3 allows 2DIGIT too
  });

  test('reads asctime as GMT whatever the local zone, where Date.parse reads it as local time', () => {
    // The zone is fixed when a process starts, so the check runs the parser, bundled, in a child process.
    const { outputFiles } = buildSync({
      entryPoints: [join(__dirname, '../../src/client/retry-after.ts')],
      bundle: true,
      format: 'cjs',
      write: false,
    });
    const script = `${outputFiles[0]!.text}
      const value = 'Sun Nov  6 08:49:37 1994';
      console.log(JSON.stringify([Date.parse(value), module.exports.parseHttpDate(value)]));`;
    const output = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: 'America/New_York' } });
    const [dateParse, ours] = JSON.parse(output.toString()) as [number, number];
    expect(dateParse).toBe(EXAMPLE + 5 * 3600 * 1000); // EST is UTC-5: five hours late
    expect(ours).toBe(EXAMPLE);
  });

  test('property: every IMF-fixdate and asctime date of a 4-digit year reads back to its instant', () => {
    fc.assert(
      fc.property(seconds, (time) => {
        const date = new Date(time);
        expect(parseHttpDate(imf(date))).toBe(time);
        expect(parseHttpDate(asctime(date))).toBe(time);
      }),
    );
  });

  test('property: an RFC 850 two-digit year means the latest such year at most 50 years ahead (RFC 9110 §5.6.7)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2400, 0, 1) / 1000 }).map((s) => s * 1000),
        fc.double({ min: -49.9, max: 49.9, noNaN: true }),
        (time, yearsAhead) => {
          const now = time + Math.round(yearsAhead * YEAR_MS);
          expect(parseHttpDate(rfc850(new Date(time)), now)).toBe(time);
        },
      ),
    );
    // On 1 June 2026, "76" in January is 2076 (49.4 years ahead), in December 1976 (2076 would be 50.5).
    const now = Date.UTC(2026, 5, 1);
    expect(parseHttpDate('Wednesday, 01-Jan-76 00:00:00 GMT', now)).toBe(Date.UTC(2076, 0, 1));
    expect(parseHttpDate('Wednesday, 01-Dec-76 00:00:00 GMT', now)).toBe(Date.UTC(1976, 11, 1));
    expect(parseHttpDate('Thursday, 01-Jan-26 00:00:00 GMT', now)).toBe(Date.UTC(2026, 0, 1));
  });

  test('accepts a leap second as the next second', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2017, 0, 1));
  });

  test.each([
    ['lower-case names (the grammar is case-sensitive)', 'sun, 06 nov 1994 08:49:37 gmt'],
    ['a zone other than GMT', 'Sun, 06 Nov 1994 08:49:37 UTC'],
    ['a numeric offset', 'Sun, 06 Nov 1994 08:49:37 +0000'],
    ['a one-digit day in IMF-fixdate', 'Sun, 6 Nov 1994 08:49:37 GMT'],
    ['a two-digit year in IMF-fixdate', 'Sun, 06 Nov 94 08:49:37 GMT'],
    ['31 February', 'Sun, 31 Feb 1994 08:49:37 GMT'],
    ['hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['minute 60', 'Sun, 06 Nov 1994 08:60:00 GMT'],
    ['second 61', 'Sun, 06 Nov 1994 08:49:61 GMT'],
    ['ISO 8601', '1994-11-06T08:49:37Z'],
    ['asctime with a zone', 'Sun Nov  6 08:49:37 GMT 1994'],
    ['RFC 850 with a short day name', 'Sun, 06-Nov-94 08:49:37 GMT'],
    ['trailing text', 'Sun, 06 Nov 1994 08:49:37 GMT; x'],
    ['empty', ''],
  ])('rejects %s', (_name, value) => {
    expect(parseHttpDate(value)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 22, 4, 0, 0);

  test('reads delay-seconds as seconds', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 7 ')).toBe(7);
  });

  test('reads an HTTP-date in each form as the seconds from now until it, a past date as 0', () => {
    const later = new Date(now + 90_000);
    expect(parseRetryAfter(imf(later), now)).toBe(90);
    expect(parseRetryAfter(rfc850(later), now)).toBe(90);
    expect(parseRetryAfter(asctime(later), now)).toBe(90);
    expect(parseRetryAfter(imf(new Date(now - 90_000)), now)).toBe(0);
  });

  test.each([['-1'], ['1.5'], ['1e3'], ['+5'], ['0x10'], ['soon'], [''], ['5 seconds']])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  test('ignores null and undefined (no header)', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  test('property: any delay-seconds reads back as itself', () => {
    fc.assert(fc.property(fc.nat(), (n) => expect(parseRetryAfter(String(n), now)).toBe(n)));
  });

  test('property: any string gives undefined or a finite number of seconds >= 0, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          seconds.map((t) => imf(new Date(t))),
        ),
        (value) => {
          const result = parseRetryAfter(value, now);
          if (result !== undefined) {
            expect(Number.isFinite(result)).toBe(true);
            expect(result).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
