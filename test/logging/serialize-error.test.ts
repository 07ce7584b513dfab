import fc from 'fast-check';
import createHttpError from 'http-errors';
import request from 'supertest';
import { createError, serializeError } from '../../src';
import { isSecretName } from '../../src/logging/serialize-error';
import { appThrowing, captureLogger, flushLogs } from '../helpers/app';

type Line = { error: Record<string, unknown> & { cause?: Record<string, unknown> } };

describe('secret names', () => {
  // Header names of real services' credentials, and the usual property names of credentials.
  test.each([
    'Authorization',
    'Proxy-Authorization',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'X-Auth-Token',
    'X-Access-Token',
    'Private-Token',
    'X-Amz-Security-Token',
    'X-Goog-Api-Key',
    'X-CSRF-Token',
    'X-XSRF-TOKEN',
    'X-Client-Secret',
    'X-Hub-Signature',
    'Ocp-Apim-Subscription-Key',
    'X-Shopify-Access-Token',
    'password',
    'newPassword',
    'password_hash',
    'passwd',
    'passphrase',
    'pass',
    'pwd',
    'otp',
    'jwt',
    'dsn',
    'secret',
    'client_secret',
    'clientSecret',
    'secretAccessKey',
    'AWS_SECRET_ACCESS_KEY',
    'credentials',
    'token',
    'access_token',
    'refresh_token',
    'id_token',
    'accessToken',
    'sessionToken',
    'csrfToken',
    'api_key',
    'apiKey',
    'apikey',
    'private_key',
    'privateKey',
    'signingKey',
    'encryption_key',
    'access_key',
    'connectionString',
    'connection_string',
    'sessionid',
    'connect.sid',
    'signature',
  ])('%s is redacted', (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(serializeError({ [name]: 'v-1' })).toEqual({ [name]: '[Redacted]' });
  });

  // Names that look close but hold nothing secret stay readable: the log must stay useful.
  test.each([
    'code',
    'keyword',
    'keywords',
    'key',
    'keys',
    'tokenType',
    'token_type',
    'tokens',
    'maxTokens',
    'tokenizer',
    'primaryKey',
    'sort_key',
    'cacheKey',
    'monkey',
    'publicKey',
    'accessKeyId',
    'author',
    'authorId',
    'expires_in',
    'status',
    'message',
    'path',
    'url',
    'method',
    'host',
    'user',
    'username',
    'scope',
    'Content-Type',
    'Retry-After',
    'X-Request-Id',
    'WWW-Authenticate',
    'Keep-Alive',
    'X-Token-Count',
  ])('%s is kept', (name) => {
    expect(isSecretName(name)).toBe(false);
    expect(serializeError({ [name]: 'v-1' })).toEqual({ [name]: 'v-1' });
  });

  test('any name ending in -token, _token, Token, -key or containing secret/password/credential is redacted, in any case', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
    const secretName = fc.oneof(
      word.map((w) => `x-${w}-token`),
      word.map((w) => `${w}_token`),
      word.map((w) => `${w}Token`),
      word.map((w) => `x-${w}-key`),
      fc.tuple(word, fc.constantFrom('secret', 'password', 'credential', 'Secret', 'PASSWORD'), word).map(([a, b, c]) => `${a}${b}${c}`),
    );
    fc.assert(
      fc.property(secretName, fc.boolean(), (name, upper) => {
        const key = upper ? name.toUpperCase() : name;
        expect(isSecretName(key)).toBe(true);
        expect(JSON.stringify(serializeError(Object.assign(new Error('x'), { [key]: 'planted-value-9' })))).not.toContain(
          'planted-value-9',
        );
      }),
    );
  });
});

describe('URLs in logged strings', () => {
  test('userinfo is redacted in every string, query strings stay outside HTTP-client errors', () => {
    const error = new Error('cannot reach postgres://app:pw-91x@db.internal:5432/main?sslmode=require');
    const logged = serializeError(error) as Record<string, string>;
    expect(logged.message).toBe('cannot reach postgres://[Redacted]@db.internal:5432/main?sslmode=require');
    expect(logged.stack).not.toContain('pw-91x');
    expect(serializeError({ note: 'see https://u:p-77@host/x and mailto:a@b.c' })).toEqual({
      note: 'see https://[Redacted]@host/x and mailto:a@b.c',
    });
  });
});

describe("headers bags (an error's own and a foreign cause's)", () => {
  const INJECTION = 'a\r\nSet-Cookie: sid=planted-4411';

  test('an unsafe value is [Dropped], an invalid name is only counted, credentials are redacted, the rest kept', () => {
    const error = Object.assign(new Error('x'), {
      headers: {
        'X-Debug': INJECTION,
        'X-Long': 'v'.repeat(4097),
        'X-Nul': 'a\u0000b',
        'X-Ok': 'fine',
        'Retry-After': 120,
        Vary: ['Accept', 'Origin\nX: planted-4411'],
        'Bad Name\r\nX-Planted: planted-4411': 'v',
        'X-Object': { nested: 'planted-4411' },
        Authorization: 'Bearer planted-4411',
      },
    });
    expect((serializeError(error) as { headers: unknown }).headers).toEqual({
      'X-Debug': '[Dropped]',
      'X-Long': '[Dropped]',
      'X-Nul': '[Dropped]',
      'X-Ok': 'fine',
      'Retry-After': 120,
      Vary: ['Accept', '[Dropped]'],
      'X-Object': '[Dropped]',
      Authorization: '[Redacted]',
      '[Dropped]': 1,
    });
    expect(serializeError({ headers: { a: 'b' } })).toEqual({ headers: { a: 'b' } });
    // The longest safe value is kept: the limit is the error handler's default, 4096.
    expect(serializeError({ headers: { 'X-Max': 'v'.repeat(4096) } })).toEqual({ headers: { 'X-Max': 'v'.repeat(4096) } });
  });

  test('an http-errors error with an injected header value: neither the response nor the log line carries it', async () => {
    const { logger, lines } = captureLogger();
    const app = appThrowing(() => createHttpError(400, 'bad', { headers: { 'X-Debug': INJECTION, 'X-Trace': 'ok-1' } }), {
      handler: { logger },
    });
    const res = await request(app).get('/throw');
    await flushLogs();
    expect(res.status).toBe(400);
    expect(res.headers['x-debug']).toBeUndefined();
    expect(res.headers['x-trace']).toBe('ok-1');
    expect(JSON.stringify(lines)).not.toContain('planted-4411');
    const line = lines.find((entry) => entry.status === 400) as unknown as Line;
    // Both the ApiError's own headers and its http-errors cause's.
    expect(line.error.headers).toEqual({ 'X-Debug': '[Dropped]', 'X-Trace': 'ok-1' });
    expect(line.error.cause?.headers).toEqual({ 'X-Debug': '[Dropped]', 'X-Trace': 'ok-1' });
    // The warning of the response writer names the header, not its value.
    expect(lines.find((entry) => entry.msg === 'dropped an unsafe error header')).toMatchObject({
      header: 'X-Debug',
      length: INJECTION.length,
    });
  });

  test('an ApiError built with an unsafe header value logs it dropped', () => {
    const error = createError(503, 'down', { headers: { 'X-Why': INJECTION } });
    expect(JSON.stringify(serializeError(error))).not.toContain('planted-4411');
  });
});
