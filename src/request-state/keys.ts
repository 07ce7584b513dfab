import type { ApiError } from '../errors/api-error';
import type { ResponseHook } from '../idempotency/response-hook';
import { sharedKey } from './request-state';

// Every entry of the per-request state, with its type. The names are shared by every copy of the
// package in a process: never rename one, and give a value of a new shape a new name.

/** The request's id and the response header it is written to. */
export interface RequestIdState {
  readonly id: string;
  readonly header: string;
}

/** Set by `requestId()` (or by `errorHandler()` when it is not mounted): the one source of both. */
export const REQUEST_ID = sharedKey<RequestIdState>('requestId');

/** The error `errorHandler()` answered the response with, for metrics, logs and idempotency. */
export const RESPONSE_ERROR = sharedKey<ApiError>('responseError');

/** The response's `end()` was called but is held back (its head already sent). */
export const RESPONSE_ENDING = sharedKey<true>('responseEnding');

/**
 * The hook the `write()`/`end()` that `installResponseCapture(app)` defined hand this response's
 * calls to (idempotency's capture). Shared by copies of the package: the hook's shape is
 * `ResponseHook`'s, `write(res, write, chunk, encoding, callback)` and `end(...)` alike.
 */
export const RESPONSE_HOOK = sharedKey<ResponseHook>('responseHook');

/** The media type `produces()` chose for the request. */
export const NEGOTIATED_TYPE = sharedKey<string>('negotiatedType');

/** The signal `requestTimeout()` aborts when it answers 504. */
export const TIMEOUT_SIGNAL = sharedKey<AbortSignal>('timeoutSignal');

/** The `Allow` list of a CORS preflight `methodNotAllowed()` passed on, for `notFoundHandler()`. */
export const OPTIONS_ALLOW = sharedKey<readonly string[]>('optionsAllow');

/**
 * Reads the route template (`/users/:id`, mount path included) the request matched, or
 * `undefined` before (or without) a match; set by `statusMetrics()`, which watches the routing.
 */
export const ROUTE_TEMPLATE = sharedKey<() => string | undefined>('routeTemplate');
