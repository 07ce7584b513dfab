// Public API of this feature, listed by hand.
export { statusMetrics, type StatusMetrics, type StatusMetricsOptions } from './status-metrics';
export {
  formatStatusSnapshot,
  type CodeShare,
  type RouteShare,
  type StatusShare,
  type StatusSnapshot,
} from './snapshot';
export type { PromClientModule, PrometheusOptions, PrometheusRegistry } from './prometheus';
