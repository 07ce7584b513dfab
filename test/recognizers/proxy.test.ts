import http, { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import request from 'supertest';
import { errorHandler, requestId } from '../../src';
import { toUpstreamError } from '../../src/http';
import { captureLogger, flushLogs } from '../helpers/app';

// The recipe of docs/integrations/proxy.md against the real http-proxy-middleware.
function proxyApp(target: string, logger: ReturnType<typeof captureLogger>['logger'], proxyTimeout?: number): express.Express {
  const app = express();
  const handleError = errorHandler({ logger });
  app.use(requestId());
  app.use(
    '/billing',
    createProxyMiddleware({
      target,
      proxyTimeout,
      on: {
        error: (failure, req, res) => {
          if (!(res instanceof ServerResponse)) return void res.destroy();
          handleError(toUpstreamError(failure, { service: 'billing' }), req, res, () => res.destroy());
        },
      },
    }),
  );
  app.use(handleError);
  return app;
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('an upstream that refuses the connection is a 502 envelope, its address only in the log', async () => {
  const { logger, lines } = captureLogger();
  const port = await closedPort();
  const response = await request(proxyApp(`http://127.0.0.1:${port}`, logger)).get('/billing/invoices?token=SECRET1');
  expect(response.status).toBe(502);
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.body).toEqual({
    error: { code: 'upstream_unavailable', message: 'An upstream service failed.' },
    meta: { request_id: response.headers['x-request-id'] },
  });
  expect(response.text).not.toContain(String(port));
  await flushLogs();
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ status: 502, code: 'upstream_unavailable', path: '/billing/invoices' });
  expect(JSON.stringify(lines)).toContain('ECONNREFUSED');
  expect(JSON.stringify(lines)).not.toContain('SECRET1');
});

// http-proxy aborts the request at proxyTimeout and reports ECONNRESET ("socket hang up"), the
// same as an upstream resetting the connection: a 502, not a 504 (if http-proxy ever reports a
// timeout as such, toUpstreamError makes it a 504 and this test says so).
test('an upstream that does not answer within proxyTimeout is a 502: http-proxy reports a reset', async () => {
  const hanging = http.createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = hanging.address() as AddressInfo;
    const { logger } = captureLogger();
    const response = await request(proxyApp(`http://127.0.0.1:${port}`, logger, 200)).get('/billing/invoices');
    expect(response.status).toBe(502);
    expect(response.body.error).toEqual({ code: 'upstream_unavailable', message: 'An upstream service failed.' });
  } finally {
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
  }
});
