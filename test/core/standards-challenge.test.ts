// RFC 9110 §11.6.1 / §11.7.1: a 401 (407) MUST carry at least one challenge in WWW-Authenticate
// (Proxy-Authenticate). A blank value carries none. A Bearer challenge without a realm (RFC 6750
// §3) takes the realm of the configured default challenge of the same scheme.
import createHttpError from 'http-errors';
import request from 'supertest';
import { ForbiddenError, ProxyAuthenticationRequiredError, UnauthorizedError } from '../../src';
import { parseChallenges } from '../../src/http';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

describe.each(EXPRESS_VERSIONS)('blank challenges on %s', (_name, express: ExpressFactory) => {
  test.each<[string, () => unknown]>([
    ['challenge: " "', () => new UnauthorizedError('Sign in', { challenge: ' ' })],
    ['challenge: ""', () => new UnauthorizedError('Sign in', { challenge: '' })],
    ['headers WWW-Authenticate ""', () => new UnauthorizedError('Sign in', { headers: { 'WWW-Authenticate': '' } })],
    ['headers www-authenticate "\\t "', () => new UnauthorizedError('Sign in', { headers: { 'www-authenticate': '\t ' } })],
    ['a foreign 401 with an empty WWW-Authenticate', () => createHttpError(401, 'Sign in', { headers: { 'WWW-Authenticate': '' } })],
    ['challenge: [" ", ""]', () => new UnauthorizedError('Sign in', { challenge: [' ', ''] })],
  ])('%s -> the default challenge', async (_label, thrown) => {
    const res = await request(appThrowing(thrown, { express })).get('/throw');
    const body = expectErrorResponse(res, 401, 'Unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(body.error.message).toBe('Sign in');
  });

  test('the configured default is used for a blank one', async () => {
    const res = await request(
      appThrowing(() => new UnauthorizedError(undefined, { challenge: ' ' }), {
        express,
        handler: { challenge: 'Basic realm="shop", charset="UTF-8"' },
      }),
    ).get('/throw');
    expect(res.headers['www-authenticate']).toBe('Basic realm="shop", charset="UTF-8"');
  });

  test.each<[string, () => unknown]>([
    ['challenge: " "', () => new ProxyAuthenticationRequiredError(undefined, { challenge: ' ' })],
    ['headers Proxy-Authenticate ""', () => new ProxyAuthenticationRequiredError(undefined, { headers: { 'Proxy-Authenticate': '' } })],
    ['a foreign 407 with an empty Proxy-Authenticate', () => createHttpError(407, { headers: { 'Proxy-Authenticate': ' ' } })],
  ])('407 %s -> the default proxy challenge', async (_label, thrown) => {
    const res = await request(appThrowing(thrown, { express })).get('/throw');
    expectErrorResponse(res, 407);
    expect(res.headers['proxy-authenticate']).toBe('Basic realm="proxy"');
  });

  test('a value that holds no challenge at all (a bare quoted string) is replaced by the default, and logged without its value', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(
      appThrowing(() => new UnauthorizedError(undefined, { headers: { 'WWW-Authenticate': '"secret-ish", =' } }), {
        express,
        handler: { logger },
      }),
    ).get('/throw');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    await flushLogs();
    const replaced = lines.filter((line) => line.msg === 'replaced a WWW-Authenticate value that holds no challenge');
    expect(replaced).toEqual([expect.objectContaining({ level: 40, status: 401, header: 'WWW-Authenticate', length: 15 })]);
    expect(JSON.stringify(replaced)).not.toContain('secret-ish');
  });
});

describe.each(EXPRESS_VERSIONS)('realm inheritance on %s', (_name, express: ExpressFactory) => {
  async function challengeOf(thrown: () => unknown, handler = {}): Promise<string | undefined> {
    const res = await request(appThrowing(thrown, { express, handler })).get('/throw');
    return res.headers['www-authenticate'] as string | undefined;
  }

  test('a Bearer challenge with error params and no realm gets the default realm first', async () => {
    const value = await challengeOf(
      () =>
        new UnauthorizedError('The access token expired', {
          challenge: 'Bearer error="invalid_token", error_description="The access token expired"',
        }),
    );
    expect(value).toBe('Bearer realm="api", error="invalid_token", error_description="The access token expired"');
  });

  test("the same from a structured challenge and from a foreign error's header", async () => {
    expect(
      await challengeOf(() => new UnauthorizedError(undefined, { challenge: { scheme: 'Bearer', params: { error: 'invalid_token' } } })),
    ).toBe('Bearer realm="api", error="invalid_token"');
    expect(await challengeOf(() => createHttpError(401, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }))).toBe(
      'Bearer realm="api", error="invalid_token"',
    );
  });

  test("a bare scheme gets the realm too; the scheme match is case-insensitive and keeps the thrower's spelling", async () => {
    expect(await challengeOf(() => new UnauthorizedError(undefined, { challenge: 'Bearer' }))).toBe('Bearer realm="api"');
    expect(await challengeOf(() => new UnauthorizedError(undefined, { challenge: 'bearer error=invalid_token' }))).toBe(
      'bearer realm="api", error=invalid_token',
    );
  });

  test('the realm of the configured default, quoted as configured', async () => {
    expect(
      await challengeOf(() => new UnauthorizedError(undefined, { challenge: 'Bearer error="invalid_token"' }), {
        challenge: { scheme: 'Bearer', params: { realm: 'shop "eu"' } },
      }),
    ).toBe('Bearer realm="shop \\"eu\\"", error="invalid_token"');
    expect(
      await challengeOf(() => new UnauthorizedError(undefined, { challenge: 'Bearer error="invalid_token"' }), {
        challenge: 'Basic realm="b", Bearer realm=tokens',
      }),
    ).toBe('Bearer realm=tokens, error="invalid_token"');
  });

  test.each([
    ['a challenge that has a realm', 'Bearer realm="mine", error="invalid_token"', 'Bearer realm="mine", error="invalid_token"'],
    ['a REALM in another case', 'Bearer REALM="mine"', 'Bearer REALM="mine"'],
    ['another scheme', 'Basic charset="UTF-8"', 'Basic charset="UTF-8"'],
    ['a token68 challenge', 'Negotiate a87421000492aa874209af8bc028==', 'Negotiate a87421000492aa874209af8bc028=='],
    [
      'a list: only the Bearer one',
      'Basic realm="b", Bearer error="invalid_token", DPoP algs="ES256"',
      'Basic realm="b", Bearer realm="api", error="invalid_token", DPoP algs="ES256"',
    ],
  ])('%s is left as it is', async (_label, given, expected) => {
    expect(await challengeOf(() => new UnauthorizedError(undefined, { challenge: given }))).toBe(expected);
  });

  test('a default without a realm gives none', async () => {
    expect(
      await challengeOf(() => new UnauthorizedError(undefined, { challenge: 'Bearer error="invalid_token"' }), { challenge: 'Bearer' }),
    ).toBe('Bearer error="invalid_token"');
  });

  test('a 403 with a Bearer insufficient_scope challenge (RFC 6750 §3.1) inherits the realm too', async () => {
    const res = await request(
      appThrowing(
        () => new ForbiddenError(undefined, { headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="orders:write"' } }),
        { express },
      ),
    ).get('/throw');
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="insufficient_scope", scope="orders:write"');
  });

  test('407: a Basic challenge without a realm inherits the default proxy realm', async () => {
    const res = await request(
      appThrowing(() => new ProxyAuthenticationRequiredError(undefined, { challenge: 'Basic charset="UTF-8"' }), { express }),
    ).get('/throw');
    expect(res.headers['proxy-authenticate']).toBe('Basic realm="proxy", charset="UTF-8"');
  });
});

describe('parseChallenges (RFC 9110 §11.3, §11.6.1)', () => {
  test('the RFC 9110 §11.6.1 example: two challenges, a quoted-string with escapes', () => {
    expect(parseChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"')).toEqual([
      {
        scheme: 'Newauth',
        params: [
          ['realm', 'apps'],
          ['type', '1'],
          ['title', 'Login to "apps"'],
        ],
      },
      { scheme: 'Basic', params: [['realm', 'simple']] },
    ]);
  });

  test('BWS around "=", empty list elements, token68 with padding, bare schemes', () => {
    expect(parseChallenges(' , Bearer realm = "a" ,, error=x , Negotiate abc==, Basic')).toEqual([
      {
        scheme: 'Bearer',
        params: [
          ['realm', 'a'],
          ['error', 'x'],
        ],
      },
      { scheme: 'Negotiate', token68: 'abc==', params: [] },
      { scheme: 'Basic', params: [] },
    ]);
    // token68 may end in "=", so `realm=` alone is a token68, not an empty param.
    expect(parseChallenges('Bearer realm=')).toEqual([{ scheme: 'Bearer', token68: 'realm=', params: [] }]);
  });

  test.each(['', '   ', ',', '"quoted"', '=', 'Bearer realm="unterminated', 'Bearer a b', 'Bearer realm="a" x', 'Bé'])(
    '%j holds no valid challenge list',
    (value) => {
      expect(parseChallenges(value)).toBeUndefined();
    },
  );
});
