import { resolveStatusInfo, type ErrorStatus } from '../catalog';
import type { ApiError, ErrorOptionsFor } from './api-error';
import { errorClasses } from './http-errors.generated';

/**
 * Creates the error class instance for any status: `createError(404)` is a `NotFoundError`.
 * An uncatalogued 4xx becomes 400 and anything else 500, as HTTP tells clients to read them.
 */
export function createError<S extends ErrorStatus>(
  status: S,
  message?: string,
  options?: ErrorOptionsFor<S>,
): ApiError<S> {
  const ErrorClass = errorClasses[resolveStatusInfo(status).status] as unknown as new (
    message?: string,
    options?: ErrorOptionsFor<S>,
  ) => ApiError<S>;
  return new ErrorClass(message, options);
}
