// RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds (1*DIGIT); senders write HTTP-dates
// as IMF-fixdate (§5.6.7). Whatever reaches the handler through `headers` is written in that
// grammar or not at all.
import createHttpError from 'http-errors';
import request from 'supertest';
import { ServiceUnavailableError, TooManyRequestsError } from '../../src';
import { normalizeRetryAfter } from '../../src/http';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, flushLogs, type ExpressFactory } from '../helpers/app';

describe.each(EXPRESS_VERSIONS)('Retry-After from `headers` on %s', (_name, express: ExpressFactory) => {
  test.each<[string, string | number, string]>([
    ['a fraction rounds up', '5.5', '6'],
    ['a number option', 5.5, '6'],
    ['delay-seconds stay', '120', '120'],
    ['leading zeros go', '007', '7'],
    ['surrounding spaces go', ' 30 ', '30'],
    ['a huge delay is capped at 2^31 (RFC 9111 §1.2.2)', '99999999999999999999', '2147483648'],
    ['an IMF-fixdate stays', 'Sun, 06 Nov 2044 08:49:37 GMT', 'Sun, 06 Nov 2044 08:49:37 GMT'],
    ['an asctime date becomes IMF-fixdate', 'Sun Nov  6 08:49:37 2044', 'Sun, 06 Nov 2044 08:49:37 GMT'],
    ['an RFC 850 date becomes IMF-fixdate', 'Sunday, 06-Nov-44 08:49:37 GMT', 'Sun, 06 Nov 2044 08:49:37 GMT'],
  ])('%s: %j -> %s', async (_label, given, expected) => {
    const res = await request(
      appThrowing(() => new ServiceUnavailableError('Down', { headers: { 'Retry-After': given } }), { express }),
    ).get('/throw');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe(expected);
  });

  test.each(['-1', 'soon', '1e3', '0x10', '5 seconds', 'Sun, 06 Nov 2044 08:49:37 UTC', 'Sun, 31 Feb 2044 08:49:37 GMT', '', '+5', '-0.5'])(
    '%j is dropped and logged without its value',
    async (given) => {
      const { logger, lines } = captureLogger();
      const res = await request(
        appThrowing(() => new TooManyRequestsError(undefined, { headers: { 'retry-after': given } }), { express, handler: { logger } }),
      ).get('/throw');
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeUndefined();
      await flushLogs();
      const dropped = lines.filter((line) => line.msg === 'dropped an invalid Retry-After header');
      expect(dropped).toEqual([
        expect.objectContaining({ level: 40, header: 'retry-after', status: 429, request_id: res.body.meta.request_id }),
      ]);
      if (given.trim() !== '') for (const line of lines) expect(Object.values(line)).not.toContain(given);
      expect(JSON.stringify(dropped)).not.toContain('soon');
    },
  );

  test("a foreign error's Retry-After (an exposed http-errors 429) is normalised too", async () => {
    const res = await request(appThrowing(() => createHttpError(429, { headers: { 'Retry-After': '2.1' } }), { express })).get('/throw');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
  });

  test('the typed retryAfter option is unchanged', async () => {
    const res = await request(appThrowing(() => new ServiceUnavailableError(undefined, { retryAfter: 0.2 }), { express })).get('/throw');
    expect(res.headers['retry-after']).toBe('1');
  });
});

describe('normalizeRetryAfter', () => {
  test.each([
    ['0', '0'],
    ['1.0001', '2'],
    ['Thu, 01 Jan 1970 00:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT'],
  ])('%j -> %j', (given, expected) => {
    expect(normalizeRetryAfter(given)).toBe(expected);
  });

  test.each(['', 'NaN', 'Infinity', '-Infinity', '.', '1.', '.5', '1,5', 'tomorrow'])('%j -> undefined', (given) => {
    expect(normalizeRetryAfter(given)).toBeUndefined();
  });
});
