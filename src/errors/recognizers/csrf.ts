import type { ErrorStatus } from '../../catalog';
import { LIBRARY_CODES } from '../../catalog/codes';
import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import { integerOf, isBag } from './recognizer';

/**
 * A refused CSRF token from csurf, csrf-csrf or csrf-sync: each throws an http-errors 403 with
 * `code: 'EBADCSRFTOKEN'`. It becomes 403 `csrf_token_invalid`, or the 4xx status the app
 * configured (csrf-csrf's and csrf-sync's `errorConfig.statusCode`).
 */
export function recognizeCsrf(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.code !== 'EBADCSRFTOKEN') return undefined;
  const configured = integerOf(error.status);
  const status = configured !== undefined && configured >= 400 && configured <= 499 ? configured : 403;
  return createError(status as ErrorStatus, LIBRARY_CODES.csrf_token_invalid.message, {
    code: 'csrf_token_invalid',
    // The request's token is not in the error; its message and status are all there is to log.
    cause: { source: 'csrf', status: configured },
    captureStack: false,
  });
}
