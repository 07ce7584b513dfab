import type { ErrorView } from './error-view';

/** The JSON envelope: `{ error: { code, message, details?, doc_url? }, meta: { request_id, trace_id? } }`. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: unknown;
    /** The page documenting `code` (the name Stripe's API uses), with `docsBaseUrl`. */
    readonly doc_url?: string;
  };
  /** `trace_id`: the OpenTelemetry trace, only with `tracing: { exposeTraceId: true }`. */
  readonly meta: { readonly request_id: string; readonly trace_id?: string };
  /** Development mode only. */
  readonly debug?: unknown;
}

/** Media type of the envelope. JSON has no charset parameter (RFC 8259 §11). */
export const ENVELOPE_MEDIA_TYPE = 'application/json';

/** Builds the envelope body of an error. */
export function toEnvelope(view: ErrorView): ErrorEnvelope {
  // Built by assignment, not by spreading `{}` or `{ details }` in: this runs for every error,
  // and the spreads cost more than the rest of the function.
  const error: { code: string; message: string; details?: unknown; doc_url?: string } = { code: view.code, message: view.message };
  if (view.details !== undefined) error.details = view.details;
  if (view.docUrl !== undefined) error.doc_url = view.docUrl;
  const meta: { request_id: string; trace_id?: string } = { request_id: view.requestId };
  if (view.traceId !== undefined) meta.trace_id = view.traceId;
  const envelope: { error: typeof error; meta: typeof meta; debug?: unknown } = { error, meta };
  if (view.debug !== undefined) envelope.debug = view.debug;
  return envelope;
}
