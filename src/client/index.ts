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
export { createStatusDistribution, type StatusDistribution, type StatusCount, type StatusEvent } from './status-distribution';

// The same error classes as the server (the same objects: `instanceof` holds whichever entry an
// error came from), typed for client code: `error instanceof NotFoundError` narrows to an error
// with `code`, `details` and the `requestId`, `retryAfter`, `docUrl` of the response it came from.
export { ApiError, isApiError, ValidationError, type ReceivedErrorInfo } from './client-error-class';
export type { ApiErrorOptions, ErrorOptionsFor } from '../errors/api-error';
export * from './error-classes.generated';
export type { ValidationIssue } from '../errors/validation-error';
export { createError } from '../errors/create-error';
export { ERROR_STATUSES, getStatusInfo, isErrorStatus, type ErrorStatus, type StatusInfo } from '../catalog';
