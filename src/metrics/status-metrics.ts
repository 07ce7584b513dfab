import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { getState, RESPONSE_ERROR, ROUTE_TEMPLATE, setState } from '../request-state';
import { BoundedLabels } from './bounded-labels';
import { createOpenTelemetryRecorder, type OpenTelemetryMetricsOptions, type OpenTelemetryRecorder } from './opentelemetry';
import { createPrometheusRecorder, type PrometheusOptions, type PrometheusRecorder } from './prometheus';
import { watchRouteTemplate } from './route-template';
import { buildSnapshot, NO_CODE, type CountedSeries, type StatusSnapshot } from './snapshot';

/**
 * Options of {@link statusMetrics}. `Req` is the request type `skip` receives: Express's `Request`
 * by default.
 */
export interface StatusMetricsOptions<Req extends IncomingMessage = Request> {
  /** Distinct route templates counted before new ones are counted as `overflowLabel`. Default 100. */
  readonly maxRoutes?: number;
  /** Distinct error codes counted before new ones are counted as `overflowLabel`. Default 100. */
  readonly maxCodes?: number;
  /** Route label of requests no route matched (404s, errors before routing). Default `unmatched`. */
  readonly unmatchedLabel?: string;
  /** Label of values beyond the caps. Default `other`. */
  readonly overflowLabel?: string;
  /** Requests not to count, such as the metrics endpoint itself. */
  readonly skip?: (req: Req) => boolean;
  /** Also record Prometheus metrics (needs the optional peer dependency prom-client). */
  readonly prometheus?: PrometheusOptions;
  /**
   * Also publish `http.server.request.duration` through OpenTelemetry metrics, as the HTTP semantic
   * conventions define it, with `error.type` the error code of each 5xx. `true` uses the app's
   * global meter provider (needs the optional peer `@opentelemetry/api`). Default `false`.
   */
  readonly openTelemetry?: boolean | OpenTelemetryMetricsOptions;
}

/** The middleware returned by {@link statusMetrics}, with its counters. */
export interface StatusMetrics {
  (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** The distribution of what was answered so far. */
  snapshot(): StatusSnapshot;
  /** Forgets every count (the Prometheus series too). */
  reset(): void;
}

/** Runs an OpenTelemetry recording: the app's meter provider throwing must not crash a response listener. */
function publish(record: () => void): void {
  try {
    record();
  } catch {
    // Metrics are diagnostics; the response they describe is already sent.
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function methodLabel(method: string | undefined): string {
  return method !== undefined && METHODS.has(method) ? method : 'OTHER';
}

/**
 * Counts every response by status, error code (as answered by `errorHandler`) and route template,
 * and every request aborted before its response; `snapshot()` gives the distribution with
 * percentages, and with `prometheus` the same counts (and a duration histogram) are registered on
 * the app's prom-client registry; with `openTelemetry`, `http.server.request.duration` is published
 * through the app's meter provider. Labels are bounded: requests no route matched share one route
 * label, and route templates and codes are capped.
 *
 * Mount it first (after `requestId()`), before body parsers, so errors they throw are counted too.
 *
 * @example
 * const metrics = statusMetrics({ prometheus: { registry }, skip: (req) => req.url === '/metrics' });
 * app.use(metrics);
 * // ... routes, notFoundHandler(), errorHandler()
 * formatStatusSnapshot(metrics.snapshot()); // "200 OK: 99.5%\n400 Bad Request: 0.3%..."
 */
export function statusMetrics<Req extends IncomingMessage = Request>(options: StatusMetricsOptions<Req> = {}): StatusMetrics {
  const unmatched = options.unmatchedLabel ?? 'unmatched';
  const overflow = options.overflowLabel ?? 'other';
  const routes = new BoundedLabels(options.maxRoutes ?? 100, overflow);
  const codes = new BoundedLabels(options.maxCodes ?? 100, overflow);
  const series = new Map<string, CountedSeries>();
  const prometheus: PrometheusRecorder | undefined =
    options.prometheus === undefined ? undefined : createPrometheusRecorder(options.prometheus);
  const openTelemetry: OpenTelemetryRecorder | undefined =
    options.openTelemetry === undefined || options.openTelemetry === false ? undefined : createOpenTelemetryRecorder(options.openTelemetry);
  const skip = options.skip;

  function count(method: string, route: string, status: number, code: string): void {
    const key = `${method}\u0000${route}\u0000${status}\u0000${code}`;
    const entry = series.get(key);
    if (entry !== undefined) entry.count += 1;
    else series.set(key, { method, route, status, code, count: 1 });
  }

  const middleware = function statusMetricsMiddleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    // Express hands every middleware its own Request, the type `Req` describes.
    if (skip !== undefined && skip(req as Req)) return next();
    const started = process.hrtime.bigint();
    const routeTemplate = watchRouteTemplate(req);
    // For the rest of the request's handling (errorHandler's log line names the route).
    setState(req, ROUTE_TEMPLATE, routeTemplate);
    let counted = false;
    const routeLabel = (): string => routes.admit(routeTemplate() ?? unmatched);
    res.once('finish', () => {
      if (counted) return;
      counted = true;
      const method = methodLabel(req.method);
      const route = routeLabel();
      const error = getState(res, RESPONSE_ERROR);
      const code = error === undefined ? NO_CODE : codes.admit(error.code);
      count(method, route, res.statusCode, code);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      prometheus?.response(method, route, res.statusCode, code, seconds);
      if (openTelemetry !== undefined) {
        publish(() =>
          openTelemetry.response(
            req,
            routeTemplate() === undefined ? undefined : route,
            res.statusCode,
            error === undefined ? undefined : code,
            seconds,
          ),
        );
      }
    });
    // 'close' without 'finish': the client went away before the response was sent.
    res.once('close', () => {
      if (counted) return;
      counted = true;
      const method = methodLabel(req.method);
      const route = routeLabel();
      count(method, route, 0, NO_CODE);
      prometheus?.aborted(method, route);
      if (openTelemetry !== undefined) {
        publish(() =>
          openTelemetry.aborted(req, routeTemplate() === undefined ? undefined : route, Number(process.hrtime.bigint() - started) / 1e9),
        );
      }
    });
    next();
  } as StatusMetrics;

  middleware.snapshot = () => buildSnapshot(series.values());
  middleware.reset = () => {
    series.clear();
    routes.clear();
    codes.clear();
    prometheus?.reset();
  };
  return middleware;
}
