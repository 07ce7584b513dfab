import express, { type Express } from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { errorHandler, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

const SECRET = 'test-secret-of-at-least-32-characters!!';

// A real app verifying `Authorization: Bearer <token>` with jsonwebtoken, as many apps do by hand.
function jwtApp(
  verify: jwt.VerifyOptions = {},
  options: { express?: ExpressFactory; handler?: ErrorHandlerOptions; secret?: string } = {},
): Express {
  const app = (options.express ?? express)();
  app.get('/me', (req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = jwt.verify(token, options.secret ?? SECRET, { algorithms: ['HS256'], ...verify });
    res.json(claims);
  });
  app.use(errorHandler({ logger: false, ...options.handler }));
  return app;
}

const sign = (payload: object, options: jwt.SignOptions = {}, secret = SECRET): string =>
  jwt.sign(payload, secret, { algorithm: 'HS256', ...options });
const challenge = (description: string): string => `Bearer realm="api", error="invalid_token", error_description="${description}"`;

describe('jsonwebtoken verify failures are 401 invalid_token (RFC 6750 §3)', () => {
  it.each(EXPRESS_VERSIONS)('an expired token (%s)', async (_name, factory) => {
    const token = sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await request(jwtApp({}, { express: factory }))
      .get('/me')
      .set('Authorization', `Bearer ${token}`);
    const body = expectErrorResponse(res, 401, 'Unauthorized');
    expect(res.headers['www-authenticate']).toBe(challenge('The access token expired'));
    expect(body.error).toEqual({ code: 'invalid_token', message: 'The access token expired.' });
  });

  it("the challenge carries the realm of the handler's configured challenge", async () => {
    const token = sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await request(jwtApp({}, { handler: { challenge: 'Bearer realm="shop"' } }))
      .get('/me')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="shop", error="invalid_token", error_description="The access token expired"',
    );
  });

  it('a valid token passes', async () => {
    const res = await request(jwtApp())
      .get('/me')
      .set('Authorization', `Bearer ${sign({ sub: 'u1' })}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sub: 'u1' });
  });

  it.each([
    [
      'a token past maxAge',
      (): string => sign({ sub: 'u1', iat: Math.floor(Date.now() / 1000) - 3600 }),
      { maxAge: '1m' },
      'The access token expired',
    ],
    ['a token not valid yet', (): string => sign({ sub: 'u1' }, { notBefore: '1h' }), {}, 'The access token is not valid yet'],
    ['a malformed token', (): string => 'not-a-jwt', {}, 'The access token is malformed'],
    ['three parts that decode to nothing', (): string => 'a.b.c', {}, 'The access token is malformed'],
    [
      'a token signed with another key',
      (): string => sign({ sub: 'u1' }, {}, 'another-secret-of-at-least-32-characters'),
      {},
      'The access token signature is invalid',
    ],
    [
      'an unsigned token',
      (): string => `${sign({ sub: 'u1' }).split('.').slice(0, 2).join('.')}.`,
      {},
      'The access token signature is invalid',
    ],
    [
      'a token of another algorithm',
      (): string => sign({ sub: 'u1' }, { algorithm: 'HS512' }),
      {},
      'The access token signature is invalid',
    ],
    [
      'a token for another audience',
      (): string => sign({ sub: 'u1', aud: 'other' }),
      { audience: 'api' },
      'The access token claims are invalid',
    ],
    [
      'a token from another issuer',
      (): string => sign({ sub: 'u1', iss: 'evil' }),
      { issuer: 'https://id.example' },
      'The access token claims are invalid',
    ],
    ['a token of another subject', (): string => sign({ sub: 'u1' }), { subject: 'u2' }, 'The access token claims are invalid'],
    ['a token of another id', (): string => sign({ sub: 'u1' }, { jwtid: 'a' }), { jwtid: 'b' }, 'The access token claims are invalid'],
    [
      'a token with a non-numeric exp',
      (): string => jwt.sign(JSON.stringify({ sub: 'u1', exp: 'soon' }), SECRET, { algorithm: 'HS256' }),
      {},
      'The access token claims are invalid',
    ],
    [
      'a token without iat when maxAge is set',
      (): string => sign({ sub: 'u1' }, { noTimestamp: true }),
      { maxAge: '1h' },
      'The access token claims are invalid',
    ],
  ] as const)('%s', async (_name, token, verify, description) => {
    const res = await request(jwtApp(verify as jwt.VerifyOptions))
      .get('/me')
      .set('Authorization', `Bearer ${token()}`);
    const body = expectErrorResponse(res, 401);
    expect(res.headers['www-authenticate']).toBe(challenge(description));
    expect(body.error).toEqual({ code: 'invalid_token', message: `${description}.` });
  });

  it('no token is 401 authentication_required with the handler’s plain challenge (RFC 6750 §3.1)', async () => {
    const res = await request(jwtApp()).get('/me');
    expect(expectErrorResponse(res, 401).error).toEqual({
      code: 'authentication_required',
      message: 'Authentication is required to access this resource.',
    });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    const custom = await request(jwtApp({}, { handler: { challenge: 'Bearer realm="shop"' } })).get('/me');
    expect(custom.headers['www-authenticate']).toBe('Bearer realm="shop"');
  });

  it('logs the reason and the moment, never the token', async () => {
    const { logger, lines } = captureLogger();
    const exp = Math.floor(Date.now() / 1000) - 60;
    const token = sign({ sub: 'hunter2-SECRET', exp });
    const res = await request(jwtApp({}, { handler: { logger } }))
      .get('/me')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
      source: 'jsonwebtoken',
      name: 'TokenExpiredError',
      message: 'jwt expired',
      expiredAt: new Date(exp * 1000).toISOString(),
      reason: 'expired',
    });
    const text = JSON.stringify(lines) + res.text;
    for (const part of [token, ...token.split('.'), 'hunter2']) expect(text).not.toContain(part);
  });

  it('a server that has no key is a 500, not the client’s fault', async () => {
    const res = await request(jwtApp({}, { secret: '' }))
      .get('/me')
      .set('Authorization', `Bearer ${sign({ sub: 'u1' })}`);
    expect(expectErrorResponse(res, 500).error.code).toBe('internal_error');
    expect(res.headers['www-authenticate']).toBeUndefined();
  });
});

describe('recognizeJsonWebToken on its own', () => {
  it('keeps NotBeforeError’s date in the cause', () => {
    const error = toApiError(new jwt.NotBeforeError('jwt not active', new Date(0)));
    expect(error.cause).toEqual({
      source: 'jsonwebtoken',
      name: 'NotBeforeError',
      message: 'jwt not active',
      date: '1970-01-01T00:00:00.000Z',
      reason: 'not_active',
    });
  });

  it('a missing token: 401 authentication_required, its cause the message, no stack of its own', () => {
    const error = toApiError(new jwt.JsonWebTokenError('jwt must be provided'));
    expect([error.status, error.code, error.headers]).toEqual([401, 'authentication_required', {}]);
    expect(error.cause).toEqual({ source: 'jsonwebtoken', name: 'JsonWebTokenError', message: 'jwt must be provided' });
    expect(error.stack).toBe(`UnauthorizedError: ${error.message}`);
    const expired = toApiError(new jwt.TokenExpiredError('jwt expired', new Date(0)));
    expect(expired.stack).toBe(`UnauthorizedError: ${expired.message}`);
  });

  it('setup errors of the server stay 500', () => {
    for (const message of [
      'secret or public key must be provided',
      'secretOrPublicKey must be a symmetric key when using HS256',
      'error in secret or public key callback: boom',
      'jwt must be a string',
      'clockTimestamp must be a number',
      'jwt audience invalid',
    ]) {
      expect([message, toApiError(new jwt.JsonWebTokenError(message)).status]).toEqual([message, 500]);
    }
  });

  it('leaves look-alikes alone and survives hostile values', () => {
    const values: unknown[] = [
      Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' }),
      Object.assign(new Error('jwt not active'), { name: 'NotBeforeError' }),
      { name: 'JsonWebTokenError', message: 42 },
      { name: 'JsonWebTokenError', message: 'toString' },
      { name: 'JsonWebTokenError', message: '__proto__' },
      { name: 42 },
    ];
    expect(values.map((value) => toApiError(value).status)).toEqual([500, 500, 500, 500, 500, 500]);
    const odd = toApiError({ name: 'TokenExpiredError', message: 7, expiredAt: new Date(Number.NaN) });
    expect([odd.status, odd.cause]).toEqual([401, { source: 'jsonwebtoken', name: 'TokenExpiredError', reason: 'expired' }]);
    const long = toApiError({ name: 'JsonWebTokenError', message: `jwt issuer invalid. expected: ${'x'.repeat(1000)}` });
    expect((long.cause as { message: string }).message).toHaveLength(256);
  });
});
