import request from 'supertest';
import {
  ConflictError,
  ContentTooLargeError,
  MethodNotAllowedError,
  NotFoundError,
  ProxyAuthenticationRequiredError,
  RangeNotSatisfiableError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnavailableForLegalReasonsError,
  UnsupportedMediaTypeError,
  UpgradeRequiredError,
  createError,
  errorHandler,
  type ErrorHandlerOptions,
} from '../../src';
import { formatChallenge, formatRetryAfter } from '../../src/http';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('formatRetryAfter (RFC 9110 §10.2.3)', () => {
  test.each([
    [0, '0'],
    [1, '1'],
    [1.2, '2'],
    [0.001, '1'],
    [29.999, '30'],
    [-5, '0'],
    [-0.5, '0'],
    [1e21, '2147483648'],
    [Number.MAX_VALUE, '2147483648'],
  ])('%d seconds -> %s', (seconds, expected) => {
    expect(formatRetryAfter(seconds)).toBe(expected);
    expect(formatRetryAfter(seconds)).toMatch(/^\d+$/);
  });

  test.each([NaN, Infinity, -Infinity])('%d -> no header', (seconds) => {
    expect(formatRetryAfter(seconds)).toBeUndefined();
  });

  test('a Date is an IMF-fixdate', () => {
    expect(formatRetryAfter(new Date(Date.UTC(1994, 10, 6, 8, 49, 37)))).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
    expect(formatRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 0, 999)))).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
  });

  test.each([new Date(NaN), new Date(Date.UTC(10000, 0, 1)), new Date(Date.UTC(-1, 0, 1))])(
    'a Date IMF-fixdate cannot write (%s) -> no header',
    (date) => {
      expect(formatRetryAfter(date)).toBeUndefined();
    },
  );
});

describe('formatChallenge (RFC 9110 §11.6.1)', () => {
  test.each([
    ['Bearer', 'Bearer'],
    [{ scheme: 'Bearer' }, 'Bearer'],
    [{ scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } }, 'Bearer realm="api", error="invalid_token"'],
    [{ scheme: 'Basic', params: { realm: 'say "hi" \\ bye' } }, 'Basic realm="say \\"hi\\" \\\\ bye"'],
    [{ scheme: 'Bearer', params: { 'bad name': 'x', realm: 'r' } }, 'Bearer realm="r"'],
    [['Basic realm="a"', { scheme: 'Bearer', params: { realm: 'b' } }], 'Basic realm="a", Bearer realm="b"'],
    [{ scheme: 'Bad Scheme', params: { realm: 'x' } }, ''],
    [[{ scheme: '' }, 'Basic'], 'Basic'],
    [null, ''],
    [{ scheme: 'Bearer', params: null }, 'Bearer'],
  ] as const)('%j -> %s', (challenge, expected) => {
    expect(formatChallenge(challenge as never)).toBe(expected);
  });

  test('errorHandler refuses a default challenge without a valid scheme', () => {
    expect(() => errorHandler({ logger: false, challenge: { scheme: 'not a token' } })).toThrow(/challenge/);
  });

  test('an unwritable challenge on the error leaves the default in place', () => {
    expect(new UnauthorizedError(undefined, { challenge: { scheme: 'a b' } }).headers).toEqual({});
  });
});

describe.each(EXPRESS_VERSIONS)('%s', (_name, express: ExpressFactory) => {
  const answer = async (thrown: () => unknown, handler: ErrorHandlerOptions = {}, method: 'get' | 'head' = 'get') =>
    request(appThrowing(thrown, { express, handler }))[method]('/throw');

  describe('Retry-After', () => {
    test.each([
      [429, 5, '5'],
      [429, 1.2, '2'],
      [503, 30, '30'],
      [503, -10, '0'],
      [413, 60, '60'],
    ] as const)('%i with retryAfter %d -> %s', async (status, seconds, expected) => {
      const res = await answer(() => createError(status, undefined, { retryAfter: seconds }));
      expectErrorResponse(res, status);
      expect(res.headers['retry-after']).toBe(expected);
    });

    test('NaN writes no Retry-After and does not fail the response', async () => {
      const res = await answer(() => new TooManyRequestsError(undefined, { retryAfter: NaN }));
      expectErrorResponse(res, 429);
      expect(res.headers['retry-after']).toBeUndefined();
    });

    test('a Date is written as IMF-fixdate', async () => {
      const when = new Date(Date.UTC(2031, 4, 17, 9, 30, 0));
      const res = await answer(() => new ServiceUnavailableError(undefined, { retryAfter: when }));
      expect(res.headers['retry-after']).toBe('Sat, 17 May 2031 09:30:00 GMT');
      expect(res.headers['retry-after']).toMatch(IMF_FIXDATE);
      expect(new ContentTooLargeError(undefined, { retryAfter: when }).headers['Retry-After']).toMatch(IMF_FIXDATE);
    });
  });

  describe('WWW-Authenticate on every 401', () => {
    test('a 401 without a challenge gets the default `Bearer realm="api"`', async () => {
      const res = await answer(() => new UnauthorizedError());
      expect(expectErrorResponse(res, 401).error.code).toBe('authentication_required');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    test('a configured default challenge, structured, is quoted', async () => {
      const res = await answer(() => new UnauthorizedError(), { challenge: { scheme: 'Bearer', params: { realm: 'my "api"' } } });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="my \\"api\\""');
    });

    test("the error's own challenge wins over the default", async () => {
      const res = await answer(
        () =>
          new UnauthorizedError('Token expired', {
            challenge: [{ scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } }, 'Basic realm="api"'],
          }),
        { challenge: 'Negotiate' },
      );
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token", Basic realm="api"');
    });

    test('a 401 from a foreign error (http-errors shape, no headers) still gets one', async () => {
      const res = await answer(() => Object.assign(new Error('nope'), { status: 401 }));
      expectErrorResponse(res, 401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    });

    test('an unsafe challenge value is replaced by the default, never written', async () => {
      const { logger, lines } = captureLogger();
      const res = await answer(
        () => new UnauthorizedError(undefined, { challenge: { scheme: 'Bearer', params: { realm: 'a\r\nSet-Cookie: x=1' } } }),
        { logger },
      );
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
      await flushLogs();
      expect(lines.find((line) => line.msg === 'dropped an unsafe error header')).toMatchObject({ header: 'WWW-Authenticate' });
    });
  });

  test('405 carries Allow, uppercased; empty by default', async () => {
    const res = await answer(() => new MethodNotAllowedError(undefined, { allow: ['get', 'HEAD'] }));
    expectErrorResponse(res, 405, 'Method Not Allowed');
    expect(res.headers.allow).toBe('GET, HEAD');
    const bare = await answer(() => new MethodNotAllowedError());
    expect(bare.headers.allow).toBe('');
    const configured = await answer(() => new MethodNotAllowedError(), { requiredHeaders: { Allow: 'GET' } });
    expect(configured.headers.allow).toBe('GET');
  });

  test('407 carries Proxy-Authenticate, its own or the default', async () => {
    const own = await answer(
      () => new ProxyAuthenticationRequiredError(undefined, { challenge: { scheme: 'Basic', params: { realm: 'corp' } } }),
    );
    expectErrorResponse(own, 407);
    expect(own.headers['proxy-authenticate']).toBe('Basic realm="corp"');
    const bare = await answer(() => new ProxyAuthenticationRequiredError());
    expect(bare.headers['proxy-authenticate']).toBe('Basic realm="proxy"');
  });

  test('426 carries Upgrade; a 426 without one gets the default `HTTP/2`, nothing logged about it', async () => {
    const res = await answer(() => new UpgradeRequiredError(undefined, { upgrade: ['HTTP/2', 'HTTP/3'] }));
    expectErrorResponse(res, 426, 'Upgrade Required');
    expect(res.headers.upgrade).toBe('HTTP/2, HTTP/3');

    const { logger, lines } = captureLogger();
    const bare = await answer(() => new UpgradeRequiredError(), { logger });
    expectErrorResponse(bare, 426);
    expect(bare.headers.upgrade).toBe('HTTP/2');
    await flushLogs();
    expect(lines.filter((line) => line.header === 'Upgrade')).toEqual([]);
  });

  test.each([
    [() => new RangeNotSatisfiableError(undefined, { completeLength: 1234 }), 416, 'content-range', 'bytes */1234'],
    [
      () => new UnavailableForLegalReasonsError(undefined, { blockedBy: 'https://example.org/legal' }),
      451,
      'link',
      '<https://example.org/legal>; rel="blocked-by"',
    ],
    [() => new ConflictError('Duplicate', { location: '/users/user_1' }), 409, 'location', '/users/user_1'],
    [() => new UnsupportedMediaTypeError(undefined, { acceptEncoding: ['gzip', 'identity'] }), 415, 'accept-encoding', 'gzip, identity'],
    [() => new UnsupportedMediaTypeError(undefined, { accept: ['application/json'] }), 415, 'accept', 'application/json'],
  ] as const)('%#: %i carries %s: %s', async (thrown, status, header, value) => {
    const res = await answer(thrown);
    expectErrorResponse(res, status);
    expect(res.headers[header]).toBe(value);
  });

  test('a negative or fractional completeLength writes no Content-Range', async () => {
    for (const completeLength of [-1, 1.5, NaN]) {
      const res = await answer(() => new RangeNotSatisfiableError(undefined, { completeLength }));
      expect(res.headers['content-range']).toBeUndefined();
    }
  });

  describe('unsafe headers are dropped and logged by name, never written, never a crash', () => {
    const UNSAFE: [string, string, string][] = [
      ['CR/LF in a value', 'X-Trace', 'a\r\nSet-Cookie: session=evil'],
      ['a bare LF', 'X-Trace', 'a\nb'],
      ['NUL', 'X-Trace', 'a\u0000b'],
      ['a non-Latin-1 character', 'X-Trace', 'snow \u2603'],
      ['an over-long value', 'X-Trace', 'x'.repeat(4097)],
      ['a name with a space', 'X Trace', 'ok'],
      ['a name with a colon', 'X-Trace:', 'ok'],
      ['a name with CR/LF', 'X-Trace\r\nSet-Cookie', 'ok'],
      ['an empty name', '', 'ok'],
    ];

    test.each(UNSAFE)('%s', async (_case, name, value) => {
      const { logger, lines } = captureLogger();
      const res = await answer(() => new NotFoundError('gone', { headers: { [name]: value, 'X-Safe': 'kept' } }), { logger });
      const body = expectErrorResponse(res, 404);
      expect(body.error.message).toBe('gone');
      expect(res.headers['x-safe']).toBe('kept');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(Object.values(res.headers).join('\n')).not.toContain(value.length > 100 ? value : 'evil');
      await flushLogs();
      const dropped = lines.filter((line) => line.msg === 'dropped an unsafe error header');
      expect(dropped).toHaveLength(1);
      expect(dropped[0]).toMatchObject({ level: 40, header: name.slice(0, 256), request_id: body.meta.request_id });
      // The warning names the header and the value's length, never the value (perhaps an injection attempt).
      expect(Object.keys(dropped[0] as object).sort()).toEqual([
        'header',
        'hostname',
        'length',
        'level',
        'msg',
        'pid',
        'request_id',
        'time',
      ]);
    });

    test('maxHeaderLength is configurable', async () => {
      const res = await answer(() => new NotFoundError(undefined, { headers: { 'X-Long': 'x'.repeat(20), 'X-Short': 'y' } }), {
        maxHeaderLength: 10,
      });
      expect(res.headers['x-long']).toBeUndefined();
      expect(res.headers['x-short']).toBe('y');
    });

    test('framing headers and the request id cannot be overridden by an error', async () => {
      const res = await answer(
        () =>
          new NotFoundError(undefined, {
            headers: { 'Content-Length': '1', 'Transfer-Encoding': 'chunked', Connection: 'close', 'X-Request-Id': 'spoofed' },
          }),
      );
      const body = expectErrorResponse(res, 404);
      expect(body.meta.request_id).not.toBe('spoofed');
      expect(res.headers['transfer-encoding']).toBeUndefined();
    });
  });
});
