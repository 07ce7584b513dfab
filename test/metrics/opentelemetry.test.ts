// statusMetrics({ openTelemetry }) with the real OpenTelemetry metrics SDK: the data points a
// collector would receive for http.server.request.duration, per the HTTP semantic conventions
// (https://opentelemetry.io/docs/specs/semconv/http/http-metrics/#metric-httpserverrequestduration).
import { execFileSync } from 'node:child_process';
import { once, EventEmitter } from 'node:events';
import { metrics } from '@opentelemetry/api';
import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData } from '@opentelemetry/sdk-metrics';
import type { Express } from 'express';
import request from 'supertest';
import { errorHandler, NotFoundError, notFoundHandler, requestId } from '../../src';
import { statusMetrics, type MeterProviderLike, type StatusMetricsOptions } from '../../src/metrics';
import { EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';
import { abortRequest, close, listen } from './helpers';
import { ROOT } from '../helpers/root';

/** A reader the test collects from on demand, as a Prometheus scrape or an OTLP export would. */
class CollectingReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function meterProvider(): { provider: MeterProvider; reader: CollectingReader } {
  const reader = new CollectingReader();
  return { provider: new MeterProvider({ readers: [reader] }), reader };
}

/** The conventions' advised boundaries, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

interface Point {
  readonly attributes: Record<string, unknown>;
  readonly count: number;
}

/** The histogram's data points (attributes and count), sorted; checks its descriptor and buckets. */
async function durationPoints(reader: MetricReader): Promise<Point[]> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const scopes = resourceMetrics.scopeMetrics.filter((scope) => scope.scope.name === 'express-api-errors');
  expect(scopes).toHaveLength(1);
  const metric = scopes[0]?.metrics.find((entry) => entry.descriptor.name === 'http.server.request.duration') as
    HistogramMetricData | undefined;
  expect(metric).toBeDefined();
  const histogram = metric as HistogramMetricData;
  expect(histogram.dataPointType).toBe(DataPointType.HISTOGRAM);
  expect(histogram.descriptor).toMatchObject({
    name: 'http.server.request.duration',
    unit: 's',
    description: 'Duration of HTTP server requests.',
  });
  for (const point of histogram.dataPoints) {
    expect(point.value.buckets.boundaries).toEqual(BUCKETS);
    expect(point.value.sum).toBeGreaterThan(0);
    // Seconds, not milliseconds: a local request is far below a second.
    expect(point.value.max).toBeLessThan(5);
  }
  return histogram.dataPoints
    .map((point) => ({ attributes: { ...point.attributes }, count: point.value.count }))
    .sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));
}

const sortPoints = (points: Point[]): Point[] =>
  [...points].sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));

/** The attributes every data point of a plain-HTTP/1.1 request has. */
const base = (method = 'GET'): Record<string, unknown> => ({
  'http.request.method': method,
  'url.scheme': 'http',
  'network.protocol.version': '1.1',
});

function buildApp(express: ExpressFactory, options: StatusMetricsOptions): { app: Express; arrivals: EventEmitter } {
  const app = express();
  const arrivals = new EventEmitter();
  app.use(requestId());
  app.use(statusMetrics(options));
  app.use((req, _res, next) => {
    arrivals.emit('request', req.url);
    next();
  });
  app.get('/users/:id', (req, res) => {
    if (req.params.id === 'missing') throw new NotFoundError('User missing was not found');
    res.json({ data: { id: req.params.id } });
  });
  const api = express.Router();
  api.get('/orders/:id', () => {
    throw new Error('db down');
  });
  app.use('/api', api);
  app.get('/busy', (_req, res) => {
    // A 503 the app writes itself: no error code, so the status names the error.
    res.status(503).end();
  });
  app.get('/slow', () => {
    // Never answers: the client gives up.
  });
  app.use(notFoundHandler());
  app.use(errorHandler({ logger: false }));
  return { app, arrivals };
}

describe.each(EXPRESS_VERSIONS)('http.server.request.duration (%s)', (_name, express) => {
  test('a 200, a 404 and a 500: exact data points; error.type the code of the 5xx only', async () => {
    const { provider, reader } = meterProvider();
    const { app } = buildApp(express, { openTelemetry: { meterProvider: provider } });
    const agent = request(app);
    await agent.get('/users/u_1').expect(200);
    await agent.get('/users/u_2').expect(200);
    await agent.get('/users/missing').expect(404);
    await agent.get('/no/such/route').expect(404);
    await agent.get('/api/orders/o_1').expect(500);
    await agent.get('/busy').expect(503);
    await agent.post('/users/u_1').expect(404);
    expect(await durationPoints(reader)).toEqual(
      sortPoints([
        { attributes: { ...base(), 'http.route': '/users/:id', 'http.response.status_code': 200 }, count: 2 },
        { attributes: { ...base(), 'http.route': '/users/:id', 'http.response.status_code': 404 }, count: 1 },
        // No route matched: no http.route, never the raw path.
        { attributes: { ...base(), 'http.response.status_code': 404 }, count: 1 },
        { attributes: { ...base('POST'), 'http.response.status_code': 404 }, count: 1 },
        // The mount path is kept though the error unwound the router.
        {
          attributes: { ...base(), 'http.route': '/api/orders/:id', 'http.response.status_code': 500, 'error.type': 'internal_error' },
          count: 1,
        },
        { attributes: { ...base(), 'http.route': '/busy', 'http.response.status_code': 503, 'error.type': '503' }, count: 1 },
      ]),
    );
    await provider.shutdown();
  });

  test('record4xx: error.type on 4xx too', async () => {
    const { provider, reader } = meterProvider();
    const { app } = buildApp(express, { openTelemetry: { meterProvider: provider, record4xx: true } });
    await request(app).get('/users/u_1').expect(200);
    await request(app).get('/users/missing').expect(404);
    expect(await durationPoints(reader)).toEqual(
      sortPoints([
        { attributes: { ...base(), 'http.route': '/users/:id', 'http.response.status_code': 200 }, count: 1 },
        {
          attributes: { ...base(), 'http.route': '/users/:id', 'http.response.status_code': 404, 'error.type': 'resource_not_found' },
          count: 1,
        },
      ]),
    );
    await provider.shutdown();
  });

  test('a method outside the conventions is _OTHER; an aborted request has error.type aborted and no status', async () => {
    const { provider, reader } = meterProvider();
    const { app, arrivals } = buildApp(express, { openTelemetry: { meterProvider: provider } });
    await request(app).purge('/users/u_1').expect(404);
    const server = await listen(app);
    try {
      await abortRequest(server, '/slow', once(arrivals, 'request'));
      // The server sees the close a moment after the client.
      let points = await durationPoints(reader);
      for (let attempt = 0; points.length < 2 && attempt < 100; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        points = await durationPoints(reader);
      }
      expect(points).toEqual(
        sortPoints([
          { attributes: { ...base('_OTHER'), 'http.response.status_code': 404 }, count: 1 },
          { attributes: { ...base(), 'http.route': '/slow', 'error.type': 'aborted' }, count: 1 },
        ]),
      );
    } finally {
      await close(server);
      await provider.shutdown();
    }
  });
});

test('error.type is bounded by maxCodes like the snapshot: later codes are the overflow label', async () => {
  const { provider, reader } = meterProvider();
  const express = EXPRESS_VERSIONS[0][1];
  const app = express();
  app.use(statusMetrics({ maxCodes: 1, openTelemetry: { meterProvider: provider } }));
  app.get('/a', () => {
    throw new Error('a');
  });
  app.get('/b', () => {
    throw Object.assign(new Error('b'), { status: 502 });
  });
  app.use(errorHandler({ logger: false }));
  await request(app).get('/a').expect(500);
  await request(app).get('/b').expect(502);
  const points = await durationPoints(reader);
  expect(points.map((point) => point.attributes['error.type']).sort()).toEqual(['internal_error', 'other']);
  await provider.shutdown();
});

test('openTelemetry: true publishes through the global meter provider, registered after the app was built', async () => {
  const express = EXPRESS_VERSIONS[0][1];
  const { app } = buildApp(express, { openTelemetry: true });
  const { provider, reader } = meterProvider();
  expect(metrics.setGlobalMeterProvider(provider)).toBe(true);
  try {
    await request(app).get('/api/orders/o_1').expect(500);
    expect(await durationPoints(reader)).toEqual([
      {
        attributes: { ...base(), 'http.route': '/api/orders/:id', 'http.response.status_code': 500, 'error.type': 'internal_error' },
        count: 1,
      },
    ]);
  } finally {
    metrics.disable();
    await provider.shutdown();
  }
});

test('a meter provider that throws never breaks a response', async () => {
  const broken: MeterProviderLike = {
    getMeter: () => {
      throw new Error('meter provider down');
    },
  };
  const { app } = buildApp(EXPRESS_VERSIONS[0][1], { openTelemetry: { meterProvider: broken } });
  await request(app).get('/users/u_1').expect(200);
  const res = await request(app).get('/api/orders/o_1').expect(500);
  expect(res.body.error.code).toBe('internal_error');
});

test('the options are checked at startup', () => {
  expect(() => statusMetrics({ openTelemetry: 'yes' as never })).toThrow(
    new TypeError('statusMetrics: `openTelemetry` must be true or an object'),
  );
  expect(() => statusMetrics({ openTelemetry: { meterProvider: {} as never } })).toThrow(
    new TypeError('statusMetrics: `openTelemetry.meterProvider` must have a getMeter() method'),
  );
  expect(() => statusMetrics({ openTelemetry: { record4xx: 'no' as never } })).toThrow(
    new TypeError('statusMetrics: `openTelemetry.record4xx` must be a boolean'),
  );
  expect(() => statusMetrics({ openTelemetry: false })).not.toThrow();
});

test('the SDK’s MeterProvider fits the option’s type', () => {
  const provider: MeterProviderLike = new MeterProvider();
  expect(typeof provider.getMeter).toBe('function');
});

test('@opentelemetry/api is loaded only when statusMetrics is asked to publish through it', () => {
  const script = [
    "const { statusMetrics } = require('./src/metrics');",
    'const loaded = () => Object.keys(require.cache).some((file) => file.includes(`${require("path").sep}@opentelemetry${require("path").sep}`));',
    'statusMetrics({});',
    'const before = loaded();',
    'statusMetrics({ openTelemetry: true });',
    'process.stdout.write(JSON.stringify([before, loaded()]));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(JSON.parse(output)).toEqual([false, true]);
});
