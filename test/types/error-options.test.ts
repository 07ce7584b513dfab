// Type tests: checked by `npm run typecheck` (tsc over test/); jest runs them as no-ops.
import type { IncomingMessage } from 'node:http';
import { expectTypeOf } from 'expect-type';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import {
  type ApiError,
  BadRequestError,
  ContentTooLargeError,
  createError,
  defineErrorCodes,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  ProxyAuthenticationRequiredError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UpgradeRequiredError,
  ValidationError,
  type ErrorLogger,
  type ErrorOptionsFor,
  type ErrorStatus,
  type ValidationIssue,
} from '../../src';

test('status literals', () => {
  expectTypeOf(new NotFoundError().status).toEqualTypeOf<404>();
  expectTypeOf(new NotFoundError().statusCode).toEqualTypeOf<404>();
  expectTypeOf(new InternalServerError().status).toEqualTypeOf<500>();
  expectTypeOf(new ValidationError().status).toEqualTypeOf<400>();
  expectTypeOf(createError(429).status).toEqualTypeOf<429>();
  expectTypeOf(createError(429)).toEqualTypeOf<ApiError<429>>();
  // `new ApiError(404)` throws at run time (use the class or createError); the type still narrows.
  expectTypeOf<ApiError<404>['status']>().toEqualTypeOf<404>();
  expectTypeOf<ApiError['status']>().toEqualTypeOf<ErrorStatus>();
  expectTypeOf(new NotFoundError()).toExtend<ApiError<404>>();
  expectTypeOf(new NotFoundError()).toExtend<Error>();
  // @ts-expect-error 418 is not a catalog status
  createError(418);
});

test('retryAfter only where a status carries Retry-After', () => {
  new TooManyRequestsError(undefined, { retryAfter: 5 });
  new TooManyRequestsError(undefined, { retryAfter: new Date() });
  new ServiceUnavailableError(undefined, { retryAfter: 30 });
  new ContentTooLargeError(undefined, { retryAfter: new Date() });
  expectTypeOf<ErrorOptionsFor<429>>().toHaveProperty('retryAfter');
  expectTypeOf<NonNullable<ErrorOptionsFor<503>['retryAfter']>>().toEqualTypeOf<number | Date>();
  // @ts-expect-error a 404 has no Retry-After
  new NotFoundError(undefined, { retryAfter: 5 });
  // @ts-expect-error a 500 has no Retry-After
  new InternalServerError(undefined, { retryAfter: 5 });
  // @ts-expect-error seconds or a Date, not a string
  new TooManyRequestsError(undefined, { retryAfter: '5' });
  expectTypeOf<ErrorOptionsFor<404>>().not.toHaveProperty('retryAfter');
});

test('allow on 405, challenge on 401 and 407, upgrade on 426', () => {
  new MethodNotAllowedError(undefined, { allow: ['GET', 'HEAD'] });
  // @ts-expect-error allow is a list of methods
  new MethodNotAllowedError(undefined, { allow: 'GET' });
  // @ts-expect-error only a 405 takes allow
  new NotFoundError(undefined, { allow: ['GET'] });

  new UnauthorizedError(undefined, { challenge: 'Bearer realm="api"' });
  new UnauthorizedError(undefined, { challenge: { scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } } });
  new UnauthorizedError(undefined, { challenge: ['Basic realm="a"', { scheme: 'Bearer' }] });
  new ProxyAuthenticationRequiredError(undefined, { challenge: { scheme: 'Basic', params: { realm: 'proxy' } } });
  // @ts-expect-error a challenge needs a scheme
  new UnauthorizedError(undefined, { challenge: { params: { realm: 'api' } } });
  // @ts-expect-error a 403 carries no challenge
  createError(403, undefined, { challenge: 'Bearer' });

  new UpgradeRequiredError(undefined, { upgrade: 'HTTP/2' });
  new UpgradeRequiredError(undefined, { upgrade: ['HTTP/3', 'HTTP/2'] });
  // @ts-expect-error only a 426 takes upgrade
  new BadRequestError(undefined, { upgrade: 'HTTP/2' });
});

test('common options everywhere', () => {
  new NotFoundError('x', {
    code: 'user_not_found',
    details: { id: 1 },
    cause: new Error('y'),
    headers: { 'X-A': 'b', 'X-N': 1, 'X-L': ['a'] },
    expose: true,
    captureStack: true,
  });
  // @ts-expect-error header values are strings, numbers or lists of strings
  new NotFoundError('x', { headers: { 'X-A': { nested: true } } });
  // @ts-expect-error expose is a boolean
  new NotFoundError('x', { expose: 'yes' });
});

test('ValidationError details are typed', () => {
  expectTypeOf(new ValidationError().details).toEqualTypeOf<readonly ValidationIssue[]>();
  new ValidationError('Invalid', { details: [{ path: 'body.email', code: 'required', message: 'email is required' }] });
  // @ts-expect-error every issue has path, code and message
  new ValidationError('Invalid', { details: [{ path: 'body.email' }] });
  // @ts-expect-error details is a list of issues
  new ValidationError('Invalid', { details: { email: 'required' } });
});

test('defineErrorCodes: a typo in a code fails to compile', () => {
  const errors = defineErrorCodes({
    insufficient_scope: { status: 403, message: 'Missing scope.' },
    quota_exceeded: { status: 429, message: 'Quota exceeded.' },
  });
  expectTypeOf(errors.create('insufficient_scope')).toEqualTypeOf<ApiError<403>>();
  expectTypeOf(errors.create('quota_exceeded').status).toEqualTypeOf<429>();
  errors.create('quota_exceeded', 'Try later', { retryAfter: 60 });
  // @ts-expect-error a 403 code takes no retryAfter
  errors.create('insufficient_scope', undefined, { retryAfter: 60 });
  expect(() =>
    // @ts-expect-error 'insufficent_scope' is a typo
    errors.create('insufficent_scope'),
  ).toThrow('Error code "insufficent_scope" is not registered');
  // @ts-expect-error the code is fixed by the registry
  errors.create('quota_exceeded', undefined, { code: 'other' });
  expect(() =>
    // @ts-expect-error 418 is not a catalog status
    defineErrorCodes({ teapot: { status: 418, message: 'x' } }),
  ).toThrow(/not a catalog status/);
});

test("a pino logger and pino-http's req.log are ErrorLoggers", () => {
  expectTypeOf<Logger>().toExtend<ErrorLogger>();
  // pino-http declares `req.log` on IncomingMessage.
  expectTypeOf<IncomingMessage['log']>().toExtend<ErrorLogger>();
  expectTypeOf(pinoHttp().logger).toExtend<ErrorLogger>();
  // @ts-expect-error console lacks fatal and trace... and has the wrong signatures
  expectTypeOf<{ error: (m: string) => void }>().toExtend<ErrorLogger>();
});
