import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { BadGatewayError, GatewayTimeoutError } from '../../src';
import { assertUpstreamOk, notImplemented, toUpstreamError } from '../../src/http';
import { buildApp, captureLogger, flushLogs } from '../helpers/app';

let slow: Server;
let slowUrl: string;
let closedUrl: string;

beforeAll(async () => {
  // An upstream that never answers, and a port nobody listens on.
  slow = createServer(() => undefined);
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/rates?api_key=secret`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/rates`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  slow.closeAllConnections();
  await new Promise<void>((resolve) => slow.close(() => resolve()));
});

async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (failure) {
    return failure;
  }
  throw new Error('expected the call to fail');
}

describe('toUpstreamError', () => {
  test('a real connection refused -> 502 upstream_unavailable', async () => {
    const error = toUpstreamError(await failureOf(() => fetch(closedUrl)), { service: 'rates' });
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ status: 502, code: 'upstream_unavailable', expose: true, message: 'An upstream service failed.' });
    expect((error.cause as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  test('a real AbortSignal.timeout on a silent upstream -> 504 upstream_timeout', async () => {
    const failure = await failureOf(() => fetch(slowUrl, { signal: AbortSignal.timeout(50) }));
    const error = toUpstreamError(failure);
    expect(error).toBeInstanceOf(GatewayTimeoutError);
    expect(error).toMatchObject({ status: 504, code: 'upstream_timeout' });
    expect(error.cause).toBe(failure);
  });

  test.each([
    [503, 502, 'upstream_unavailable'],
    [500, 502, 'upstream_unavailable'],
    [504, 504, 'upstream_timeout'],
    [408, 504, 'upstream_timeout'],
  ])('a fetch Response %i -> %i %s', (upstream, status, code) => {
    const error = toUpstreamError(new Response('secret body', { status: upstream }));
    expect(error).toMatchObject({ status, code });
    expect(String((error.cause as Error).message)).not.toContain('secret body');
  });

  test.each([
    ['ETIMEDOUT', 504],
    ['UND_ERR_HEADERS_TIMEOUT', 504],
    ['ECONNRESET', 502],
    ['ENOTFOUND', 502],
  ])('an error with code %s -> %i', (code, status) => {
    expect(toUpstreamError(Object.assign(new Error('x'), { code })).status).toBe(status);
  });

  test('non-errors and already converted errors', () => {
    expect(toUpstreamError('boom').status).toBe(502);
    const converted = new GatewayTimeoutError();
    expect(toUpstreamError(converted)).toBe(converted);
  });

  test('assertUpstreamOk returns responses below 500 and throws for 5xx', () => {
    const ok = new Response('{}', { status: 200 });
    expect(assertUpstreamOk(ok)).toBe(ok);
    const notFound = new Response('', { status: 404 });
    expect(assertUpstreamOk(notFound)).toBe(notFound);
    expect(() => assertUpstreamOk(new Response('', { status: 502 }))).toThrow(BadGatewayError);
  });

  test('through errorHandler: the client sees a generic 502, the log gets the cause without the query string', async () => {
    const { logger, lines } = captureLogger();
    const app = buildApp(
      (root) => {
        root.get('/rates', async () => {
          try {
            assertUpstreamOk(await fetch(slowUrl, { signal: AbortSignal.timeout(30) }), { service: 'rates' });
          } catch (failure) {
            throw toUpstreamError(failure, { service: 'rates' });
          }
        });
        root.get('/rates-5xx', () => {
          throw toUpstreamError(
            { status: 503, statusText: 'Service Unavailable', url: 'http://rates.internal/v1/rates?api_key=hunter2', headers: {} },
            { service: 'rates' },
          );
        });
      },
      { handler: { logger } },
    );
    const timeout = await request(app).get('/rates').set('X-Request-Id', 'req-504');
    expect(timeout.status).toBe(504);
    expect(timeout.body).toEqual({
      error: { code: 'upstream_timeout', message: 'An upstream service did not respond in time.' },
      meta: { request_id: 'req-504' },
    });
    const bad = await request(app).get('/rates-5xx').set('X-Request-Id', 'req-502');
    expect(bad.status).toBe(502);
    expect(bad.body).toEqual({
      error: { code: 'upstream_unavailable', message: 'An upstream service failed.' },
      meta: { request_id: 'req-502' },
    });
    expect(bad.text).not.toMatch(/hunter2|rates answered/);
    await flushLogs();
    const logged = JSON.stringify(lines);
    expect(logged).toContain('TimeoutError');
    expect(logged).toContain('rates answered 503 Service Unavailable (http://rates.internal/v1/rates)');
    expect(logged).not.toContain('hunter2');
  });
});

describe('notImplemented (501)', () => {
  test('answers 501 with its message exposed', async () => {
    const app = buildApp((root) => {
      root.post('/exports', notImplemented('Exports are not available yet.'));
      root.post('/imports', notImplemented());
    });
    const res = await request(app).post('/exports').set('X-Request-Id', 'req-501');
    expect(res.status).toBe(501);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      error: { code: 'not_implemented', message: 'Exports are not available yet.' },
      meta: { request_id: 'req-501' },
    });
    expect((await request(app).post('/imports')).body.error).toEqual({
      code: 'not_implemented',
      message: 'POST is not implemented for this resource yet.',
    });
  });
});
