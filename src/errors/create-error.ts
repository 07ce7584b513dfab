import { resolveStatusInfo, type ErrorStatus, type UnregisteredErrorStatus } from '../catalog';
import { ApiError, type ApiErrorOptions, type ErrorOptionsFor } from './api-error';
import { errorClassesByStatus } from './http-errors.generated';

/**
 * A status `createError` takes besides the catalog's: a literal the catalog does not hold
 * (`499`, `520`), or a `number` only known at run time. Other literals (`302`, `600`, `418`) do
 * not compile.
 */
export type OtherStatusArgument<S extends number> = number extends S ? S : S extends UnregisteredErrorStatus ? S : never;

/**
 * Creates the error for any status: `createError(404)` is a `NotFoundError`, with its typed
 * options (`createError(429, msg, { retryAfter: 5 })`). A status the catalog does not hold is kept
 * when it is an integer 400-599 (`createError(499)`, `createError(520)`: deployed, unregistered),
 * as a plain `ApiError` with the code, message and duties of its class's x00 (`bad_request`,
 * `internal_error`; RFC 9110 §15 has clients read it as the x00). Anything else is a 500.
 */
export function createError<S extends ErrorStatus>(status: S, message?: string, options?: ErrorOptionsFor<S>): ApiError<S>;
export function createError<S extends number>(status: OtherStatusArgument<S>, message?: string, options?: ApiErrorOptions): ApiError;
export function createError(status: number, message?: string, options?: ApiErrorOptions): ApiError {
  const info = resolveStatusInfo(status);
  if (!info.registered) return new ApiError(info.status, message, options);
  const ErrorClass = errorClassesByStatus[info.status as ErrorStatus] as unknown as new (
    message?: string,
    options?: ApiErrorOptions,
  ) => ApiError;
  return new ErrorClass(message, options);
}
