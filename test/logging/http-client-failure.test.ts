import fc from 'fast-check';
import { serializeError, toApiError } from '../../src';
import { readHttpClientFailure } from '../../src/logging/http-client-failure';
import { redactUrls, safeUrl } from '../../src/logging/safe-url';

describe('safeUrl', () => {
  test.each<[unknown, unknown, string | undefined]>([
    ['https://user:pw@api.example.com:8443/v1/items?api_key=k#frag', undefined, 'https://api.example.com:8443/v1/items'],
    [new URL('http://u:p@127.0.0.1:9/a?b=c'), undefined, 'http://127.0.0.1:9/a'],
    ['/v1/items?token=t', 'https://api.example.com/base/', 'https://api.example.com/v1/items'],
    ['items?token=t', new URL('https://api.example.com/base/'), 'https://api.example.com/base/items'],
    ['/v1/items?token=t', undefined, '/v1/items'],
    ['redis://:pw@cache:6379/0?x=1', undefined, 'redis://cache:6379/0'],
    ['file:///srv/app/index.js', undefined, 'file:///srv/app/index.js'],
    ['mailto:ops@example.com?subject=s', undefined, 'mailto:ops@example.com'],
    ['http://[bad/x?k=v', undefined, 'http://[bad/x'],
    ['http://u:p@[bad/x?k=v', undefined, 'http://[bad/x'],
    [42, undefined, undefined],
    [undefined, undefined, undefined],
  ])('%p on %p is %p', (value, base, expected) => {
    expect(safeUrl(value, base)).toBe(expected);
  });

  test('never keeps a query, a fragment or userinfo, whatever the URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.stringMatching(/^[a-z]{1,8}$/), (url, user) => {
        const withUserinfo = url.replace('://', `://${user}:planted@`);
        const safe = safeUrl(withUserinfo)!;
        expect(safe).not.toMatch(/[?#]/);
        expect(safe).not.toContain('planted');
        expect(safe.startsWith(new URL(url).origin)).toBe(true);
      }),
    );
  });
});

test('redactUrls rewrites absolute URLs and paths with a query inside a message or stack', () => {
  expect(redactUrls('[GET] "https://u:p@host/path?token=x": 404 Not Found')).toBe('[GET] "https://host/path": 404 Not Found');
  expect(redactUrls('[GET] "/relative/path?token=x#f": 404')).toBe('[GET] "/relative/path": 404');
  expect(redactUrls('Request failed: POST http://127.0.0.1:1/a?b=c\n    at file:///srv/x.js:1:2')).toBe(
    'Request failed: POST http://127.0.0.1:1/a\n    at file:///srv/x.js:1:2',
  );
  expect(redactUrls('no urls here? fine')).toBe('no urls here? fine');
});

describe('readHttpClientFailure', () => {
  const named = (name: string, fields: Record<string, unknown>): Error => Object.assign(new Error('m'), { name }, fields);

  test.each<[string, unknown, unknown]>([
    [
      'axios',
      named('AxiosError', { isAxiosError: true, code: 'ETIMEDOUT', config: { method: 'put', url: 'https://h/x?k=1' } }),
      { client: 'axios', method: 'PUT', url: 'https://h/x', status: undefined, code: 'ETIMEDOUT', timeout: true },
    ],
    [
      'axios with status only on the error',
      named('AxiosError', { isAxiosError: true, status: 404 }),
      { client: 'axios', method: undefined, url: undefined, status: 404, code: undefined, timeout: false },
    ],
    [
      'axios with allowAbsoluteUrls false',
      named('AxiosError', { isAxiosError: true, config: { baseURL: 'https://h/api', url: 'https://other/x', allowAbsoluteUrls: false } }),
      expect.objectContaining({ url: 'https://h/api/https://other/x' }),
    ],
    [
      'axios with a baseURL and no url',
      named('AxiosError', { isAxiosError: true, config: { baseURL: 'https://h/api/' } }),
      expect.objectContaining({ url: 'https://h/api/' }),
    ],
    [
      'got',
      named('ReadError', { code: 'ECONNRESET', timings: undefined, options: { method: 'GET', url: new URL('https://h/x?k') } }),
      { client: 'got', method: 'GET', url: 'https://h/x', status: undefined, code: 'ECONNRESET', timeout: false },
    ],
    [
      'got with a response url only',
      named('HTTPError', {
        code: 'ERR_NON_2XX_3XX_RESPONSE',
        timings: {},
        options: {},
        response: { statusCode: 503, url: 'https://h/y?q' },
      }),
      { client: 'got', method: undefined, url: 'https://h/y', status: 503, code: 'ERR_NON_2XX_3XX_RESPONSE', timeout: false },
    ],
    [
      'ky 1 (no isKyError)',
      named('TimeoutError', { request: { method: 'GET', url: 'https://h/z?q' } }),
      { client: 'ky', method: 'GET', url: 'https://h/z', status: undefined, code: undefined, timeout: true },
    ],
    [
      'ofetch with a Request',
      named('FetchError', { request: { method: 'DELETE', url: 'https://h/r?q' }, options: {} }),
      { client: 'ofetch', method: 'DELETE', url: 'https://h/r', status: undefined, code: undefined, timeout: false },
    ],
    [
      'ofetch without options',
      named('FetchError', { status: 401 }),
      { client: 'ofetch', method: undefined, url: undefined, status: 401, code: undefined, timeout: false },
    ],
    [
      'node-fetch',
      named('FetchError', { type: 'request-timeout', message: 'network timeout at: https://h/x?k' }),
      { client: 'node-fetch', method: undefined, url: undefined, status: undefined, code: undefined, timeout: true },
    ],
    [
      'node-fetch system error',
      named('FetchError', { type: 'system', code: 'ECONNREFUSED' }),
      { client: 'node-fetch', method: undefined, url: undefined, status: undefined, code: 'ECONNREFUSED', timeout: false },
    ],
    [
      'superagent-like',
      named('Error', { status: 500, response: { status: 500, text: 'secret' } }),
      { client: undefined, method: undefined, url: undefined, status: 500, code: undefined, timeout: false },
    ],
    [
      'a response with statusCode',
      named('Error', { response: { statusCode: 404 } }),
      { client: undefined, method: undefined, url: undefined, status: 404, code: undefined, timeout: false },
    ],
  ])('%s', (_label, error, expected) => {
    expect(readHttpClientFailure(error)).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ['a plain Error', new Error('x')],
    ['a name-only HTTPError look-alike of ky', named('TimeoutError', { request: 'https://h' })],
    ['our own client TimeoutError shape', named('TimeoutError', { scope: 'attempt', timeout: 5 })],
    ['a got look-alike without a code', named('RequestError', { timings: {}, options: {} })],
    ['a response without a status', named('Error', { response: { data: 'x' } })],
    ['a response with a status out of range', named('Error', { response: { status: 42 } })],
    ['isAxiosError not true', named('Error', { isAxiosError: 'yes' })],
    ['a string', 'HTTPError'],
    ['null', null],
  ])('%s is not one', (_label, value) => {
    expect(readHttpClientFailure(value)).toBeUndefined();
  });

  test('a code is taken from the nearest cause, bounded; hostile getters do not throw', () => {
    const deep = { cause: { cause: { cause: { code: 'ECONNREFUSED' } } } };
    expect(readHttpClientFailure(named('NetworkError', { isKyError: true, request: {}, ...deep }))?.code).toBe('ECONNREFUSED');
    expect(readHttpClientFailure(named('NetworkError', { isKyError: true, request: {}, cause: deep }))?.code).toBeUndefined();
    expect(readHttpClientFailure(named('AxiosError', { isAxiosError: true, code: 'bad code\r\n' }))?.code).toBeUndefined();
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        has: () => {
          throw new Error('trap');
        },
      },
    );
    expect(readHttpClientFailure(hostile)).toBeUndefined();
    const trapped = Object.defineProperty(Object.assign(new Error('x'), { isAxiosError: true }), 'config', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });
    expect(readHttpClientFailure(trapped)).toEqual({
      client: 'axios',
      method: undefined,
      url: undefined,
      status: undefined,
      code: undefined,
      timeout: false,
    });
    expect(serializeError(trapped)).toEqual({ type: 'Error', message: 'x', stack: expect.any(String), client: 'axios' });
  });

  test('the recognizer: 504 on a timeout, 502 otherwise, HTTPError by name alone, nothing for look-alikes', () => {
    expect(toApiError(named('TimeoutError', { isKyError: true, request: {} })).status).toBe(504);
    expect(toApiError(named('FetchError', { options: {}, cause: { name: 'TimeoutError' } })).status).toBe(504);
    expect(toApiError(named('FetchError', { options: {}, cause: { name: 'AbortError' } })).status).toBe(502);
    expect(toApiError(named('HTTPError', {})).status).toBe(502);
    expect(toApiError(named('TimeoutError', { scope: 'deadline' })).status).toBe(500);
  });

  test('serializeError summarises a look-alike-free client error and keeps nothing else', () => {
    const error = named('FetchError', {
      options: { method: 'post', headers: { 'x-token': 't-1' }, body: 'b-1' },
      request: 'https://h/p?k=v',
      data: 'd-1',
      response: { _data: 'd-2' },
      status: 500,
    });
    expect(serializeError(error)).toEqual({
      type: 'FetchError',
      message: 'm',
      stack: expect.any(String),
      client: 'ofetch',
      method: 'POST',
      url: 'https://h/p',
      status: 500,
    });
  });
});
