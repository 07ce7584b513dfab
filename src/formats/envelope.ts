import type { ErrorView } from './error-view';

/** The JSON envelope: `{ error: { code, message, details?, doc_url? }, meta: { request_id } }`. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: unknown;
    /** The page documenting `code` (the name Stripe's API uses), with `docsBaseUrl`. */
    readonly doc_url?: string;
  };
  readonly meta: { readonly request_id: string };
  /** Development mode only. */
  readonly debug?: unknown;
}

/** Media type of the envelope. JSON has no charset parameter (RFC 8259 §11). */
export const ENVELOPE_MEDIA_TYPE = 'application/json';

/** Builds the envelope body of an error. */
export function toEnvelope(view: ErrorView): ErrorEnvelope {
  return {
    error: {
      code: view.code,
      message: view.message,
      ...(view.details === undefined ? {} : { details: view.details }),
      ...(view.docUrl === undefined ? {} : { doc_url: view.docUrl }),
    },
    meta: { request_id: view.requestId },
    ...(view.debug === undefined ? {} : { debug: view.debug }),
  };
}
