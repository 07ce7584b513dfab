import createHttpError from 'http-errors';
import request from 'supertest';
import express from 'express';
import {
  ApiError,
  BadGatewayError,
  createError,
  defineErrorCodes,
  InternalServerError,
  isApiError,
  MethodNotAllowedError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../src';

const frames = (error: Error): number => (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).length;

describe('stack traces', () => {
  test('4xx skip the stack by default, 5xx keep theirs', () => {
    expect(frames(new NotFoundError())).toBe(0);
    expect(new NotFoundError('gone').stack).toBe('NotFoundError: gone');
    expect(frames(new TooManyRequestsError())).toBe(0);
    expect(frames(new InternalServerError())).toBeGreaterThan(0);
    expect(frames(new BadGatewayError())).toBeGreaterThan(0);
  });

  test('captureStack overrides the default either way', () => {
    expect(frames(new NotFoundError(undefined, { captureStack: true }))).toBeGreaterThan(0);
    expect(frames(new InternalServerError(undefined, { captureStack: false }))).toBe(0);
  });

  test('Error.stackTraceLimit is restored, even when reading the options throws', () => {
    const limit = Error.stackTraceLimit;
    new NotFoundError();
    expect(Error.stackTraceLimit).toBe(limit);
    const hostile = Object.defineProperty({}, 'cause', {
      get: () => {
        throw new Error('getter');
      },
    });
    expect(() => new NotFoundError('x', hostile)).toThrow('getter');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(frames(new Error('after'))).toBeGreaterThan(0);
  });

  test('an app-wide stackTraceLimit is respected for 5xx', () => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    try {
      expect(frames(new InternalServerError())).toBe(1);
      expect(frames(new NotFoundError())).toBe(0);
      expect(Error.stackTraceLimit).toBe(1);
    } finally {
      Error.stackTraceLimit = limit;
    }
  });
});

describe('instances', () => {
  test("have the http-errors shape, so isHttpError and Express's own handler understand them", async () => {
    const error = new MethodNotAllowedError('Use GET', { allow: ['GET'] });
    expect(createHttpError.isHttpError(error)).toBe(true);
    expect(error).toMatchObject({ status: 405, statusCode: 405, expose: true, code: 'method_not_allowed', headers: { Allow: 'GET' } });

    const app = express();
    app.get('/', () => {
      throw error;
    });
    const res = await request(app).get('/');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
  });

  test('an invalid code throws (test/core/construction-traps.test.ts), a valid one is kept', () => {
    expect(() => new NotFoundError(undefined, { code: 'Not-Snake' })).toThrow(
      new TypeError('Error code "Not-Snake" must match /^[a-z][a-z0-9_]*$/'),
    );
    expect(new NotFoundError(undefined, { code: 'user_missing' }).code).toBe('user_missing');
  });

  test('header options of other statuses are ignored, headers are formatted', () => {
    const error = createError(404, undefined, { retryAfter: 5 } as never);
    expect(error.headers).toEqual({});
    expect(new NotFoundError(undefined, { headers: { 'X-A': ['a', 'b'], 'X-N': 3, 'X-Bad': {} as never } }).headers).toEqual({
      'X-A': 'a, b',
      'X-N': '3',
    });
  });

  test('allow given as one string by a JavaScript caller is still written', () => {
    expect(new MethodNotAllowedError(undefined, { allow: 'get, head' as never }).headers).toEqual({ Allow: 'GET, HEAD' });
  });

  test('cause is kept and expose defaults by status', () => {
    const cause = new Error('root');
    expect(new InternalServerError(undefined, { cause }).cause).toBe(cause);
    expect(new InternalServerError().expose).toBe(false);
    expect(new InternalServerError(undefined, { expose: true }).expose).toBe(true);
    expect(new UnauthorizedError().expose).toBe(true);
  });

  test('createError keeps uncatalogued 4xx/5xx (RFC 9110 §15), anything else is a 500', () => {
    expect(createError(418 as never)).toBeInstanceOf(ApiError);
    expect(createError(418 as never).status).toBe(418);
    expect(createError(510).status).toBe(510);
    expect(createError(510).code).toBe('internal_error');
    expect(createError(302 as never).status).toBe(500);
  });
});

describe('isApiError', () => {
  test('recognises ours and branded copies, rejects the rest', () => {
    expect(isApiError(new NotFoundError())).toBe(true);
    expect(isApiError(new ValidationError())).toBe(true);
    expect(isApiError({ [Symbol.for('express-api-errors.ApiError')]: true })).toBe(true);
    expect(isApiError(createHttpError(404))).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
    for (const value of [null, undefined, 0, '', 'x', Symbol('s'), () => 1]) expect(isApiError(value)).toBe(false);
  });

  test('never throws on hostile values', () => {
    const trap = (): never => {
      throw new Error('trap');
    };
    const proxy = new Proxy({}, { get: trap, getPrototypeOf: trap, has: trap, getOwnPropertyDescriptor: trap });
    expect(isApiError(proxy)).toBe(false);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(isApiError(revocable.proxy)).toBe(false);
  });
});

describe('ValidationError', () => {
  test('is a 400 validation_error listing its issues', () => {
    const error = new ValidationError('Invalid user', { details: [{ path: 'body.name', code: 'required', message: 'name is required' }] });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe('ValidationError');
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_error',
      message: 'Invalid user',
      details: [{ path: 'body.name', code: 'required', message: 'name is required' }],
    });
    expect(new ValidationError().details).toEqual([]);
  });
});

describe('defineErrorCodes', () => {
  const errors = defineErrorCodes({
    insufficient_scope: { status: 403, message: 'The token lacks the required scope.' },
    quota_exceeded: { status: 429, message: 'Monthly quota exceeded.' },
  });

  test('creates the class of the status with the code and its message', () => {
    const error = errors.create('insufficient_scope');
    expect(error.name).toBe('ForbiddenError');
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope', message: 'The token lacks the required scope.' });
    expect(errors.create('quota_exceeded', 'Upgrade your plan', { retryAfter: 60 }).headers).toEqual({ 'Retry-After': '60' });
    expect(errors.has('quota_exceeded')).toBe(true);
    expect(errors.has('toString')).toBe(false);
  });

  test.each([
    [{ 'Bad-Code': { status: 400, message: 'x' } }, /must match/],
    [{ teapot: { status: 418, message: 'x' } }, /not a catalog status/],
  ])('rejects %j', (codes, message) => {
    expect(() => defineErrorCodes(codes as never)).toThrow(message);
  });
});
