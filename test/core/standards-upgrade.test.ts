// Requests ask for keep-alive explicitly: superagent's default is to close, and Node then says
// `Connection: close` on every response.
// RFC 9110 §15.5.22: a 426 MUST carry Upgrade; §7.8: a sender of Upgrade MUST also send the
// `upgrade` connection option. RFC 9113 §8.2.2: neither field may appear in HTTP/2.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import createHttpError from 'http-errors';
import request from 'supertest';
import { errorHandler, ServiceUnavailableError, UpgradeRequiredError } from '../../src';
import { retiredApiVersions } from '../../src/http';
import { DEFAULT_UPGRADE } from '../../src/headers/upgrade';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

describe.each(EXPRESS_VERSIONS)('426 Upgrade on %s', (_name, express: ExpressFactory) => {
  test('a 426 naming no protocol gets the default `HTTP/2` and `Connection: upgrade`, and nothing is logged about it', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(appThrowing(() => new UpgradeRequiredError(), { express, handler: { logger } }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    const body = expectErrorResponse(res, 426, 'Upgrade Required');
    expect(res.headers.upgrade).toBe('HTTP/2');
    expect(res.headers.connection).toBe('upgrade');
    expect(body.error).toEqual({ code: 'upgrade_required', message: 'The client must switch to another protocol.' });
    await flushLogs();
    expect(lines.map((line) => line.msg)).toEqual(['GET /throw -> 426 upgrade_required']);
  });

  test("the thrower's protocols win, in its order, still with `Connection: upgrade`", async () => {
    const res = await request(appThrowing(() => new UpgradeRequiredError(undefined, { upgrade: ['HTTP/3', 'HTTP/2'] }), { express }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    expectErrorResponse(res, 426);
    expect(res.headers.upgrade).toBe('HTTP/3, HTTP/2');
    expect(res.headers.connection).toBe('upgrade');
  });

  test('the `upgrade` option sets the default, as a list or one value', async () => {
    const list = await request(appThrowing(() => new UpgradeRequiredError(), { express, handler: { upgrade: ['TLS/1.3', 'HTTP/1.1'] } }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    expect(list.headers.upgrade).toBe('TLS/1.3, HTTP/1.1');
    expect(list.headers.connection).toBe('upgrade');
    const one = await request(appThrowing(() => new UpgradeRequiredError(), { express, handler: { upgrade: 'websocket' } }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    expect(one.headers.upgrade).toBe('websocket');
  });

  test('`requiredHeaders.Upgrade` sets it too; `upgrade` wins over it', async () => {
    const required = await request(
      appThrowing(() => new UpgradeRequiredError(), { express, handler: { requiredHeaders: { Upgrade: 'HTTP/3' } } }),
    )
      .get('/throw')
      .set('Connection', 'keep-alive');
    expect(required.headers.upgrade).toBe('HTTP/3');
    const both = await request(
      appThrowing(() => new UpgradeRequiredError(), { express, handler: { requiredHeaders: { Upgrade: 'HTTP/3' }, upgrade: 'HTTP/2' } }),
    )
      .get('/throw')
      .set('Connection', 'keep-alive');
    expect(both.headers.upgrade).toBe('HTTP/2');
  });

  test('a foreign 426 (http-errors, no headers) gets the default too', async () => {
    const res = await request(appThrowing(() => createHttpError(426), { express }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    expectErrorResponse(res, 426);
    expect(res.headers.upgrade).toBe('HTTP/2');
    expect(res.headers.connection).toBe('upgrade');
  });

  test('a client that asked to close gets `Connection: upgrade, close` and the connection is closed', async () => {
    const res = await request(appThrowing(() => new UpgradeRequiredError(), { express }))
      .get('/throw')
      .set('Connection', 'close');
    expect(res.status).toBe(426);
    expect(res.headers.connection).toBe('upgrade, close');
  });

  test('Upgrade on another status (a 503 naming a protocol) carries the connection option as well', async () => {
    const res = await request(appThrowing(() => new ServiceUnavailableError(undefined, { headers: { Upgrade: 'HTTP/2' } }), { express }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    expect(res.status).toBe(503);
    expect(res.headers.upgrade).toBe('HTTP/2');
    expect(res.headers.connection).toBe('upgrade');
  });

  test('an error cannot set Connection itself; only the handler writes it', async () => {
    const res = await request(appThrowing(() => new ServiceUnavailableError(undefined, { headers: { Connection: 'close' } }), { express }))
      .get('/throw')
      .set('Connection', 'keep-alive');
    expect(res.status).toBe(503);
    expect(res.headers.connection).toBe('keep-alive');
  });
});

test('retiredApiVersions(): its 426 carries Upgrade and `Connection: upgrade`', async () => {
  const app = express();
  app.use(retiredApiVersions({ current: 'v2', retired: ['v1'], path: true }));
  app.use(errorHandler({ logger: false }));
  const res = await request(app).get('/v1/users').set('Connection', 'keep-alive');
  expect(res.status).toBe(426);
  expect(res.headers.upgrade).toBe('api/v2');
  expect(res.headers.connection).toBe('upgrade');
});

test('DEFAULT_UPGRADE is the documented default', () => {
  expect(DEFAULT_UPGRADE).toBe('HTTP/2');
});

test.each([[''], ['HTTP/2 x'], ['a/b/c'], [['HTTP/2', '']], ['HTTP/2\r\nX: 1']])(
  'errorHandler refuses upgrade %j at start-up',
  (upgrade) => {
    expect(() => errorHandler({ upgrade: upgrade as string })).toThrow(TypeError);
  },
);

describe('over HTTP/2 (RFC 9113 §8.2.2)', () => {
  let server: http2.Http2Server;
  let url: string;
  let thrown: () => unknown;
  beforeAll(async () => {
    const handle = errorHandler({ logger: false });
    server = http2.createServer((req, res) => {
      handle(thrown(), req as unknown as IncomingMessage, res as unknown as ServerResponse, () => res.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function get(): Promise<{ status: number; headers: http2.IncomingHttpHeaders; body: string }> {
    const client = http2.connect(url);
    try {
      return await new Promise((resolve, reject) => {
        const stream = client.request({ ':path': '/throw' });
        let headers: http2.IncomingHttpHeaders = {};
        let body = '';
        stream.on('response', (h) => (headers = h));
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (body += chunk));
        stream.on('end', () => resolve({ status: Number(headers[':status']), headers, body }));
        stream.on('error', reject);
      });
    } finally {
      client.close();
    }
  }

  test('a 426 is still a 426: no Upgrade, no Connection (connection-specific fields are malformed there)', async () => {
    thrown = () => new UpgradeRequiredError(undefined, { upgrade: 'HTTP/3' });
    const res = await get();
    expect(res.status).toBe(426);
    expect(res.headers.upgrade).toBeUndefined();
    expect(res.headers.connection).toBeUndefined();
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'upgrade_required' } });
  });

  test('the default is not written either', async () => {
    thrown = () => new UpgradeRequiredError();
    const res = await get();
    expect(res.status).toBe(426);
    expect(res.headers.upgrade).toBeUndefined();
  });
});
