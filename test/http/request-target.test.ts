import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import fc from 'fast-check';
import { errorHandler, notFoundHandler, requestId } from '../../src';
import { maintenanceMode, methodNotAllowed } from '../../src/http';
import { requestInstance, requestPath } from '../../src/utils/request-path';
import { captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

/**
 * Sends `path` as the request target byte for byte (supertest would resolve it as a URL first):
 * an origin-form `//host/x` or an absolute-form `http://host/x` (RFC 9112 §3.2).
 */
async function raw(app: Express, method: string, path: string): Promise<RawResponse> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<RawResponse>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe.each(EXPRESS_VERSIONS)('request targets on %s', (_name, express) => {
  function problemApp(mount: (app: Express) => void = () => {}) {
    const { logger, lines } = captureLogger();
    const app = express();
    app.use(requestId());
    mount(app);
    app.use(methodNotAllowed());
    app.use(notFoundHandler());
    app.use(errorHandler({ format: 'problem', logger }));
    return { app, lines };
  }

  // RFC 3986 §4.2: "//evil.example/x" as a reference names the host evil.example.
  test.each([
    ['//evil.example/x', '/evil.example/x'],
    ['///evil.example/x?y=1', '/evil.example/x'],
    ['/\\evil.example/x', '/%5Cevil.example/x'],
  ])('GET %s: instance %s is a path-absolute reference, never a network-path one', async (target, instance) => {
    const { app } = problemApp();
    const res = await raw(app, 'GET', target);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body.instance).toBe(instance);
    expect(String(body.instance).startsWith('//')).toBe(false);
  });

  test('absolute-form GET http://host/foo?token=secret: /foo in the log line, the 404 message and instance', async () => {
    const { app, lines } = problemApp();
    const res = await raw(app, 'GET', 'http://api.example/foo?token=secret');
    await flushLogs();
    expect(res.status).toBe(404);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, detail: 'No route matches GET /foo', instance: '/foo' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ path: '/foo', msg: 'GET /foo -> 404 resource_not_found' });
    expect(JSON.stringify(lines) + res.text).not.toMatch(/secret|api\.example/);
  });

  test('absolute-form without a path is "/"; the scheme is matched case-insensitively (RFC 3986 §3.1)', async () => {
    const { app, lines } = problemApp();
    const res = await raw(app, 'GET', 'HTTPS://api.example?token=secret');
    await flushLogs();
    expect(JSON.parse(res.text)).toMatchObject({ detail: 'No route matches GET /', instance: '/' });
    expect(lines[0]).toMatchObject({ path: '/' });
  });

  test('absolute-form reaches the route and methodNotAllowed reads its path, also under a mounted router', async () => {
    const { app } = problemApp((root) => {
      const users = express.Router();
      users.get('/:id', (_req, res) => void res.json({ data: 'user' }));
      root.use('/users', users);
    });
    expect((await raw(app, 'GET', 'http://api.example/users/u1?x=1')).status).toBe(200);
    const res = await raw(app, 'DELETE', 'http://api.example/users/u1?x=1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toMatch(/^GET, HEAD/);
    expect(JSON.parse(res.text)).toMatchObject({ instance: '/users/u1' });
  });

  test('maintenanceMode lets an absolute-form health check through', async () => {
    const app = express();
    app.use(maintenanceMode({ enabled: true }));
    app.get('/health', (_req, res) => void res.json({ ok: true }));
    app.use(errorHandler({ logger: false }));
    expect((await raw(app, 'GET', 'http://api.example/health?probe=1')).status).toBe(200);
    expect((await raw(app, 'GET', 'http://api.example/users')).status).toBe(503);
  });
});

describe('requestPath and requestInstance', () => {
  const req = (url: string) => ({ url, headers: {} }) as IncomingMessage;

  test.each([
    ['/users/u1?token=x', '/users/u1'],
    ['http://h/users/u1?token=x', '/users/u1'],
    ['https://user:pw@h:8443/a/b#f', '/a/b'],
    ['http://h', '/'],
    ['*', '*'],
  ])('requestPath(%s) = %s', (url, path) => {
    expect(requestPath(req(url))).toBe(path);
  });

  test('originalUrl (the full target under a mounted router) wins over url', () => {
    expect(requestPath({ url: '/u1', originalUrl: 'http://h/users/u1?x', headers: {} } as unknown as IncomingMessage)).toBe('/users/u1');
  });

  test('property: instance is always a valid path-absolute URI reference without query', () => {
    const target = fc.oneof(
      fc.string({ maxLength: 40 }).map((rest) => `/${rest}`),
      fc.string({ maxLength: 40 }).map((rest) => `//${rest}`),
      fc
        .tuple(fc.constantFrom('http', 'https', 'HTTP'), fc.domain(), fc.string({ maxLength: 40 }))
        .map(([scheme, host, rest]) => `${scheme}://${host}${rest}`),
    );
    fc.assert(
      fc.property(target, (url) => {
        const instance = requestInstance(req(url));
        expect(instance).toMatch(/^\/(?!\/)/);
        expect(instance).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*(%[0-9A-Fa-f]{2}[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)*$/);
        expect(instance).not.toMatch(/[?#]/);
      }),
    );
  });
});
