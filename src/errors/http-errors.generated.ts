// GENERATED FILE, DO NOT EDIT. Source: src/catalog/statuses.ts. Regenerate: npm run generate
// A test fails when this file differs from what the generator writes.

import type { ErrorStatus } from '../catalog';
import { ApiError, nameClass, type ErrorOptionsFor } from './api-error';

/**
 * 400 Bad Request. Default code `bad_request`.
 * @example throw new BadRequestError("The request is invalid.");
 */
export class BadRequestError extends ApiError<400> {
  constructor(message?: string, options?: ErrorOptionsFor<400>) {
    super(400, message, options);
  }
}
nameClass(BadRequestError, 'BadRequestError');

/**
 * 401 Unauthorized. Default code `authentication_required`.
 * Headers: WWW-Authenticate (required, from `challenge`).
 * @example throw new UnauthorizedError("Authentication is required to access this resource.");
 */
export class UnauthorizedError extends ApiError<401> {
  constructor(message?: string, options?: ErrorOptionsFor<401>) {
    super(401, message, options);
  }
}
nameClass(UnauthorizedError, 'UnauthorizedError');

/**
 * 402 Payment Required. Default code `payment_required`.
 * @example throw new PaymentRequiredError("Payment is required to access this resource.");
 */
export class PaymentRequiredError extends ApiError<402> {
  constructor(message?: string, options?: ErrorOptionsFor<402>) {
    super(402, message, options);
  }
}
nameClass(PaymentRequiredError, 'PaymentRequiredError');

/**
 * 403 Forbidden. Default code `forbidden`.
 * @example throw new ForbiddenError("You do not have permission to perform this action.");
 */
export class ForbiddenError extends ApiError<403> {
  constructor(message?: string, options?: ErrorOptionsFor<403>) {
    super(403, message, options);
  }
}
nameClass(ForbiddenError, 'ForbiddenError');

/**
 * 404 Not Found. Default code `resource_not_found`.
 * @example throw new NotFoundError("The requested resource was not found.");
 */
export class NotFoundError extends ApiError<404> {
  constructor(message?: string, options?: ErrorOptionsFor<404>) {
    super(404, message, options);
  }
}
nameClass(NotFoundError, 'NotFoundError');

/**
 * 405 Method Not Allowed. Default code `method_not_allowed`.
 * Headers: Allow (required, from `allow`).
 * @example throw new MethodNotAllowedError("The request method is not allowed on this resource.");
 */
export class MethodNotAllowedError extends ApiError<405> {
  constructor(message?: string, options?: ErrorOptionsFor<405>) {
    super(405, message, options);
  }
}
nameClass(MethodNotAllowedError, 'MethodNotAllowedError');

/**
 * 406 Not Acceptable. Default code `not_acceptable`.
 * @example throw new NotAcceptableError("No representation of this resource matches the Accept header.");
 */
export class NotAcceptableError extends ApiError<406> {
  constructor(message?: string, options?: ErrorOptionsFor<406>) {
    super(406, message, options);
  }
}
nameClass(NotAcceptableError, 'NotAcceptableError');

/**
 * 407 Proxy Authentication Required. Default code `proxy_authentication_required`.
 * Headers: Proxy-Authenticate (required, from `challenge`).
 * @example throw new ProxyAuthenticationRequiredError("Authentication with the proxy is required.");
 */
export class ProxyAuthenticationRequiredError extends ApiError<407> {
  constructor(message?: string, options?: ErrorOptionsFor<407>) {
    super(407, message, options);
  }
}
nameClass(ProxyAuthenticationRequiredError, 'ProxyAuthenticationRequiredError');

/**
 * 408 Request Timeout. Default code `request_timeout`.
 * @example throw new RequestTimeoutError("The server timed out waiting for the request.");
 */
export class RequestTimeoutError extends ApiError<408> {
  constructor(message?: string, options?: ErrorOptionsFor<408>) {
    super(408, message, options);
  }
}
nameClass(RequestTimeoutError, 'RequestTimeoutError');

/**
 * 409 Conflict. Default code `resource_conflict`.
 * Headers: Location (optional, from `location`).
 * @example throw new ConflictError("The request conflicts with the current state of the resource.");
 */
export class ConflictError extends ApiError<409> {
  constructor(message?: string, options?: ErrorOptionsFor<409>) {
    super(409, message, options);
  }
}
nameClass(ConflictError, 'ConflictError');

/**
 * 410 Gone. Default code `gone`.
 * @example throw new GoneError("The requested resource is no longer available.");
 */
export class GoneError extends ApiError<410> {
  constructor(message?: string, options?: ErrorOptionsFor<410>) {
    super(410, message, options);
  }
}
nameClass(GoneError, 'GoneError');

/**
 * 411 Length Required. Default code `length_required`.
 * @example throw new LengthRequiredError("The request must include a Content-Length header.");
 */
export class LengthRequiredError extends ApiError<411> {
  constructor(message?: string, options?: ErrorOptionsFor<411>) {
    super(411, message, options);
  }
}
nameClass(LengthRequiredError, 'LengthRequiredError');

/**
 * 412 Precondition Failed. Default code `precondition_failed`.
 * @example throw new PreconditionFailedError("A precondition in the request headers was not met.");
 */
export class PreconditionFailedError extends ApiError<412> {
  constructor(message?: string, options?: ErrorOptionsFor<412>) {
    super(412, message, options);
  }
}
nameClass(PreconditionFailedError, 'PreconditionFailedError');

/**
 * 413 Content Too Large. Default code `content_too_large`.
 * Headers: Retry-After (recommended, from `retryAfter`).
 * http-errors calls it `PayloadTooLargeError` after the reason phrase RFC 9110 replaced.
 * @example throw new ContentTooLargeError("The request body is too large.");
 */
export class ContentTooLargeError extends ApiError<413> {
  constructor(message?: string, options?: ErrorOptionsFor<413>) {
    super(413, message, options);
  }
}
nameClass(ContentTooLargeError, 'ContentTooLargeError');

/**
 * 414 URI Too Long. Default code `uri_too_long`.
 * @example throw new URITooLongError("The request URI is too long.");
 */
export class URITooLongError extends ApiError<414> {
  constructor(message?: string, options?: ErrorOptionsFor<414>) {
    super(414, message, options);
  }
}
nameClass(URITooLongError, 'URITooLongError');

/**
 * 415 Unsupported Media Type. Default code `unsupported_media_type`.
 * Headers: Accept (optional, from `accept`); Accept-Encoding (optional, from `acceptEncoding`).
 * @example throw new UnsupportedMediaTypeError("The request body has an unsupported media type or encoding.");
 */
export class UnsupportedMediaTypeError extends ApiError<415> {
  constructor(message?: string, options?: ErrorOptionsFor<415>) {
    super(415, message, options);
  }
}
nameClass(UnsupportedMediaTypeError, 'UnsupportedMediaTypeError');

/**
 * 416 Range Not Satisfiable. Default code `range_not_satisfiable`.
 * Headers: Content-Range (recommended, from `completeLength`).
 * @example throw new RangeNotSatisfiableError("The requested range cannot be satisfied.");
 */
export class RangeNotSatisfiableError extends ApiError<416> {
  constructor(message?: string, options?: ErrorOptionsFor<416>) {
    super(416, message, options);
  }
}
nameClass(RangeNotSatisfiableError, 'RangeNotSatisfiableError');

/**
 * 417 Expectation Failed. Default code `expectation_failed`.
 * @example throw new ExpectationFailedError("The expectation in the Expect header cannot be met.");
 */
export class ExpectationFailedError extends ApiError<417> {
  constructor(message?: string, options?: ErrorOptionsFor<417>) {
    super(417, message, options);
  }
}
nameClass(ExpectationFailedError, 'ExpectationFailedError');

/**
 * 421 Misdirected Request. Default code `misdirected_request`.
 * @example throw new MisdirectedRequestError("The request was directed at a server that cannot answer it.");
 */
export class MisdirectedRequestError extends ApiError<421> {
  constructor(message?: string, options?: ErrorOptionsFor<421>) {
    super(421, message, options);
  }
}
nameClass(MisdirectedRequestError, 'MisdirectedRequestError');

/**
 * 422 Unprocessable Content. Default code `invalid_operation`.
 * http-errors calls it `UnprocessableEntityError` after the reason phrase RFC 9110 replaced.
 * @example throw new UnprocessableContentError("The request is well-formed but cannot be processed.");
 */
export class UnprocessableContentError extends ApiError<422> {
  constructor(message?: string, options?: ErrorOptionsFor<422>) {
    super(422, message, options);
  }
}
nameClass(UnprocessableContentError, 'UnprocessableContentError');

/**
 * 423 Locked. Default code `locked`.
 * @example throw new LockedError("The resource is locked.");
 */
export class LockedError extends ApiError<423> {
  constructor(message?: string, options?: ErrorOptionsFor<423>) {
    super(423, message, options);
  }
}
nameClass(LockedError, 'LockedError');

/**
 * 424 Failed Dependency. Default code `failed_dependency`.
 * @example throw new FailedDependencyError("The request failed because a request it depends on failed.");
 */
export class FailedDependencyError extends ApiError<424> {
  constructor(message?: string, options?: ErrorOptionsFor<424>) {
    super(424, message, options);
  }
}
nameClass(FailedDependencyError, 'FailedDependencyError');

/**
 * 425 Too Early. Default code `too_early`.
 * @example throw new TooEarlyError("The server will not process a request that might be replayed.");
 */
export class TooEarlyError extends ApiError<425> {
  constructor(message?: string, options?: ErrorOptionsFor<425>) {
    super(425, message, options);
  }
}
nameClass(TooEarlyError, 'TooEarlyError');

/**
 * 426 Upgrade Required. Default code `upgrade_required`.
 * Headers: Upgrade (required, from `upgrade`).
 * @example throw new UpgradeRequiredError("The client must switch to another protocol.");
 */
export class UpgradeRequiredError extends ApiError<426> {
  constructor(message?: string, options?: ErrorOptionsFor<426>) {
    super(426, message, options);
  }
}
nameClass(UpgradeRequiredError, 'UpgradeRequiredError');

/**
 * 428 Precondition Required. Default code `precondition_required`.
 * @example throw new PreconditionRequiredError("This request must be conditional.");
 */
export class PreconditionRequiredError extends ApiError<428> {
  constructor(message?: string, options?: ErrorOptionsFor<428>) {
    super(428, message, options);
  }
}
nameClass(PreconditionRequiredError, 'PreconditionRequiredError');

/**
 * 429 Too Many Requests. Default code `rate_limit_exceeded`.
 * Headers: Retry-After (optional, from `retryAfter`).
 * @example throw new TooManyRequestsError("Too many requests. Retry later.");
 */
export class TooManyRequestsError extends ApiError<429> {
  constructor(message?: string, options?: ErrorOptionsFor<429>) {
    super(429, message, options);
  }
}
nameClass(TooManyRequestsError, 'TooManyRequestsError');

/**
 * 431 Request Header Fields Too Large. Default code `request_header_fields_too_large`.
 * @example throw new RequestHeaderFieldsTooLargeError("The request header fields are too large.");
 */
export class RequestHeaderFieldsTooLargeError extends ApiError<431> {
  constructor(message?: string, options?: ErrorOptionsFor<431>) {
    super(431, message, options);
  }
}
nameClass(RequestHeaderFieldsTooLargeError, 'RequestHeaderFieldsTooLargeError');

/**
 * 451 Unavailable For Legal Reasons. Default code `unavailable_for_legal_reasons`.
 * Headers: Link (recommended, from `blockedBy`).
 * @example throw new UnavailableForLegalReasonsError("This resource is unavailable for legal reasons.");
 */
export class UnavailableForLegalReasonsError extends ApiError<451> {
  constructor(message?: string, options?: ErrorOptionsFor<451>) {
    super(451, message, options);
  }
}
nameClass(UnavailableForLegalReasonsError, 'UnavailableForLegalReasonsError');

/**
 * 500 Internal Server Error. Default code `internal_error`.
 * @example throw new InternalServerError("An unexpected error occurred.");
 */
export class InternalServerError extends ApiError<500> {
  constructor(message?: string, options?: ErrorOptionsFor<500>) {
    super(500, message, options);
  }
}
nameClass(InternalServerError, 'InternalServerError');

/**
 * 501 Not Implemented. Default code `not_implemented`.
 * @example throw new NotImplementedError("This functionality is not implemented.");
 */
export class NotImplementedError extends ApiError<501> {
  constructor(message?: string, options?: ErrorOptionsFor<501>) {
    super(501, message, options);
  }
}
nameClass(NotImplementedError, 'NotImplementedError');

/**
 * 502 Bad Gateway. Default code `bad_gateway`.
 * @example throw new BadGatewayError("An upstream service returned an invalid response.");
 */
export class BadGatewayError extends ApiError<502> {
  constructor(message?: string, options?: ErrorOptionsFor<502>) {
    super(502, message, options);
  }
}
nameClass(BadGatewayError, 'BadGatewayError');

/**
 * 503 Service Unavailable. Default code `service_unavailable`.
 * Headers: Retry-After (optional, from `retryAfter`).
 * @example throw new ServiceUnavailableError("The service is temporarily unavailable.");
 */
export class ServiceUnavailableError extends ApiError<503> {
  constructor(message?: string, options?: ErrorOptionsFor<503>) {
    super(503, message, options);
  }
}
nameClass(ServiceUnavailableError, 'ServiceUnavailableError');

/**
 * 504 Gateway Timeout. Default code `gateway_timeout`.
 * @example throw new GatewayTimeoutError("An upstream service did not respond in time.");
 */
export class GatewayTimeoutError extends ApiError<504> {
  constructor(message?: string, options?: ErrorOptionsFor<504>) {
    super(504, message, options);
  }
}
nameClass(GatewayTimeoutError, 'GatewayTimeoutError');

/**
 * 505 HTTP Version Not Supported. Default code `http_version_not_supported`.
 * @example throw new HTTPVersionNotSupportedError("The HTTP version of the request is not supported.");
 */
export class HTTPVersionNotSupportedError extends ApiError<505> {
  constructor(message?: string, options?: ErrorOptionsFor<505>) {
    super(505, message, options);
  }
}
nameClass(HTTPVersionNotSupportedError, 'HTTPVersionNotSupportedError');

/**
 * 506 Variant Also Negotiates. Default code `variant_also_negotiates`.
 * @example throw new VariantAlsoNegotiatesError("The server has an internal configuration error.");
 */
export class VariantAlsoNegotiatesError extends ApiError<506> {
  constructor(message?: string, options?: ErrorOptionsFor<506>) {
    super(506, message, options);
  }
}
nameClass(VariantAlsoNegotiatesError, 'VariantAlsoNegotiatesError');

/**
 * 507 Insufficient Storage. Default code `insufficient_storage`.
 * @example throw new InsufficientStorageError("The server cannot store what is needed to complete the request.");
 */
export class InsufficientStorageError extends ApiError<507> {
  constructor(message?: string, options?: ErrorOptionsFor<507>) {
    super(507, message, options);
  }
}
nameClass(InsufficientStorageError, 'InsufficientStorageError');

/**
 * 508 Loop Detected. Default code `loop_detected`.
 * @example throw new LoopDetectedError("The server detected an infinite loop while processing the request.");
 */
export class LoopDetectedError extends ApiError<508> {
  constructor(message?: string, options?: ErrorOptionsFor<508>) {
    super(508, message, options);
  }
}
nameClass(LoopDetectedError, 'LoopDetectedError');

/**
 * 511 Network Authentication Required. Default code `network_authentication_required`.
 * @example throw new NetworkAuthenticationRequiredError("Authentication with the network is required.");
 */
export class NetworkAuthenticationRequiredError extends ApiError<511> {
  constructor(message?: string, options?: ErrorOptionsFor<511>) {
    super(511, message, options);
  }
}
nameClass(NetworkAuthenticationRequiredError, 'NetworkAuthenticationRequiredError');

/** The error class of every catalog status, by status. */
export const errorClassesByStatus = {
  400: BadRequestError,
  401: UnauthorizedError,
  402: PaymentRequiredError,
  403: ForbiddenError,
  404: NotFoundError,
  405: MethodNotAllowedError,
  406: NotAcceptableError,
  407: ProxyAuthenticationRequiredError,
  408: RequestTimeoutError,
  409: ConflictError,
  410: GoneError,
  411: LengthRequiredError,
  412: PreconditionFailedError,
  413: ContentTooLargeError,
  414: URITooLongError,
  415: UnsupportedMediaTypeError,
  416: RangeNotSatisfiableError,
  417: ExpectationFailedError,
  421: MisdirectedRequestError,
  422: UnprocessableContentError,
  423: LockedError,
  424: FailedDependencyError,
  425: TooEarlyError,
  426: UpgradeRequiredError,
  428: PreconditionRequiredError,
  429: TooManyRequestsError,
  431: RequestHeaderFieldsTooLargeError,
  451: UnavailableForLegalReasonsError,
  500: InternalServerError,
  501: NotImplementedError,
  502: BadGatewayError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
  505: HTTPVersionNotSupportedError,
  506: VariantAlsoNegotiatesError,
  507: InsufficientStorageError,
  508: LoopDetectedError,
  511: NetworkAuthenticationRequiredError,
} as const satisfies { readonly [S in ErrorStatus]: new (message?: string, options?: ErrorOptionsFor<S>) => ApiError<S> };
