// `express-api-errors`: the core entry, listed by hand. What is not here is internal or belongs to
// a feature entry (express-api-errors/http, /idempotency, /metrics, /openapi, /validation, /client).
// test/core/entries.test.ts lists every value name, so a new export is a deliberate change.

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

// Errors: one class per catalog status, generated from it
export { ApiError, isApiError, type ApiErrorOptions, type ErrorHeaders, type ErrorOptionsFor } from './errors/api-error';
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

// Formats
export { toEnvelope, ENVELOPE_MEDIA_TYPE, type ErrorEnvelope } from './formats/envelope';
export { toProblemDetails, problemTypeUri, PROBLEM_MEDIA_TYPE, type ProblemDetails, type ProblemOptions } from './formats/problem-details';
export { prefersProblemDetails, type ErrorFormat } from './formats/negotiate';
export type { ErrorView } from './formats/error-view';
export type { ErrorFormatter, FormattedError } from './formats/formatter';

// Middleware
export { errorHandler, getResponseError, type ErrorMiddleware } from './middleware/error-handler/error-handler';
export type { ErrorHandlerOptions, LogLevelOption } from './middleware/error-handler/options';
export type { ErrorReport, ErrorReportingOptions } from './middleware/error-handler/report-options';
export type { TracingOptions } from './tracing/tracing-options';
export {
  requestId,
  getRequestId,
  isValidRequestId,
  generateRequestId,
  REQUEST_ID_HEADER,
  type RequestIdOptions,
  type RequestIdMiddleware,
} from './middleware/request-id/request-id';
export { notFoundHandler } from './middleware/not-found/not-found-handler';
export {
  clientErrorHandler,
  type ClientErrorHandlerOptions,
  type ClientError,
  type ClientErrorListener,
} from './middleware/client-error/client-error-handler';

// Logging (pino is loaded only when errorHandler's default logger writes its first line)
export { serializeError } from './logging/serialize-error';
export type { ErrorLogger, LogLevel, LogMethod } from './logging/logger';
export type { LogSamplingOptions } from './logging/log-sampling';
