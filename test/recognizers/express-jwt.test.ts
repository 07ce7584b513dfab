import express, { type Express } from 'express';
import { expressjwt, UnauthorizedError, type Params } from 'express-jwt';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { errorHandler, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

const SECRET = 'test-secret-of-at-least-32-characters!!';

function protectedApp(params: Partial<Params> = {}, options: { express?: ExpressFactory; handler?: ErrorHandlerOptions } = {}): Express {
  const app = (options.express ?? express)();
  app.get('/me', expressjwt({ secret: SECRET, algorithms: ['HS256'], ...params }), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler({ logger: false, ...options.handler }));
  return app;
}

const sign = (payload: object, secret = SECRET): string => jwt.sign(payload, secret, { algorithm: 'HS256' });
const invalidToken = (description: string): string => `Bearer realm="api", error="invalid_token", error_description="${description}"`;

describe('express-jwt UnauthorizedError', () => {
  it.each(EXPRESS_VERSIONS)(
    'no Authorization header is 401 authentication_required, challenge without error code (%s)',
    async (_name, factory) => {
      const res = await request(protectedApp({}, { express: factory })).get('/me');
      const body = expectErrorResponse(res, 401, 'Unauthorized');
      expect(body.error).toEqual({ code: 'authentication_required', message: 'Authentication is required to access this resource.' });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    },
  );

  it('the plain challenge is the handler’s configured one', async () => {
    const res = await request(protectedApp({}, { handler: { challenge: { scheme: 'Bearer', params: { realm: 'shop' } } } })).get('/me');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="shop"');
  });

  it('another scheme is no bearer token at all: 401 authentication_required (RFC 6750 §3.1)', async () => {
    const res = await request(protectedApp()).get('/me').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(expectErrorResponse(res, 401).error.code).toBe('authentication_required');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  it('a malformed Authorization header is 400 invalid_request (RFC 6750 §3.1)', async () => {
    const res = await request(protectedApp()).get('/me').set('Authorization', 'Bearer');
    expect(expectErrorResponse(res, 400, 'Bad Request').error).toEqual({
      code: 'bad_request',
      message: 'The Authorization header must be `Bearer <token>`.',
    });
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="api", error="invalid_request", error_description="The Authorization header must be `Bearer <token>`"',
    );
  });

  it.each([
    ['an expired token', (): string => sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 10 }), 'The access token expired'],
    [
      'a token signed with another key',
      (): string => sign({ sub: 'u1' }, 'another-secret-of-at-least-32-characters'),
      'The access token signature is invalid',
    ],
    ['a malformed token', (): string => 'abc', 'The access token is malformed'],
  ] as const)('%s is 401 invalid_token naming why', async (_name, token, description) => {
    const res = await request(protectedApp()).get('/me').set('Authorization', `Bearer ${token()}`);
    expect(expectErrorResponse(res, 401).error).toEqual({ code: 'invalid_token', message: `${description}.` });
    expect(res.headers['www-authenticate']).toBe(invalidToken(description));
  });

  it('a revoked token is 401 invalid_token', async () => {
    const res = await request(protectedApp({ isRevoked: async () => true }))
      .get('/me')
      .set('Authorization', `Bearer ${sign({ sub: 'u1' })}`);
    expect(expectErrorResponse(res, 401).error).toEqual({ code: 'invalid_token', message: 'The access token has been revoked.' });
    expect(res.headers['www-authenticate']).toBe(invalidToken('The access token has been revoked'));
  });

  it('logs express-jwt’s code and the inner failure, never the token', async () => {
    const { logger, lines } = captureLogger();
    const token = sign({ sub: 'hunter2-SECRET' }, 'another-secret-of-at-least-32-characters');
    const res = await request(protectedApp({}, { handler: { logger } }))
      .get('/me')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
      source: 'express-jwt',
      code: 'invalid_token',
      inner: { name: 'JsonWebTokenError', message: 'invalid signature' },
      reason: 'signature',
    });
    const text = JSON.stringify(lines) + res.text;
    for (const part of token.split('.')) expect(text).not.toContain(part);
  });
});

describe('recognizeExpressJwt on its own', () => {
  it('an inner error that is not a known token failure is logged by name only', () => {
    const inner = new SyntaxError('Unexpected token \'h\', "hunter2-SECRET" is not valid JSON');
    const error = toApiError(new UnauthorizedError('invalid_token', inner));
    expect([error.status, error.code, error.message]).toEqual([401, 'invalid_token', 'The access token is invalid.']);
    expect(error.cause).toEqual({ source: 'express-jwt', code: 'invalid_token', inner: { name: 'SyntaxError' }, reason: 'invalid' });
    // No realm here: the handler adds its configured one (see the app tests above).
    expect(error.headers['WWW-Authenticate']).toBe('Bearer error="invalid_token", error_description="The access token is invalid"');
  });

  it('no token: 401 authentication_required whose cause is express-jwt’s code', () => {
    const error = toApiError(new UnauthorizedError('credentials_required', { message: 'No authorization token was found' }));
    expect([error.status, error.code, error.headers]).toEqual([401, 'authentication_required', {}]);
    expect(error.cause).toEqual({ source: 'express-jwt', code: 'credentials_required' });
  });

  it('an unknown code is 401 invalid_token', () => {
    const error = toApiError(new UnauthorizedError('invalid_token', { message: 'x' }));
    expect(error.cause).toEqual({ source: 'express-jwt', code: 'invalid_token', inner: { name: undefined }, reason: 'invalid' });
    const other = toApiError(Object.assign(new UnauthorizedError('credentials_required', { message: 'x' }), { code: 'something_new' }));
    expect([other.code, other.message]).toEqual(['invalid_token', 'The access token is invalid.']);
  });

  it('a malformed header: its cause is express-jwt’s code, and no stack frames are captured', () => {
    const error = toApiError(new UnauthorizedError('credentials_bad_format', { message: 'Format is Authorization: Bearer [token]' }));
    expect([error.status, error.code]).toEqual([400, 'bad_request']);
    expect(error.cause).toEqual({ source: 'express-jwt', code: 'credentials_bad_format' });
    expect(error.stack).toBe(`BadRequestError: ${error.message}`);
  });

  it('a code and an inner error name of any length reach the log cut to 64 characters', () => {
    const long = 'x'.repeat(200);
    const error = toApiError(Object.assign(new UnauthorizedError('invalid_token', { message: 'x' }), { code: long }));
    expect(error.cause).toMatchObject({ code: 'x'.repeat(64) });
    const inner = Object.assign(new Error('x'), { name: `${long}Error` });
    expect(toApiError(new UnauthorizedError('invalid_token', inner)).cause).toMatchObject({ inner: { name: 'x'.repeat(64) } });
  });

  it('needs the name UnauthorizedError: the same shape under another name is left to the status reader', () => {
    const lookalike = Object.assign(new UnauthorizedError('invalid_token', { message: 'x' }), { name: 'AccessError' });
    const error = toApiError(lookalike);
    // As any error with a status: its 4xx code and message are kept, and no challenge is made up.
    expect([error.status, error.code, error.message]).toEqual([401, 'invalid_token', 'x']);
    expect(error.headers['WWW-Authenticate']).toBeUndefined();
  });

  it('leaves other libraries’ UnauthorizedError to the status reader', () => {
    // express-oauth2-jwt-bearer's shape: status 401, its own headers, no `inner`.
    const oauth = Object.assign(new Error('Invalid token'), {
      name: 'UnauthorizedError',
      status: 401,
      code: 'invalid_token',
      headers: { 'WWW-Authenticate': 'Bearer realm="auth0", error="invalid_token"' },
    });
    const error = toApiError(oauth);
    expect([error.status, error.code, error.headers['WWW-Authenticate']]).toEqual([
      401,
      'invalid_token',
      'Bearer realm="auth0", error="invalid_token"',
    ]);
    expect(error.cause).toBe(oauth);
    for (const value of [
      { name: 'UnauthorizedError', status: 403, code: 'x', inner: {} },
      { name: 'UnauthorizedError', status: 401, inner: {} },
    ]) {
      expect(toApiError(value).cause).toBe(value);
    }
  });
});
