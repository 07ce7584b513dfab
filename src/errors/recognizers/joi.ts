import type { ApiError } from '../api-error';
import { validationFailure } from './issues';
import { isJoiError, joiIssues } from './joi-details';

/**
 * joi's `ValidationError` (`schema.validateAsync(value, { abortEarly: false })` rejects with it):
 * one detail per entry of `details`. Its `_original` and each `context.value` hold what was sent:
 * neither is kept.
 */
export function recognizeJoi(error: unknown): ApiError | undefined {
  if (!isJoiError(error)) return undefined;
  return validationFailure('joi', joiIssues(error.details));
}
