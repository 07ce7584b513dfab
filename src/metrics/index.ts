// `express-api-errors/metrics`: the public API of the status-metrics feature, listed by hand.
// prom-client is loaded only when `statusMetrics({ prometheus })` is given one, and
// @opentelemetry/api only with `statusMetrics({ openTelemetry: true })`.
export { statusMetrics, type StatusMetrics, type StatusMetricsOptions } from './status-metrics';
export { formatStatusSnapshot, type CodeShare, type RouteShare, type StatusShare, type StatusSnapshot } from './snapshot';
export type { PromClientModule, PrometheusOptions, PrometheusRegistry } from './prometheus';
export type { MeterProviderLike, MetricAttributes, OpenTelemetryMetricsOptions } from './opentelemetry';
