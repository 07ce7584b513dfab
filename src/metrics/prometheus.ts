import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of a prom-client `Registry` this library uses; pass the app's own registry. */
export interface PrometheusRegistry {
  registerMetric(metric: never): void;
  getSingleMetric(name: string): unknown;
}

type Labels = Partial<Record<string, string | number>>;

interface MetricConfig {
  name: string;
  help: string;
  labelNames: string[];
  registers: PrometheusRegistry[];
  buckets?: number[];
}

/** A checked metric configuration, passed to prom-client's constructors. */
const config = (value: MetricConfig): never => value as never;

/**
 * The part of the `prom-client` module this library uses. The constructors take `never` so that
 * prom-client's own (which want its full `Registry` type) fit without this package depending on it.
 */
export interface PromClientModule {
  Counter: new (config: never) => { inc(labels: Labels, value?: number): void; reset(): void };
  Histogram: new (config: never) => { observe(labels: Labels, value: number): void; reset(): void };
}

/** Prometheus options of `statusMetrics`. */
export interface PrometheusOptions {
  /** The registry to register the metrics on (the app's, so one `/metrics` serves everything). */
  readonly registry: PrometheusRegistry;
  /** The prom-client module; loaded from the app's dependencies when omitted. */
  readonly client?: PromClientModule;
  /** Prefix of the metric names, e.g. `myapi_`. Default none. */
  readonly prefix?: string;
  /** Buckets of the duration histogram, in seconds. Default prom-client's. */
  readonly buckets?: readonly number[];
}

/** What one finished or aborted response adds to the Prometheus metrics. */
export interface PrometheusRecorder {
  response(method: string, route: string, status: number, code: string, seconds: number): void;
  aborted(method: string, route: string): void;
  reset(): void;
}

// prom-client is an optional peer dependency: it is only loaded when Prometheus metrics are asked
// for, from this package's location (CommonJS) or the app's working directory (ESM).
function loadPromClient(): PromClientModule {
  const from = typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
  try {
    return createRequire(from)('prom-client') as PromClientModule;
  } catch (cause) {
    throw new Error('statusMetrics: Prometheus metrics need prom-client (npm install prom-client), or pass `prometheus.client`', { cause });
  }
}

/**
 * Registers the counters and the histogram on the registry:
 * `http_responses_total{method,route,status,code}`, `http_response_duration_seconds{method,route,status}`
 * and `http_requests_aborted_total{method,route}`.
 */
export function createPrometheusRecorder(options: PrometheusOptions): PrometheusRecorder {
  const client = options.client ?? loadPromClient();
  const prefix = options.prefix ?? '';
  const registers = [options.registry];
  const responses = new client.Counter(
    config({
      name: `${prefix}http_responses_total`,
      help: 'HTTP responses by method, route template, status and error code.',
      labelNames: ['method', 'route', 'status', 'code'],
      registers,
    }),
  );
  const duration = new client.Histogram(
    config({
      name: `${prefix}http_response_duration_seconds`,
      help: 'Time from the request reaching statusMetrics to the response being sent, in seconds.',
      labelNames: ['method', 'route', 'status'],
      registers,
      ...(options.buckets === undefined ? {} : { buckets: [...options.buckets] }),
    }),
  );
  const aborted = new client.Counter(
    config({
      name: `${prefix}http_requests_aborted_total`,
      help: 'Requests whose connection closed before the response was sent.',
      labelNames: ['method', 'route'],
      registers,
    }),
  );
  return {
    response(method, route, status, code, seconds) {
      responses.inc({ method, route, status, code });
      duration.observe({ method, route, status }, seconds);
    },
    aborted(method, route) {
      aborted.inc({ method, route });
    },
    reset() {
      responses.reset();
      duration.reset();
      aborted.reset();
    },
  };
}
