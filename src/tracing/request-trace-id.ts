import type { IncomingMessage } from 'node:http';
import { activeTraceId } from './active-trace';
import { parseTraceparent } from './traceparent';

/**
 * The trace id a request belongs to: the active OpenTelemetry span's (the server span
 * instrumentation-http started, which continues the caller's `traceparent` when its propagator
 * accepts it), else, with `trustIncoming`, the trace id of a valid W3C `traceparent` header.
 * `undefined` when there is neither.
 */
export function requestTraceId(req: IncomingMessage, trustIncoming: boolean): string | undefined {
  const active = activeTraceId();
  if (active !== undefined) return active;
  return trustIncoming ? parseTraceparent(req.headers.traceparent)?.traceId : undefined;
}
