import type { Context, Span } from '@opentelemetry/api';
import { openTelemetryApi, type OpenTelemetryApi } from './opentelemetry-api';

/** The span an error is recorded on, and the ids that name it in log lines and bodies. */
export interface ActiveTrace {
  readonly api: OpenTelemetryApi;
  readonly span: Span;
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits: the span the error is recorded on. */
  readonly spanId: string;
}

// @opentelemetry/instrumentation-http puts its server span in the request's context under this key
// (`setRPCMetadata` of @opentelemetry/core), for other instrumentations to find: Express's sets the
// server span's `http.route` through it. `createContextKey` is `Symbol.for(description)`, so the
// same description gives the same key without depending on @opentelemetry/core.
const RPC_METADATA_DESCRIPTION = 'OpenTelemetry SDK Context Key RPC_METADATA';
let rpcMetadataKey: symbol | undefined;

interface RpcMetadata {
  readonly type?: unknown;
  readonly span?: unknown;
}

const isSpan = (value: unknown): value is Span =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Span).spanContext === 'function' &&
  typeof (value as Span).isRecording === 'function';

/**
 * The HTTP server span of the request, when instrumentation-http made one: that is the span the
 * HTTP semantic conventions give a status, and the one error rates are counted on. The active span
 * inside an error handler may be another (one the app started, or a framework's), so the server
 * span is looked up first; without it (manual instrumentation, another framework's) the active
 * span is the request's.
 */
function requestSpan(api: OpenTelemetryApi, context: Context): Span | undefined {
  rpcMetadataKey ??= api.createContextKey(RPC_METADATA_DESCRIPTION);
  const metadata = context.getValue(rpcMetadataKey) as RpcMetadata | undefined;
  if (metadata?.type === 'http' && isSpan(metadata.span)) return metadata.span;
  return api.trace.getSpan(context);
}

/**
 * The request's span and its ids, or `undefined` without `@opentelemetry/api`, without an active
 * span, or with an invalid span context. The span may not be recording (sampled out, or a remote
 * parent only): its ids still tie the log line to the rest of the trace.
 */
export function activeTrace(): ActiveTrace | undefined {
  const api = openTelemetryApi();
  if (api === undefined) return undefined;
  try {
    const span = requestSpan(api, api.context.active());
    if (span === undefined) return undefined;
    const spanContext = span.spanContext();
    if (!api.trace.isSpanContextValid(spanContext)) return undefined;
    return { api, span, traceId: spanContext.traceId, spanId: spanContext.spanId };
  } catch {
    // A broken context manager or span must not stand between the client and its answer.
    return undefined;
  }
}

/** The trace id of the active span (any span of the request: they share it), or `undefined`. */
export function activeTraceId(): string | undefined {
  const api = openTelemetryApi();
  if (api === undefined) return undefined;
  try {
    const spanContext = api.trace.getSpanContext(api.context.active());
    return spanContext !== undefined && api.trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
  } catch {
    return undefined;
  }
}
