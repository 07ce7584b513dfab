import Boom from '@hapi/boom';
import createHttpError from 'http-errors';
import request from 'supertest';
import { ConflictError, errorHandler, NotFoundError, requestId, toApiError, ValidationError } from '../../src';
import { appThrowing, EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory, type ThrowMode } from '../helpers/app';

const INTERNAL = { code: 'internal_error', message: 'An unexpected error occurred.' };

function hostileProxy(): object {
  const fail = (): never => {
    throw new Error('trap');
  };
  return new Proxy(
    {},
    {
      get: fail,
      has: fail,
      ownKeys: fail,
      getPrototypeOf: fail,
      getOwnPropertyDescriptor: fail,
      set: fail,
      defineProperty: fail,
      deleteProperty: fail,
      apply: fail,
      construct: fail,
      isExtensible: fail,
      preventExtensions: fail,
      setPrototypeOf: fail,
    },
  );
}

// What is thrown, and the status, body.error and headers the client gets.
type Case = [label: string, thrown: () => unknown, status: number, error: Record<string, unknown>, headers?: Record<string, string>];

const CASES: Case[] = [
  [
    'our NotFoundError',
    () => new NotFoundError('User u_1 was not found'),
    404,
    { code: 'resource_not_found', message: 'User u_1 was not found' },
  ],
  [
    'our ValidationError',
    () => new ValidationError(undefined, { details: [{ path: 'body.email', code: 'required', message: 'email is required' }] }),
    400,
    {
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [{ path: 'body.email', code: 'required', message: 'email is required' }],
    },
  ],
  [
    'our ConflictError with a Location',
    () => new ConflictError('Duplicate email', { location: '/users/u_1' }),
    409,
    { code: 'resource_conflict', message: 'Duplicate email' },
    { location: '/users/u_1' },
  ],
  ['http-errors 404', () => createHttpError(404, 'No such user'), 404, { code: 'resource_not_found', message: 'No such user' }],
  [
    'http-errors 4xx with expose: false',
    () => createHttpError(400, 'internal parser state', { expose: false }),
    400,
    { code: 'bad_request', message: 'The request is invalid.' },
  ],
  [
    'http-errors 503',
    () => createHttpError(503, 'redis at 10.0.0.7 down'),
    503,
    { code: 'service_unavailable', message: 'The service is temporarily unavailable.' },
  ],
  [
    'http-errors 500 with expose: true',
    () => createHttpError(500, 'Disk quota reached', { expose: true }),
    500,
    { code: 'internal_error', message: 'Disk quota reached' },
  ],
  [
    'http-errors 405 with its headers',
    () => createHttpError(405, { headers: { Allow: 'GET, HEAD' } }),
    405,
    { code: 'method_not_allowed', message: 'Method Not Allowed' },
    { allow: 'GET, HEAD' },
  ],
  [
    'http-errors 401 with its challenge',
    () => createHttpError(401, 'Who are you?', { headers: { 'WWW-Authenticate': 'Basic realm="x"' } }),
    401,
    { code: 'authentication_required', message: 'Who are you?' },
    { 'www-authenticate': 'Basic realm="x"' },
  ],
  [
    'an Error with a status and no message: the catalog speaks for it',
    () => Object.assign(new Error(), { status: 404 }),
    404,
    { code: 'resource_not_found', message: 'The requested resource was not found.' },
  ],
  [
    'an exposed 5xx with no message',
    () => Object.assign(new Error(''), { status: 503, expose: true }),
    503,
    { code: 'service_unavailable', message: 'The service is temporarily unavailable.' },
  ],
  [
    'an Error with statusCode and code',
    () => Object.assign(new Error('Slow down'), { statusCode: 429, code: 'quota_exceeded' }),
    429,
    { code: 'quota_exceeded', message: 'Slow down' },
  ],
  [
    'an Error with a non-snake code (Node style)',
    () => Object.assign(new Error('nope'), { status: 403, code: 'EACCES' }),
    403,
    { code: 'forbidden', message: 'nope' },
  ],
  [
    'a 5xx object never exposes its code or details',
    () => ({ status: 502, message: 'upstream said x', code: 'upstream_x', details: { host: 'a' } }),
    502,
    { code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
  ],
  [
    'a plain object with status and message',
    () => ({ status: 409, message: 'Version mismatch', details: { expected: 3 } }),
    409,
    { code: 'resource_conflict', message: 'Version mismatch', details: { expected: 3 } },
  ],
  // RFC 9110 §15: any 4xx/5xx is kept; clients read an unknown one by its class.
  ['an unregistered 4xx (418)', () => ({ status: 418, message: 'teapot' }), 418, { code: 'bad_request', message: 'teapot' }],
  ['an unregistered 5xx (599)', () => ({ status: 599, message: 'x' }), 599, INTERNAL],
  ['Boom.notFound', () => Boom.notFound('Missing widget'), 404, { code: 'resource_not_found', message: 'Missing widget' }],
  [
    'Boom.unauthorized with a scheme',
    () => Boom.unauthorized('bad token', 'Bearer'),
    401,
    { code: 'authentication_required', message: 'bad token' },
    { 'www-authenticate': 'Bearer realm="api", error="bad token"' },
  ],
  ['Boom.badImplementation', () => Boom.badImplementation('pg: password authentication failed'), 500, INTERNAL],
  [
    'Boom.serverUnavailable',
    () => Boom.serverUnavailable('maintenance'),
    503,
    { code: 'service_unavailable', message: 'The service is temporarily unavailable.' },
  ],
  [
    "an axios error with the upstream's 404 (not ours to answer)",
    () => Object.assign(new Error('Request failed with status code 404'), { isAxiosError: true, status: 404, code: 'ERR_BAD_REQUEST' }),
    502,
    { code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
  ],
  [
    'an axios timeout',
    () => Object.assign(new Error('timeout of 5000ms exceeded'), { isAxiosError: true, code: 'ECONNABORTED' }),
    504,
    { code: 'gateway_timeout', message: 'An upstream service did not respond in time.' },
  ],
  [
    "an ofetch FetchError with the upstream's 401",
    () =>
      Object.assign(new Error('[GET] "https://billing/api?key=s3cr3t": 401 Unauthorized'), {
        name: 'FetchError',
        status: 401,
        statusCode: 401,
      }),
    502,
    { code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
  ],
  [
    "a got/ky HTTPError with the upstream's 404",
    () => Object.assign(new Error('Response code 404 (Not Found)'), { name: 'HTTPError', response: { statusCode: 404 } }),
    502,
    { code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
  ],
  [
    "a superagent error with the upstream's 403",
    () => Object.assign(new Error('Forbidden'), { status: 403, response: { status: 403 } }),
    502,
    { code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
  ],
  ['a plain Error', () => new Error('ENOENT /etc/secret'), 500, INTERNAL],
  ['a TypeError', () => new TypeError("Cannot read properties of undefined (reading 'id')"), 500, INTERNAL],
  ['an AggregateError', () => new AggregateError([new Error('a'), createHttpError(404)], 'two failures'), 500, INTERNAL],
  ['a string', () => 'something broke', 500, INTERNAL],
  ['an HTML string', () => '<script>alert(1)</script>', 500, INTERNAL],
  ['a number in 400-599', () => 404, 404, { code: 'resource_not_found', message: 'The requested resource was not found.' }],
  ['a number outside 400-599', () => 42, 500, INTERNAL],
  ['a boolean', () => true, 500, INTERNAL],
  ['a symbol', () => Symbol('x'), 500, INTERNAL],
  ['a bigint', () => 10n, 500, INTERNAL],
  ['a function', () => () => 1, 500, INTERNAL],
  ['an empty object', () => ({}), 500, INTERNAL],
  ['an array', () => [1, 2], 500, INTERNAL],
  ['an object without prototype', () => Object.create(null) as object, 500, INTERNAL],
  ['a frozen Error', () => Object.freeze(new Error('frozen')), 500, INTERNAL],
  [
    'a frozen Error with a status',
    () => Object.freeze(Object.assign(new Error('Frozen conflict'), { status: 409 })),
    409,
    { code: 'resource_conflict', message: 'Frozen conflict' },
  ],
  [
    'a frozen NotFoundError',
    () => Object.freeze(new NotFoundError('Frozen 404')),
    404,
    { code: 'resource_not_found', message: 'Frozen 404' },
  ],
  ['a Proxy whose every trap throws', hostileProxy, 500, INTERNAL],
  [
    'an object with a throwing getter',
    () =>
      Object.defineProperty({}, 'status', {
        get: () => {
          throw new Error('getter');
        },
        enumerable: true,
      }),
    500,
    INTERNAL,
  ],
  ['status 302', () => ({ status: 302, message: 'moved' }), 500, INTERNAL],
  ['status 200', () => Object.assign(new Error('ok?'), { status: 200 }), 500, INTERNAL],
  ['status 600', () => ({ statusCode: 600 }), 500, INTERNAL],
  ['status 399', () => ({ status: 399 }), 500, INTERNAL],
  ['a string status', () => ({ status: '404' }), 500, INTERNAL],
  ['a fractional status', () => ({ status: 404.5 }), 500, INTERNAL],
  ['a NaN status', () => ({ status: NaN }), 500, INTERNAL],
  ['a hand-made ApiError without fields', () => Object.create(NotFoundError.prototype) as object, 500, INTERNAL],
  [
    'a foreign-copy ApiError (brand only) with a bad status',
    () => ({ [Symbol.for('express-api-errors.ApiError')]: true, status: 'x' }),
    500,
    INTERNAL,
  ],
];

test('Express 5: an async handler rejecting with undefined is a 500', async () => {
  const res = await request(appThrowing(() => undefined, { mode: 'reject' })).get('/throw');
  expect(expectErrorResponse(res, 500).error).toEqual(INTERNAL);
});

describe.each(EXPRESS_VERSIONS)('%s', (_name, express: ExpressFactory) => {
  describe.each<ThrowMode>(['throw', 'next', 'reject'])('handed over by %s', (mode) => {
    test.each(CASES)('%s', async (_label, thrown, status, error, headers = {}) => {
      const app = appThrowing(thrown, { express, mode });
      const res = await request(app).get('/throw');
      const body = expectErrorResponse(res, status);
      expect(body.error).toEqual(error);
      for (const [name, value] of Object.entries(headers)) expect(res.headers[name]).toBe(value);
      expect(res.text).not.toMatch(/\n\s+at |ENOENT|pg: password|10\.0\.0\.7|"stack"|"cause"/);
      // The server is still serving.
      expect((await request(app).get('/ok')).status).toBe(200);
    });
  });

  // Express treats a falsy error as "no error" (`next(null)` goes on routing), so these reach the
  // handler only when it is called with them directly.
  test.each([null, undefined, false, 0, ''])('the handler called directly with %p answers 500', async (thrown) => {
    const app = express();
    const handler = errorHandler({ logger: false });
    app.use(requestId());
    app.get('/direct', (req, res, next) => handler(thrown, req, res, next));
    const res = await request(app).get('/direct');
    expect(expectErrorResponse(res, 500).error).toEqual(INTERNAL);
  });

  describe('body-parser failures through a real express.json()', () => {
    const app = express();
    app.use(requestId());
    app.use(express.json({ limit: '64b' }));
    app.post('/echo', (req, res) => {
      res.json(req.body);
    });
    app.use(errorHandler({ logger: false }));

    test('valid JSON passes', async () => {
      const res = await request(app).post('/echo').send({ a: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ a: 1 });
    });

    test('malformed JSON: 400 malformed_json, no parser internals', async () => {
      const res = await request(app).post('/echo').set('Content-Type', 'application/json').send('{"name": "Alice",');
      const body = expectErrorResponse(res, 400, 'Bad Request');
      expect(body.error).toEqual({ code: 'malformed_json', message: 'The request body is not valid JSON.' });
    });

    test('too large: 413 content_too_large', async () => {
      const res = await request(app)
        .post('/echo')
        .send({ text: 'x'.repeat(100) });
      const body = expectErrorResponse(res, 413, 'Content Too Large');
      expect(body.error).toEqual({ code: 'content_too_large', message: 'The request body is too large.' });
    });

    test('unsupported charset: 415 unsupported_charset', async () => {
      const res = await request(app).post('/echo').set('Content-Type', 'application/json; charset=klingon').send('{}');
      const body = expectErrorResponse(res, 415, 'Unsupported Media Type');
      expect(body.error).toEqual({ code: 'unsupported_charset', message: 'The request body charset is not supported.' });
    });

    test('unsupported content encoding: 415 unsupported_content_encoding with Accept-Encoding', async () => {
      const res = await request(app).post('/echo').set('Content-Type', 'application/json').set('Content-Encoding', 'x-snappy').send('{}');
      const body = expectErrorResponse(res, 415);
      expect(body.error).toEqual({ code: 'unsupported_content_encoding', message: 'The request body content encoding is not supported.' });
      // body-parser 2 (Express 5) decodes br, body-parser 1 (Express 4) does not.
      expect(res.headers['accept-encoding']).toBe(_name === 'express 5' ? 'gzip, deflate, br, identity' : 'gzip, deflate, identity');
    });
  });
});

test('toApiError never throws and returns an ApiError for anything', () => {
  for (const [, thrown] of CASES) expect(toApiError(thrown()).status).toBeGreaterThanOrEqual(400);
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  expect(toApiError(revocable.proxy).status).toBe(500);
});

test('the original value is kept as the cause (for the log), not sent', () => {
  const original = new Error('db down');
  expect(toApiError(original).cause).toBe(original);
  const http = createHttpError(404);
  expect(toApiError(http).cause).toBe(http);
  const ours = new NotFoundError();
  expect(toApiError(ours)).toBe(ours);
});
