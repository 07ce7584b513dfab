// A masked 5xx says nothing about what failed (RFC 9110 §17: don't leak internals), so a foreign
// error's headers (an upstream's cookies, redirects, CORS grants, debug tokens) are not copied
// onto it; only the fields its status calls for (Retry-After on a 503, RFC 9110 §10.2.3) are.
import createHttpError from 'http-errors';
import Boom from '@hapi/boom';
import request from 'supertest';
import { InternalServerError, ServiceUnavailableError, toApiError } from '../../src';
import { appThrowing, EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory } from '../helpers/app';

const LEAKY_HEADERS = {
  'Set-Cookie': 'session=upstream-secret; HttpOnly',
  Location: 'https://internal.example/admin',
  Server: 'internal-db/1.2.3',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Credentials': 'true',
  'X-Debug-Token': 'dbg-4711',
  'WWW-Authenticate': 'Basic realm="internal"',
};

const LEAKY_NAMES = Object.keys(LEAKY_HEADERS).map((name) => name.toLowerCase());

describe.each(EXPRESS_VERSIONS)('masked 5xx on %s', (_name, express: ExpressFactory) => {
  test.each<[string, () => unknown]>([
    ['an http-errors 500', () => createHttpError(500, { headers: LEAKY_HEADERS })],
    ['an http-errors 502', () => createHttpError(502, { headers: LEAKY_HEADERS })],
    ['a plain object with status 500', () => Object.assign(new Error('x'), { status: 500, headers: LEAKY_HEADERS })],
    ['a 520 (unregistered)', () => Object.assign(new Error('x'), { statusCode: 520, headers: LEAKY_HEADERS })],
    [
      'a Boom 500',
      () => {
        const boom = Boom.internal('db down');
        Object.assign(boom.output.headers, LEAKY_HEADERS);
        return boom;
      },
    ],
  ])('%s forwards none of its headers', async (_label, thrown) => {
    const res = await request(appThrowing(thrown, { express })).get('/throw');
    expect(res.status).toBeGreaterThanOrEqual(500);
    for (const name of LEAKY_NAMES) expect(res.headers[name]).toBeUndefined();
    expect(res.text).not.toContain('secret');
  });

  test('a foreign 503 keeps a valid Retry-After and nothing else', async () => {
    const res = await request(
      appThrowing(() => createHttpError(503, { headers: { ...LEAKY_HEADERS, 'Retry-After': '30' } }), { express }),
    ).get('/throw');
    expectErrorResponse(res, 503);
    expect(res.headers['retry-after']).toBe('30');
    for (const name of LEAKY_NAMES) expect(res.headers[name]).toBeUndefined();
  });

  test('a foreign 503 with an invalid Retry-After has none', async () => {
    const res = await request(appThrowing(() => createHttpError(503, { headers: { 'Retry-After': 'later' } }), { express })).get('/throw');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  test('a foreign 500 gets no Retry-After: its status does not call for one', async () => {
    const res = await request(appThrowing(() => createHttpError(500, { headers: { 'Retry-After': '30' } }), { express })).get('/throw');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  test('our own 5xx keep the headers the app gave them, exposed or not', async () => {
    const own = await request(
      appThrowing(() => new InternalServerError(undefined, { headers: { 'X-Incident': 'inc-42' } }), { express }),
    ).get('/throw');
    expect(own.headers['x-incident']).toBe('inc-42');
    const unavailable = await request(
      appThrowing(() => new ServiceUnavailableError(undefined, { retryAfter: 5, headers: { 'X-Maintenance': 'db' }, expose: false }), {
        express,
      }),
    ).get('/throw');
    expect(unavailable.headers['x-maintenance']).toBe('db');
    expect(unavailable.headers['retry-after']).toBe('5');
  });

  test('a foreign 4xx still forwards its headers (it describes the request, not us)', async () => {
    const res = await request(
      appThrowing(() => createHttpError(429, { headers: { 'RateLimit-Policy': '"default";q=100;w=60' } }), { express }),
    ).get('/throw');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=100;w=60');
  });
});

test('toApiError: the masked 5xx carries only the status fields', () => {
  expect(toApiError(createHttpError(503, { headers: { ...LEAKY_HEADERS, 'retry-after': '7' } })).headers).toEqual({ 'retry-after': '7' });
  expect(toApiError(createHttpError(500, { headers: LEAKY_HEADERS })).headers).toEqual({});
  // An exposed 5xx was meant to be seen as it is: its headers too.
  const exposed = createHttpError(503, { headers: { 'X-Region': 'eu' } });
  exposed.expose = true;
  expect(toApiError(exposed).headers).toEqual({ 'X-Region': 'eu' });
});
