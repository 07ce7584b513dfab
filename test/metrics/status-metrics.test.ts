import { execFileSync } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import type { Express } from 'express';
import { Registry } from 'prom-client';
import * as promClient from 'prom-client';
import request from 'supertest';
import { ForbiddenError, NotFoundError, errorHandler, notFoundHandler, requestId } from '../../src';
import { formatStatusSnapshot, statusMetrics, type StatusMetrics, type StatusMetricsOptions } from '../../src/metrics';
import { appErrors } from '../../examples/errors';
import { EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';
import { eventually } from '../helpers/eventually';
import { abortRequest, close, listen } from './helpers';
import { ROOT } from '../helpers/root';

interface TestApp {
  app: Express;
  metrics: StatusMetrics;
  /** Emits the path of every request that got past statusMetrics. */
  arrivals: EventEmitter;
}

function buildApp(express: ExpressFactory, options: StatusMetricsOptions = {}): TestApp {
  const app = express();
  const metrics = statusMetrics(options);
  const arrivals = new EventEmitter();
  app.use(requestId());
  app.use(metrics);
  app.use((req, _res, next) => {
    arrivals.emit('request', req.url);
    next();
  });
  app.use(express.json());
  app.get('/users/:id', (req, res) => {
    if (req.params.id === 'missing') throw new NotFoundError('User missing was not found');
    res.json({ data: { id: req.params.id } });
  });
  app.post('/users', (_req, res) => {
    res.status(201).json({ data: { id: 'user_1' } });
  });
  const api = express.Router();
  api.get('/items/:id', () => {
    throw new ForbiddenError();
  });
  api.get('/orders/:id', () => {
    throw appErrors.create('insufficient_scope');
  });
  api.get('/', (_req, res) => {
    res.json({ data: [] });
  });
  app.use('/api', api);
  app.get('/crash', () => {
    throw new Error('db down');
  });
  app.get('/slow', () => {
    // Never answers: the client gives up.
  });
  app.get('/metrics', (_req, res) => {
    res.type('text/plain').send(formatStatusSnapshot(metrics.snapshot()));
  });
  app.use(notFoundHandler());
  app.use(errorHandler({ logger: false }));
  return { app, metrics, arrivals };
}

describe.each(EXPRESS_VERSIONS)('statusMetrics (%s)', (_name, express) => {
  test('counts a mix of real requests by status, code and route template', async () => {
    const { app, metrics } = buildApp(express);
    const agent = request(app);
    await agent.get('/users/user_1').expect(200);
    await agent.get('/users/user_2').expect(200);
    await agent.get('/users/missing').expect(404);
    await agent.post('/users').send({ name: 'a' }).expect(201);
    // Rejected by express.json() before any route: counted, with its code, as unmatched.
    await agent.post('/users').set('Content-Type', 'application/json').send('{"name":').expect(400);
    await agent.get('/api/items/item_1').expect(403);
    await agent.get('/api/orders/order_1').expect(403);
    await agent.get('/api').expect(200);
    await agent.get('/crash').expect(500);
    await agent.get('/no/such/route').expect(404);
    await agent.delete('/users/user_1').expect(404);

    const snapshot = metrics.snapshot();
    expect(snapshot.total).toBe(11);
    expect(snapshot.aborted).toBe(0);
    expect(snapshot.statuses).toEqual([
      { status: 200, phrase: 'OK', count: 3, percent: 27.27 },
      { status: 201, phrase: 'Created', count: 1, percent: 9.09 },
      { status: 400, phrase: 'Bad Request', count: 1, percent: 9.09 },
      { status: 403, phrase: 'Forbidden', count: 2, percent: 18.18 },
      { status: 404, phrase: 'Not Found', count: 3, percent: 27.27 },
      { status: 500, phrase: 'Internal Server Error', count: 1, percent: 9.09 },
    ]);
    expect(snapshot.codes).toEqual([
      { code: 'resource_not_found', status: 404, count: 3, percent: 27.27 },
      { code: 'forbidden', status: 403, count: 1, percent: 9.09 },
      { code: 'insufficient_scope', status: 403, count: 1, percent: 9.09 },
      { code: 'internal_error', status: 500, count: 1, percent: 9.09 },
      { code: 'malformed_json', status: 400, count: 1, percent: 9.09 },
    ]);
    // The mount path is kept even though the error unwound the router before the response.
    expect(snapshot.routes).toEqual([
      { method: 'GET', route: '/users/:id', count: 3, errors: 1, aborted: 0 },
      { method: 'GET', route: '/api', count: 1, errors: 0, aborted: 0 },
      { method: 'GET', route: '/api/items/:id', count: 1, errors: 1, aborted: 0 },
      { method: 'GET', route: '/api/orders/:id', count: 1, errors: 1, aborted: 0 },
      { method: 'GET', route: '/crash', count: 1, errors: 1, aborted: 0 },
      { method: 'POST', route: '/users', count: 1, errors: 0, aborted: 0 },
      { method: 'DELETE', route: 'unmatched', count: 1, errors: 1, aborted: 0 },
      { method: 'GET', route: 'unmatched', count: 1, errors: 1, aborted: 0 },
      { method: 'POST', route: 'unmatched', count: 1, errors: 1, aborted: 0 },
    ]);
  });

  test('aborted requests are counted apart, whether the handler was running or the body was still arriving', async () => {
    const { app, metrics, arrivals } = buildApp(express);
    const server = await listen(app);
    try {
      await abortRequest(server, '/slow', once(arrivals, 'request'));
      await abortRequest(server, '/users', once(arrivals, 'request'), '{"name":"half');
      await eventually(() => metrics.snapshot().aborted === 2);
      const snapshot = metrics.snapshot();
      expect(snapshot).toMatchObject({ total: 2, aborted: 2, abortedPercent: 100, statuses: [], codes: [] });
      expect(snapshot.routes).toEqual([
        { method: 'GET', route: '/slow', count: 1, errors: 0, aborted: 1 },
        { method: 'POST', route: 'unmatched', count: 1, errors: 0, aborted: 1 },
      ]);
    } finally {
      await close(server);
    }
  });

  test('array and RegExp routes are labelled by their template, never by the URL', async () => {
    const app = express();
    const metrics = statusMetrics();
    app.use(metrics);
    app.get(['/a/:id', '/b/:id'], (_req, res) => {
      res.end();
    });
    app.get(/^\/files\/.*$/, (_req, res) => {
      res.end();
    });
    await request(app).get('/b/1').expect(200);
    await request(app).get('/files/x/y.txt').expect(200);
    expect(metrics.snapshot().routes.map((entry) => entry.route)).toEqual(['/^\\/files\\/.*$/', '/a/:id|/b/:id']);
  });

  test('skip leaves requests uncounted; reset forgets', async () => {
    const { app, metrics } = buildApp(express, { skip: (req) => req.url === '/metrics' });
    await request(app).get('/users/user_1').expect(200);
    await request(app).get('/metrics').expect(200);
    expect(metrics.snapshot().total).toBe(1);
    metrics.reset();
    expect(metrics.snapshot()).toEqual({ total: 0, aborted: 0, abortedPercent: 0, statuses: [], codes: [], routes: [] });
  });
});

test('the snapshot reads like the "Monitoring Status Codes" block', async () => {
  const { app } = buildApp(EXPRESS_VERSIONS[0][1], { skip: (req) => req.url === '/metrics' });
  const agent = request(app);
  const paths = [...Array<string>(995).fill('/users/u'), '/users/missing', '/users/missing', '/users/missing', '/api/items/1', '/crash'];
  for (const path of paths) await agent.get(path);
  const res = await agent.get('/metrics').expect(200);
  expect(res.text).toBe(['200 OK: 99.5%', '403 Forbidden: 0.1%', '404 Not Found: 0.3%', '500 Internal Server Error: 0.1%'].join('\n'));
});

test('formatStatusSnapshot: tiny shares and aborted requests', () => {
  expect(
    formatStatusSnapshot({
      total: 2001,
      aborted: 1,
      abortedPercent: 0.05,
      statuses: [{ status: 200, phrase: 'OK', count: 2000, percent: 99.95 }],
      codes: [],
      routes: [],
    }),
  ).toBe('200 OK: 100.0%\naborted: <0.1%');
});

describe('Prometheus', () => {
  test('counters and the histogram land on the app registry, with the same labels as the snapshot', async () => {
    const registry = new Registry();
    const { app } = buildApp(EXPRESS_VERSIONS[0][1], { prometheus: { registry, client: promClient, buckets: [0.1, 1] } });
    await request(app).get('/users/user_1').expect(200);
    await request(app).get('/users/missing').expect(404);
    await request(app).post('/users').set('Content-Type', 'application/json').send('{').expect(400);
    const text = await registry.metrics();
    expect(text).toContain('http_responses_total{method="GET",route="/users/:id",status="200",code="none"} 1');
    expect(text).toContain('http_responses_total{method="GET",route="/users/:id",status="404",code="resource_not_found"} 1');
    expect(text).toContain('http_responses_total{method="POST",route="unmatched",status="400",code="malformed_json"} 1');
    expect(text).toContain('http_response_duration_seconds_count{method="GET",route="/users/:id",status="200"} 1');
    expect(text).toContain('http_response_duration_seconds_bucket{le="1",method="GET",route="/users/:id",status="404"} 1');
    expect(text).toContain('# TYPE http_requests_aborted_total counter');
  });

  test('aborted requests have their own counter', async () => {
    const registry = new Registry();
    const { app, metrics, arrivals } = buildApp(EXPRESS_VERSIONS[0][1], { prometheus: { registry, client: promClient, prefix: 'api_' } });
    const server = await listen(app);
    try {
      await abortRequest(server, '/slow', once(arrivals, 'request'));
      await eventually(() => metrics.snapshot().aborted === 1);
      expect(await registry.metrics()).toContain('api_http_requests_aborted_total{method="GET",route="/slow"} 1');
    } finally {
      await close(server);
    }
  });

  test('prom-client is loaded lazily when no client is given', async () => {
    const registry = new Registry();
    const { app } = buildApp(EXPRESS_VERSIONS[0][1], { prometheus: { registry } });
    await request(app).get('/users/user_1').expect(200);
    expect(await registry.metrics()).toContain('http_responses_total{method="GET",route="/users/:id",status="200",code="none"} 1');
  });

  test('prom-client is an optional peer: loading the library does not load it', () => {
    const script =
      "require('./src'); process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('prom-client'))));";
    const loaded = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(loaded).toBe('false');
  });

  test('registering twice on one registry fails at startup, not per request', () => {
    const registry = new Registry();
    statusMetrics({ prometheus: { registry, client: promClient } });
    expect(() => statusMetrics({ prometheus: { registry, client: promClient } })).toThrow(/already been registered/);
  });

  test('reset clears the Prometheus series too', async () => {
    const registry = new Registry();
    const { app, metrics } = buildApp(EXPRESS_VERSIONS[0][1], { prometheus: { registry, client: promClient } });
    await request(app).get('/users/user_1').expect(200);
    metrics.reset();
    expect(await registry.metrics()).not.toContain('http_responses_total{');
  });
});
