// The public API, listed by hand: what is not here is internal.

// Catalog
export {
  STATUSES,
  ERROR_STATUSES,
  CODE_PATTERN,
  getStatusInfo,
  isErrorStatus,
  isErrorStatusCode,
  type CatalogCode,
  type Challenge,
  type ErrorStatus,
  type UnregisteredErrorStatus,
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
export { createError, type OtherStatusArgument } from './errors/create-error';
export { defineErrorCodes, type ErrorCodeRegistry } from './errors/define-error-codes';
export { toApiError, type ToApiErrorOptions } from './errors/to-api-error';
export {
  databaseRecognizers,
  recognizeMongoose,
  recognizePostgres,
  recognizePrisma,
  recognizeSequelize,
} from './errors/recognizers/databases';
export type { ErrorRecognizer } from './errors/recognizers';
export { ISSUE_CODES, type IssueCode, type FieldLocation } from './errors/recognizers/issues';
export {
  validate,
  type OnlyRequestParts,
  type RequestPart,
  type RequestSchemas,
  type StandardSchemaV1,
  type ValidateMiddleware,
  type ValidatedRequest,
} from './validation';

// Headers
export { formatRetryAfter, formatHttpDate, normalizeRetryAfter } from './headers/retry-after';
export { formatChallenge, parseChallenges, inheritRealm, type ParsedChallenge } from './headers/challenge';
export { DEFAULT_UPGRADE, formatUpgrade } from './headers/upgrade';
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
export {
  clientErrorHandler,
  type ClientErrorHandlerOptions,
  type ClientError,
  type ClientErrorListener,
} from './middleware/client-error/client-error-handler';

// Logging
export { serializeError } from './logging/serialize-error';
export type { ErrorLogger, LogLevel, LogMethod } from './logging/logger';

// Features (each folder lists its own public API)
export * from './http';
export * from './idempotency';
export * from './metrics';
export * from './docs';
export * from './openapi';
