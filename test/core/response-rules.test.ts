import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { errorHandler, InternalServerError, NotFoundError, ServiceUnavailableError, TooManyRequestsError } from '../../src';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

describe.each(EXPRESS_VERSIONS)('%s', (_name, express: ExpressFactory) => {
  test('HEAD gets the status and headers of the GET, and no body', async () => {
    const app = appThrowing(() => new TooManyRequestsError('Slow down', { retryAfter: 7 }), { express });
    const get = await request(app).get('/throw');
    const head = await request(app).head('/throw');
    expect(head.status).toBe(429);
    expect(head.text ?? '').toBe('');
    expect(head.headers['retry-after']).toBe('7');
    expect(head.headers['content-type']).toBe('application/json');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['cache-control']).toBe('no-store');
    expect(head.headers['x-content-type-options']).toBe('nosniff');
  });

  test('headers set for the representation the handler meant to send are removed', async () => {
    const app = appThrowing(() => new NotFoundError(), {
      express,
      before: (_req, res) => {
        res.set({
          ETag: '"abc"',
          'Last-Modified': 'Sun, 06 Nov 1994 08:49:37 GMT',
          'Content-Encoding': 'gzip',
          'Content-Language': 'de',
          'Content-Range': 'bytes 0-1/2',
          'Content-Disposition': 'attachment; filename="a.csv"',
          'Content-Location': '/a.csv',
          'Content-Type': 'text/csv',
          'Cache-Control': 'public, max-age=3600',
          'X-Kept': 'yes',
        });
      },
    });
    const res = await request(app).get('/throw');
    expectErrorResponse(res, 404);
    for (const header of [
      'etag',
      'last-modified',
      'content-encoding',
      'content-language',
      'content-range',
      'content-disposition',
      'content-location',
    ]) {
      expect(res.headers[header]).toBeUndefined();
    }
    // Headers unrelated to the representation stay.
    expect(res.headers['x-kept']).toBe('yes');
  });

  test('Cache-Control is configurable, except where the RFC says MUST NOT be cached', async () => {
    const custom = await request(appThrowing(() => new NotFoundError(), { express, handler: { cacheControl: 'private, max-age=60' } })).get(
      '/throw',
    );
    expect(custom.headers['cache-control']).toBe('private, max-age=60');
    const untouched = await request(appThrowing(() => new NotFoundError(), { express, handler: { cacheControl: false } })).get('/throw');
    expect(untouched.headers['cache-control']).toBeUndefined();
    const mustNotCache = await request(
      appThrowing(() => new TooManyRequestsError(), { express, handler: { cacheControl: 'public, max-age=60' } }),
    ).get('/throw');
    expect(mustNotCache.headers['cache-control']).toBe('no-store');
  });

  describe('development mode', () => {
    const env = process.env.NODE_ENV;
    afterEach(() => {
      process.env.NODE_ENV = env;
    });

    test('adds the stack and the cause to the body', async () => {
      const app = appThrowing(() => new InternalServerError('db down', { cause: new Error('ECONNRESET 10.0.0.7') }), {
        express,
        handler: { development: true },
      });
      const res = await request(app).get('/throw');
      const body = expectErrorResponse(res, 500);
      expect(body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
      expect(body.debug?.stack).toEqual(expect.stringMatching(/^InternalServerError: db down\n\s+at /));
      expect(body.debug?.cause).toMatchObject({ type: 'Error', message: 'ECONNRESET 10.0.0.7' });
    });

    test('is off by default', async () => {
      const res = await request(appThrowing(() => new InternalServerError('db down', { cause: new Error('x') }), { express })).get(
        '/throw',
      );
      expect(res.body.debug).toBeUndefined();
      expect(res.text).not.toContain('db down');
    });

    test('refuses to turn on when NODE_ENV=production', () => {
      process.env.NODE_ENV = 'production';
      expect(() => errorHandler({ development: true, logger: false })).toThrow(/NODE_ENV=production/);
      expect(() => errorHandler({ development: false, logger: false })).not.toThrow();
    });
  });

  test('a response that cannot be written (details JSON cannot encode) becomes a logged 500', async () => {
    const { logger, lines } = captureLogger();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const details of [{ big: 10n }, cyclic]) {
      lines.length = 0;
      const app = appThrowing(() => new NotFoundError('x', { details }), { express, handler: { logger } });
      const res = await request(app).get('/throw').set('X-Request-Id', 'fallback-1');
      expect(expectErrorResponse(res, 500).error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
      expect(res.body.meta.request_id).toBe('fallback-1');
      await flushLogs();
      expect(lines.map((line) => [line.level, line.msg])).toEqual([
        [40, 'GET /throw -> 404 resource_not_found'],
        [50, 'failed to write the error response'],
      ]);
    }
  });

  test('when headers were already sent: logged, the connection closed, the server keeps serving', async () => {
    const { logger, lines } = captureLogger();
    const app = appThrowing(() => new ServiceUnavailableError('late failure'), {
      express,
      handler: { logger },
      before: (_req, res) => {
        res.status(200).setHeader('Content-Type', 'text/plain');
        res.write('partial');
      },
    });
    const server = app.listen(0);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The client sees a truncated chunked response: the connection is closed mid-body.
      await expect(fetch(`${url}/throw`).then((res) => res.text())).rejects.toThrow();
      const next = await request(url).get('/ok');
      expect(next.status).toBe(200);
      expect(next.body).toEqual({ ok: true });
      await flushLogs();
      expect(lines).toEqual([expect.objectContaining({ level: 50, status: 503, code: 'service_unavailable', path: '/throw' })]);
    } finally {
      server.close();
    }
  });
});
