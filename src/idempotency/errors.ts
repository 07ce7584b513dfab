import { LIBRARY_CODES } from '../catalog/codes';
import type { ApiError } from '../errors/api-error';
import { createError } from '../errors/create-error';
import { formatRetryAfter } from '../headers/retry-after';

/** The codes the middleware answers with (draft-06 §2.7), all registered in `LIBRARY_CODES`. */
export type IdempotencyErrorCode =
  | 'idempotency_key_missing'
  | 'idempotency_key_invalid'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_use'
  | 'idempotency_store_unavailable';

/** The error for `code`, with its registered status and message; `retryAfter` in seconds. */
export function idempotencyError(code: IdempotencyErrorCode, retryAfter?: number): ApiError {
  const spec = LIBRARY_CODES[code];
  return createError(spec.status, spec.message, {
    code,
    // Our own words, safe to send even on the 503.
    expose: true,
    // Not every status here has a typed `retryAfter` (409 does not), so the header is set directly,
    // formatted by the one Retry-After formatter.
    headers: retryAfter === undefined ? undefined : { 'Retry-After': formatRetryAfter(retryAfter) ?? '1' },
  });
}

/**
 * 429 for a client (one identity) already running `max` requests under a key (RFC 6585 §4): the
 * store's in-progress slots are shared, and one client must not take them all.
 */
export function inProgressLimitError(retryAfter: number): ApiError {
  return createError(
    429,
    'Too many requests with an Idempotency-Key are in progress for this client; this is temporary: retry after the time in Retry-After.',
    {
      retryAfter,
      expose: true,
    },
  );
}
