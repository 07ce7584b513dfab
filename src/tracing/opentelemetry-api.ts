import { createRequire } from 'node:module';
import type * as Api from '@opentelemetry/api';

/** The `@opentelemetry/api` module: the only OpenTelemetry package this library ever loads. */
export type OpenTelemetryApi = typeof Api;

// An optional peer dependency, loaded when first needed (the first error answered, or the first
// request of `requestId({ useTraceId: true })`), never when the package is: an app without
// OpenTelemetry pays one failed resolution, once. Resolved from this file (`__filename` is the
// bundle's path in the CommonJS build and its URL in the ESM one, see tsup.config.ts), which finds
// the app's copy; every copy of the API shares the SDK registered through any other (the API keeps
// its global state under a `Symbol.for` key), so the tracer provider and context manager the app
// registered are the ones seen here.
let api: OpenTelemetryApi | null | undefined;

/** The app's `@opentelemetry/api`, or `undefined` when it is not installed. Loaded once. */
export function openTelemetryApi(): OpenTelemetryApi | undefined {
  if (api === undefined) {
    try {
      api = createRequire(__filename)('@opentelemetry/api') as OpenTelemetryApi;
    } catch {
      api = null;
    }
  }
  return api ?? undefined;
}
