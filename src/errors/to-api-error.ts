import { isErrorStatusCode, type ErrorStatus } from '../catalog';
import { isApiError, type ApiError } from './api-error';
import { createError } from './create-error';
import { BUILT_IN_RECOGNIZERS, type ErrorRecognizer } from './recognizers';

/** Options of {@link toApiError}. */
export interface ToApiErrorOptions {
  /** The app's own recognizers, tried in order before the built-in ones. */
  readonly recognizers?: readonly ErrorRecognizer[];
}

// An ApiError from this or another copy of the package is taken as it is, provided it still has
// the shape the handler relies on (a hand-built `Object.create(ApiError.prototype)` does not).
function isWellFormed(error: ApiError): boolean {
  return (
    isErrorStatusCode(error.status) &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    typeof error.headers === 'object' &&
    error.headers !== null
  );
}

function tryEach(recognizers: readonly ErrorRecognizer[], value: unknown): ApiError | undefined {
  for (const recognize of recognizers) {
    try {
      const result = recognize(value);
      if (isApiError(result) && isWellFormed(result)) return result;
    } catch {
      // A recognizer that trips over a hostile value, or returns one, is skipped: it must not
      // take the answer down with it.
    }
  }
  return undefined;
}

function convert(value: unknown, ours: boolean, own: readonly ErrorRecognizer[] | undefined): ApiError {
  // One of ours, but not well-formed: its shape cannot be trusted to answer with.
  if (ours) return createError(500, undefined, { cause: value, captureStack: false });
  if (own !== undefined) {
    const recognized = tryEach(own, value);
    if (recognized !== undefined) return recognized;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599) {
    return createError(value as ErrorStatus, undefined, { captureStack: false });
  }
  return tryEach(BUILT_IN_RECOGNIZERS, value) ?? createError(500, undefined, { cause: value, captureStack: false });
}

/**
 * Turns anything thrown into an `ApiError`: this library's errors as they are; then the app's
 * `recognizers`, then the built-in ones: validation libraries (400 `validation_error` with one
 * detail per field), body-parser, uploads, tokens and CSRF failures, HTTP clients' errors (an
 * upstream's status is not ours: 502, or 504 on a timeout), and anything with a valid
 * `status`/`statusCode` (http-errors, Boom) keeping its status, `expose` and headers. Everything
 * else (a plain Error, an AggregateError, a string) is a 500 whose `cause` is the original.
 * Never throws.
 */
export function toApiError(value: unknown, options?: ToApiErrorOptions): ApiError {
  try {
    // Our own errors pay for nothing else; the others are not asked twice whether they are ours.
    const ours = isApiError(value);
    if (ours && isWellFormed(value)) return value;
    return convert(value, ours, options?.recognizers);
  } catch {
    // A hostile value (a branded one whose getter throws, non-iterable `recognizers`) must
    // still get an answer.
    return createError(500, undefined, { captureStack: false });
  }
}
