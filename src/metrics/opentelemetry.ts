import type { IncomingMessage } from 'node:http';
import { openTelemetryApi } from '../tracing/opentelemetry-api';

/** Attributes of one data point: the HTTP semantic conventions' names, string or integer values. */
export type MetricAttributes = Readonly<Record<string, string | number>>;

/**
 * The part of an OpenTelemetry `MeterProvider` this library uses; the SDK's `MeterProvider` (or
 * `metrics.getMeterProvider()` of `@opentelemetry/api`) fits without this package depending on it.
 */
export interface MeterProviderLike {
  getMeter(name: string): {
    createHistogram(
      name: string,
      options: { description: string; unit: string; advice: { explicitBucketBoundaries: number[] } },
    ): { record(value: number, attributes: MetricAttributes): void };
  };
}

/** OpenTelemetry options of `statusMetrics`. */
export interface OpenTelemetryMetricsOptions {
  /**
   * The meter provider to publish through. Default: the global one the app registered with
   * `@opentelemetry/api` (the Node SDK's `start()` does), looked up at the first response counted.
   */
  readonly meterProvider?: MeterProviderLike;
  /**
   * Set `error.type` (the error code) on 4xx too. Default `false`: the HTTP semantic conventions
   * count a server's 4xx as the client's error, not an error of the request (as its span stays `UNSET`).
   */
  readonly record4xx?: boolean;
}

/** What one finished or aborted response adds to the OpenTelemetry metrics. */
export interface OpenTelemetryRecorder {
  /** `route` is undefined when no route matched; `code` when errorHandler did not answer. */
  response(req: IncomingMessage, route: string | undefined, status: number, code: string | undefined, seconds: number): void;
  aborted(req: IncomingMessage, route: string | undefined, seconds: number): void;
}

/** The methods the conventions name; any other is `_OTHER` (one series, whatever clients send). */
const KNOWN_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE']);

/** The conventions' advised boundaries of `http.server.request.duration`, in seconds. */
export const DURATION_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** `error.type` of a request whose connection closed before its response: no status was sent. */
export const ABORTED_ERROR_TYPE = 'aborted';

const METER_NAME = 'express-api-errors';

function schemeOf(req: IncomingMessage): string {
  // Express's `req.protocol` honours `trust proxy` (X-Forwarded-Proto); a bare Node request has
  // only its own socket to tell.
  const protocol = (req as IncomingMessage & { protocol?: unknown }).protocol;
  if (protocol === 'https' || protocol === 'http') return protocol;
  return (req.socket as { encrypted?: unknown } | undefined)?.encrypted === true ? 'https' : 'http';
}

/** `network.protocol.version`: `1.1`, `1.0`, or `2` (Node says `2.0`). */
function protocolVersionOf(req: IncomingMessage): string {
  return req.httpVersionMajor >= 2 ? String(req.httpVersionMajor) : req.httpVersion;
}

function baseAttributes(req: IncomingMessage, route: string | undefined): Record<string, string | number> {
  const method = req.method !== undefined && KNOWN_METHODS.has(req.method) ? req.method : '_OTHER';
  const attributes: Record<string, string | number> = {
    'http.request.method': method,
    'url.scheme': schemeOf(req),
    'network.protocol.version': protocolVersionOf(req),
  };
  // Conditionally required "if available": left out when no route matched, never the raw path.
  if (route !== undefined) attributes['http.route'] = route;
  return attributes;
}

/**
 * `http.server.request.duration` as the HTTP semantic conventions define it
 * (https://opentelemetry.io/docs/specs/semconv/http/http-metrics/): a histogram in seconds with
 * `http.request.method`, `url.scheme`, `network.protocol.version`, `http.route` when a route
 * matched, `http.response.status_code`, and `error.type` when the request ended in an error: the
 * error code for a 5xx `errorHandler` answered (a low-cardinality, documented identifier, as the
 * conventions prefer), the status as a string for a 5xx answered elsewhere, `aborted` for a
 * connection closed before the response.
 */
export function createOpenTelemetryRecorder(options: true | OpenTelemetryMetricsOptions): OpenTelemetryRecorder {
  const settings = options === true ? {} : options;
  if (typeof settings !== 'object' || settings === null) throw new TypeError('statusMetrics: `openTelemetry` must be true or an object');
  const given = settings.meterProvider;
  if (given !== undefined && typeof (given as { getMeter?: unknown }).getMeter !== 'function') {
    throw new TypeError('statusMetrics: `openTelemetry.meterProvider` must have a getMeter() method');
  }
  if (settings.record4xx !== undefined && typeof settings.record4xx !== 'boolean')
    throw new TypeError('statusMetrics: `openTelemetry.record4xx` must be a boolean');
  const record4xx = settings.record4xx === true;
  let providerOf: () => MeterProviderLike;
  if (given !== undefined) {
    providerOf = () => given;
  } else {
    // The API must be there now: a missing peer fails at startup, not per request.
    const api = openTelemetryApi();
    if (api === undefined) {
      throw new Error(
        'statusMetrics: OpenTelemetry metrics need @opentelemetry/api (npm install @opentelemetry/api), or pass `openTelemetry.meterProvider`',
      );
    }
    // The global provider as registered at the first data point, not at startup.
    providerOf = () => api.metrics.getMeterProvider();
  }
  type Histogram = ReturnType<ReturnType<MeterProviderLike['getMeter']>['createHistogram']>;
  let histogram: Histogram | undefined;
  const duration = (): Histogram =>
    // Created at the first data point, so an SDK started after the app was built is the one used.
    (histogram ??= providerOf()
      .getMeter(METER_NAME)
      .createHistogram('http.server.request.duration', {
        description: 'Duration of HTTP server requests.',
        unit: 's',
        advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
      }));

  return {
    response(req, route, status, code, seconds) {
      const attributes = baseAttributes(req, route);
      attributes['http.response.status_code'] = status;
      if (status >= 500 || (record4xx && status >= 400)) attributes['error.type'] = code ?? String(status);
      duration().record(seconds, attributes);
    },
    aborted(req, route, seconds) {
      const attributes = baseAttributes(req, route);
      attributes['error.type'] = ABORTED_ERROR_TYPE;
      duration().record(seconds, attributes);
    },
  };
}
