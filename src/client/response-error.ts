import type { ErrorStatus } from '../catalog';
import { isApiError, type ApiError } from '../errors/api-error';

/** What the client knows about an error response beyond the error class itself. */
export interface ResponseErrorInfo {
  /** The request id of the failed request: from the body (`meta.request_id`, `request_id`) or the `X-Request-Id` header. */
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying, from `Retry-After` (delay-seconds or an HTTP-date), or `undefined`. */
  readonly retryAfter: number | undefined;
  /** The response, its body already read. Not enumerable, so logging the error does not dump it. */
  readonly response: Response;
  /** The parsed JSON body, or `undefined` when the body was empty or not JSON. Not enumerable. */
  readonly body: unknown;
  /** How many attempts the client made, retries included (`1` from `parseErrorResponse`). */
  readonly attempts: number;
  /** The page documenting the code: the envelope's `error.doc_url`, or the http(s) `type` of problem details. */
  readonly docUrl: string | undefined;
}

/** An error class instance (`NotFoundError`, ...) received from a server, with {@link ResponseErrorInfo}. */
export type ResponseError<S extends ErrorStatus = ErrorStatus> = ApiError<S> & ResponseErrorInfo;

const BRAND = Symbol.for('express-api-errors.ResponseError');

/**
 * Adds the response facts to an error instance in place. The instance stays what it was (a
 * `NotFoundError` is still `instanceof NotFoundError`); a wrapper or a client-only subclass per
 * status would break exactly that.
 */
export function attachResponseInfo<E extends ApiError>(error: E, info: ResponseErrorInfo): E & ResponseErrorInfo {
  Object.defineProperties(error, {
    requestId: { value: info.requestId, enumerable: true, configurable: true },
    retryAfter: { value: info.retryAfter, enumerable: true, configurable: true },
    attempts: { value: info.attempts, enumerable: true, configurable: true, writable: true },
    docUrl: { value: info.docUrl, enumerable: true, configurable: true },
    response: { value: info.response, enumerable: false, configurable: true },
    body: { value: info.body, enumerable: false, configurable: true },
    [BRAND]: { value: true, enumerable: false },
  });
  return error as E & ResponseErrorInfo;
}

/** Records on a thrown error how many attempts its call took. */
export function setAttempts(error: { readonly attempts: number }, attempts: number): void {
  (error as { attempts: number }).attempts = attempts;
}

/**
 * True for an error built from a server's response by this client, optionally of one class;
 * narrows to the class with `requestId`, `retryAfter`, `docUrl`, `response`, `body` and `attempts`.
 *
 * @example
 * try { await api.get('/users/42'); } catch (error) {
 *   if (isResponseError(error, NotFoundError)) console.log(error.code, error.requestId);
 * }
 */
export function isResponseError<C extends abstract new (...args: never[]) => ApiError = typeof ApiError>(
  value: unknown,
  errorClass?: C,
): value is InstanceType<C> & ResponseErrorInfo {
  if (!isApiError(value) || (value as unknown as Record<symbol, unknown>)[BRAND] !== true) return false;
  return errorClass === undefined || value instanceof errorClass;
}
