import type { ExampleFeature } from './feature';

/** Issue 4: Idempotency-Key on POST /users (memory store, Redis when REDIS_URL is set). */
export const idempotency: ExampleFeature = {};
