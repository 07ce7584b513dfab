import type { ApiError } from '../errors/api-error';
import type { ActiveTrace } from './active-trace';
import { exceptionOf } from './exception-of';
import type { TracingConfig } from './tracing-options';

/**
 * Records an answered error on the request's span, as the HTTP semantic conventions ask of a
 * server: for a 5xx (and a 4xx with `record4xx`), `error.type` set to the error's code (a
 * low-cardinality identifier of the app's own catalog, which the conventions recommend over
 * `_OTHER`), the status `ERROR` described by the exception's message, and the thrown value as an
 * `exception` event. A 4xx otherwise leaves the span as it was: `UNSET`, per the conventions.
 *
 * instrumentation-http sets the status `ERROR` again when the response ends, without a
 * description: the description survives on spans it does not own, the event and `error.type` on all.
 */
export function recordError(trace: ActiveTrace, error: ApiError, thrown: unknown, config: TracingConfig): void {
  if (error.status < 500 && !config.record4xx) return;
  const { span, api } = trace;
  try {
    // A span sampled out records nothing: don't pay for reading the error.
    if (!span.isRecording()) return;
    const exception = exceptionOf(thrown);
    span.setAttribute('error.type', error.code);
    if (config.recordException) span.recordException(exception);
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: exception.message });
  } catch {
    // Tracing is the app's diagnostics: it never fails the response that was already decided.
  }
}
