import type { ExampleFeature } from './feature';

/** Issue 6: status metrics and the /metrics route. */
export const metrics: ExampleFeature = {};
