import type { ErrorView } from './error-view';

/** The JSON envelope: `{ error: { code, message, details? }, meta: { request_id } }`. */
export interface ErrorEnvelope {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
  readonly meta: { readonly request_id: string };
  /** Development mode only. */
  readonly debug?: unknown;
}

/** Media type of the envelope. JSON has no charset parameter (RFC 8259 §11). */
export const ENVELOPE_MEDIA_TYPE = 'application/json';

/** Builds the envelope body of an error. */
export function toEnvelope(view: ErrorView): ErrorEnvelope {
  return {
    error:
      view.details === undefined
        ? { code: view.code, message: view.message }
        : { code: view.code, message: view.message, details: view.details },
    meta: { request_id: view.requestId },
    ...(view.debug === undefined ? {} : { debug: view.debug }),
  };
}
