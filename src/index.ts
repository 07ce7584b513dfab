// The public API, listed by hand: what is not here is internal.

// Catalog
export {
  STATUSES,
  ERROR_STATUSES,
  CODE_PATTERN,
  getStatusInfo,
  isErrorStatus,
  type CatalogCode,
  type Challenge,
  type ErrorStatus,
  type HeaderNeed,
  type HeaderRule,
  type StatusFieldTypes,
  type StatusFieldsOf,
  type StatusInfo,
  type StatusSpec,
} from './catalog';
export { LIBRARY_CODES, type CodeSpec, type LibraryCode } from './catalog/codes';

// Errors
export {
  ApiError,
  isApiError,
  type ApiErrorOptions,
  type ErrorHeaders,
  type ErrorOptionsFor,
} from './errors/api-error';
export * from './errors/http-errors.generated';
export { ValidationError, type ValidationErrorOptions, type ValidationIssue } from './errors/validation-error';
export { createError } from './errors/create-error';
export { defineErrorCodes, type ErrorCodeRegistry } from './errors/define-error-codes';
export { toApiError, type ToApiErrorOptions } from './errors/to-api-error';
export type { ErrorRecognizer } from './errors/recognizers';
export { ISSUE_CODES, type IssueCode, type FieldLocation } from './errors/recognizers/issues';

// Headers
export { formatRetryAfter, formatHttpDate } from './headers/retry-after';
export { formatChallenge } from './headers/challenge';
export { isSafeHeaderValue, isValidHeaderName, MAX_HEADER_VALUE_LENGTH } from './headers/safe-header';

// Formats
export { toEnvelope, ENVELOPE_MEDIA_TYPE, type ErrorEnvelope } from './formats/envelope';
export { toProblemDetails, problemTypeUri, PROBLEM_MEDIA_TYPE, type ProblemDetails, type ProblemOptions } from './formats/problem-details';
export type { ErrorView } from './formats/error-view';

// Middleware
export { errorHandler, getResponseError, type ErrorMiddleware } from './middleware/error-handler/error-handler';
export type { ErrorHandlerOptions, LogLevelOption } from './middleware/error-handler/options';
export { prefersProblemDetails, type ErrorFormat } from './formats/negotiate';
export {
  requestId,
  getRequestId,
  isValidRequestId,
  generateRequestId,
  REQUEST_ID_HEADER,
  type RequestIdOptions,
} from './middleware/request-id/request-id';
export { notFoundHandler } from './middleware/not-found/not-found-handler';

// Logging
export { serializeError } from './logging/serialize-error';
export type { ErrorLogger, LogLevel, LogMethod } from './logging/logger';

// Features (each folder lists its own public API)
export * from './http';
export * from './idempotency';
export * from './metrics';
export * from './docs';
export * from './openapi';
