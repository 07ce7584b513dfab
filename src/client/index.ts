// `express-api-errors/client`: the public API of the client entry, listed by hand.
// It runs on the global fetch (browsers, Node 18+, edge runtimes): nothing here may import Express,
// pino, a `node:` module or server code. test/client/bundle.test.ts enforces it.

// The client
export {
  createClient,
  type Client,
  type ClientOptions,
  type RequestOptions,
  type BodilessRequestOptions,
  type QueryValue,
} from './create-client';
export { parseErrorResponse, type ParseErrorOptions, type ErrorClass } from './parse-error-response';
export { isResponseError, type ResponseError, type ResponseErrorInfo } from './response-error';
export { NetworkError, TimeoutError } from './client-errors';
export { parseRetryAfter, parseHttpDate } from './retry-after';
export type { RetryOptions, RetryEvent } from './retry-policy';
export type { Sleep } from './sleep';
export { generateIdempotencyKey } from './idempotency-key';
export {
  createStatusDistribution,
  type StatusDistribution,
  type StatusCount,
  type StatusEvent,
} from './status-distribution';

// The same error classes as the server. Import them from this entry in client code: a bundle
// holding both entries has one copy of the classes per entry, and `instanceof` needs the same copy.
export { ApiError, isApiError, type ApiErrorOptions, type ErrorOptionsFor } from '../errors/api-error';
export * from '../errors/http-errors.generated';
export { ValidationError, type ValidationIssue } from '../errors/validation-error';
export { createError } from '../errors/create-error';
export { ERROR_STATUSES, getStatusInfo, isErrorStatus, type ErrorStatus, type StatusInfo } from '../catalog';
