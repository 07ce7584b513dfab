import Boom from '@hapi/boom';
import createHttpError from 'http-errors';
import { toApiError, type ApiError } from '../../src';
import { expectNoStackFrames } from '../helpers/app';

// What a client would see of the answer: status, code, message, details and headers.
const seen = (error: ApiError): unknown[] => [error.status, error.code, error.message, error.details, error.headers];

describe('recognizeHttpStatus: the status', () => {
  test.each([
    ['`status` first, as finalhandler reads it', { status: 404, statusCode: 410 }, 404],
    ['`statusCode` when `status` is no error status', { status: 50, statusCode: 410 }, 410],
    ['`statusCode` alone', { statusCode: 422 }, 422],
    ['the lowest error status', { status: 400 }, 400],
    ['the highest error status', { status: 599 }, 599],
  ])('%s', (_label, thrown, status) => {
    const error = toApiError(thrown);
    expect(error.status).toBe(status);
    expect(error.cause).toBe(thrown);
  });

  test.each([{ status: 399 }, { status: 600 }, { statusCode: 404.5 }, { status: '404' }, {}])(
    '%j is a 500 keeping the value as its cause',
    (thrown) => {
      const error = toApiError(thrown);
      expect(seen(error)).toEqual([500, 'internal_error', 'An unexpected error occurred.', undefined, {}]);
      expect(error.cause).toBe(thrown);
      expectNoStackFrames(error);
    },
  );
});

describe('recognizeHttpStatus: what is exposed', () => {
  test('a 4xx exposes its message, code and details by default', () => {
    const thrown = { status: 422, message: 'Invalid date range', code: 'bad_range', details: [{ path: 'query.from' }] };
    expect(seen(toApiError(thrown))).toEqual([422, 'bad_range', 'Invalid date range', [{ path: 'query.from' }], {}]);
  });

  test('a 499 is still a 4xx (exposed), a 500 is not', () => {
    expect(seen(toApiError({ status: 499, message: 'Client closed' }))).toEqual([499, 'bad_request', 'Client closed', undefined, {}]);
    expect(seen(toApiError({ status: 500, message: 'pg at 10.0.0.7 down', code: 'db_down', details: ['x'] }))).toEqual([
      500,
      'internal_error',
      'An unexpected error occurred.',
      undefined,
      {},
    ]);
  });

  test('`expose: false` on a 4xx hides the message and details, keeps the code', () => {
    const thrown = { status: 400, expose: false, message: 'parser state 0x1f', code: 'bad_input', details: ['internal'] };
    expect(seen(toApiError(thrown))).toEqual([400, 'bad_input', 'The request is invalid.', undefined, {}]);
  });

  test('`expose: true` on a 5xx shows its message, code and details', () => {
    const thrown = {
      status: 503,
      expose: true,
      message: 'Planned maintenance until 14:00',
      code: 'planned_down',
      details: { until: '14:00' },
    };
    expect(seen(toApiError(thrown))).toEqual([503, 'planned_down', 'Planned maintenance until 14:00', { until: '14:00' }, {}]);
  });

  test('a masked 500 drops its code even when it is well formed', () => {
    expect(toApiError({ status: 500, expose: false, code: 'db_down' }).code).toBe('internal_error');
  });

  test('a non-boolean `expose` is ignored: the status decides', () => {
    expect(toApiError({ status: 404, expose: 'no', message: 'No such order' }).message).toBe('No such order');
    expect(toApiError({ status: 502, expose: 1, message: 'upstream x' }).message).toBe('An upstream service returned an invalid response.');
  });

  test('a code that is not snake_case, or not a string, is replaced by the status code', () => {
    expect(toApiError({ status: 403, code: 'EACCES' }).code).toBe('forbidden');
    expect(toApiError({ status: 403, code: 42 }).code).toBe('forbidden');
  });

  test('a message that is not a string is the status default', () => {
    expect(toApiError({ status: 409, message: { text: 'x' } }).message).toBe(
      'The request conflicts with the current state of the resource.',
    );
  });
});

describe('recognizeHttpStatus: headers', () => {
  test('a 4xx forwards all its headers', () => {
    const thrown = createHttpError(429, 'Slow down', { headers: { 'Retry-After': '30', 'X-RateLimit-Limit': '100' } });
    expect(toApiError(thrown).headers).toEqual({ 'Retry-After': '30', 'X-RateLimit-Limit': '100' });
  });

  test('a 4xx with `expose: false` still forwards all its headers (only a masked 5xx is filtered)', () => {
    const thrown = { status: 429, expose: false, headers: { 'Retry-After': '30', 'X-RateLimit-Limit': '100' } };
    const error = toApiError(thrown);
    expect(seen(error)).toEqual([
      429,
      'rate_limit_exceeded',
      'Too many requests. Retry later.',
      undefined,
      { 'Retry-After': '30', 'X-RateLimit-Limit': '100' },
    ]);
    expectNoStackFrames(error);
  });

  test('a masked 503 keeps only Retry-After, whatever its case', () => {
    const headers = { 'retry-after': '120', 'Set-Cookie': 'sid=upstream', Server: 'nginx/1.2', 'Access-Control-Allow-Origin': '*' };
    expect(toApiError({ status: 503, headers }).headers).toEqual({ 'retry-after': '120' });
  });

  test('a masked 500 keeps none: its status calls for no header', () => {
    expect(toApiError({ status: 500, headers: { 'Retry-After': '5', 'Set-Cookie': 'a=b' } }).headers).toEqual({});
  });

  test('an exposed 5xx keeps the headers it was given', () => {
    expect(toApiError({ status: 503, expose: true, headers: { 'Retry-After': '60', 'X-Maintenance': 'planned' } }).headers).toEqual({
      'Retry-After': '60',
      'X-Maintenance': 'planned',
    });
  });

  test('headers that are not an object are ignored', () => {
    expect(seen(toApiError({ status: 405, headers: 'Allow: GET' }))).toEqual([
      405,
      'method_not_allowed',
      'The request method is not allowed on this resource.',
      undefined,
      {},
    ]);
  });
});

describe('recognizeHttpStatus: Boom', () => {
  test("Boom's status, headers and payload message are read from `output`", () => {
    const error = toApiError(Boom.unauthorized('Token expired', 'Bearer', { realm: 'api' }));
    expect(seen(error)).toEqual([
      401,
      'authentication_required',
      'Token expired',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="api", error="Token expired"' },
    ]);
    expectNoStackFrames(error);
  });

  test("Boom's own 5xx message is not shown", () => {
    expect(seen(toApiError(Boom.badGateway('billing at 10.0.0.9 refused')))).toEqual([
      502,
      'bad_gateway',
      'An upstream service returned an invalid response.',
      undefined,
      {},
    ]);
  });

  test('an `output` without a payload answers the status default', () => {
    expect(seen(toApiError({ isBoom: true, output: { statusCode: 404 }, message: 'top-level message' }))).toEqual([
      404,
      'resource_not_found',
      'The requested resource was not found.',
      undefined,
      {},
    ]);
  });

  test('`isBoom` without an `output` object is read like any other error', () => {
    expect(toApiError({ isBoom: true, output: null, status: 409, message: 'Taken' }).message).toBe('Taken');
    expect(toApiError({ isBoom: 'yes', output: { statusCode: 404 }, status: 410 }).status).toBe(410);
  });
});
