// `express-api-errors/http`: the public API of the HTTP-semantics feature, listed by hand.

// 405, 406, 426, 501
export type { HttpMiddleware } from './middleware';
export { methodNotAllowed, type MethodNotAllowedOptions } from './method-not-allowed';
export { allowedMethods, type RouterSource } from './allowed-methods';
export { produces, negotiatedType } from './produces';
export { retiredApiVersions, type RetiredApiVersionsOptions, type DeprecatedApiVersion } from './api-version';
export { notImplemented } from './not-implemented';

// 502, 503, 504
export { toUpstreamError, assertUpstreamOk, type UpstreamErrorOptions, type UpstreamResponse } from './upstream-error';
export { requestTimeout, timeoutSignal, type RequestTimeoutOptions } from './request-timeout';
export { maintenanceMode, type MaintenanceModeOptions } from './maintenance-mode';

// 429 with express-rate-limit
export {
  rateLimitHandler,
  type RateLimitHandlerOptions,
  type RateLimitExceededHandler,
  type RateLimiterOptionsUsed,
} from './rate-limit-handler';
export {
  rateLimitHeaders,
  formatRateLimitHeaders,
  type RateLimitHeadersForm,
  type RateLimitHeadersOptions,
  type RateLimitState,
} from './rate-limit-headers';

// 2xx
export { created } from './created';
export { accepted, type AcceptedOptions } from './accepted';
export { noContent } from './no-content';
export { assertLocation } from './location';

// 412, 428
export {
  preconditions,
  checkPreconditions,
  type PreconditionsOptions,
  type CheckPreconditionsOptions,
  type PreconditionOutcome,
} from './preconditions';
export { entityTagsMatch, parseEntityTag, parseEntityTagList, type EntityTag } from './entity-tags';

// Header values users write themselves (Retry-After, WWW-Authenticate) and the checks errorHandler
// applies to every header it sets.
export { formatRetryAfter, formatHttpDate, normalizeRetryAfter } from '../headers/retry-after';
export { formatChallenge, parseChallenges, type ParsedChallenge } from '../headers/challenge';
export { isSafeHeaderValue, isValidHeaderName, MAX_HEADER_VALUE_LENGTH } from '../headers/safe-header';

// CORS: the error headers a cross-origin browser client must be allowed to read
export { EXPOSED_ERROR_HEADERS } from './exposed-error-headers';
