// GENERATED FILE, DO NOT EDIT. Source: src/catalog/statuses.ts. Regenerate: npm run generate
// A test fails when this file differs from what the generator writes.

// The server's error classes, the very same objects (`instanceof` holds across entries), typed
// for client code: `instanceof` narrows to the class with what a received error carries.

import * as classes from '../errors/http-errors.generated';
import type { ClientErrorClass, ReceivedErrorInfo } from './client-error-class';

/** 400 Bad Request (`bad_request`), typed for client code: see {@link ClientErrorClass}. */
export const BadRequestError = classes.BadRequestError as ClientErrorClass<typeof classes.BadRequestError>;
/** An instance of {@link BadRequestError} in client code. */
export type BadRequestError = classes.BadRequestError & ReceivedErrorInfo;

/** 401 Unauthorized (`authentication_required`), typed for client code: see {@link ClientErrorClass}. */
export const UnauthorizedError = classes.UnauthorizedError as ClientErrorClass<typeof classes.UnauthorizedError>;
/** An instance of {@link UnauthorizedError} in client code. */
export type UnauthorizedError = classes.UnauthorizedError & ReceivedErrorInfo;

/** 402 Payment Required (`payment_required`), typed for client code: see {@link ClientErrorClass}. */
export const PaymentRequiredError = classes.PaymentRequiredError as ClientErrorClass<typeof classes.PaymentRequiredError>;
/** An instance of {@link PaymentRequiredError} in client code. */
export type PaymentRequiredError = classes.PaymentRequiredError & ReceivedErrorInfo;

/** 403 Forbidden (`forbidden`), typed for client code: see {@link ClientErrorClass}. */
export const ForbiddenError = classes.ForbiddenError as ClientErrorClass<typeof classes.ForbiddenError>;
/** An instance of {@link ForbiddenError} in client code. */
export type ForbiddenError = classes.ForbiddenError & ReceivedErrorInfo;

/** 404 Not Found (`resource_not_found`), typed for client code: see {@link ClientErrorClass}. */
export const NotFoundError = classes.NotFoundError as ClientErrorClass<typeof classes.NotFoundError>;
/** An instance of {@link NotFoundError} in client code. */
export type NotFoundError = classes.NotFoundError & ReceivedErrorInfo;

/** 405 Method Not Allowed (`method_not_allowed`), typed for client code: see {@link ClientErrorClass}. */
export const MethodNotAllowedError = classes.MethodNotAllowedError as ClientErrorClass<typeof classes.MethodNotAllowedError>;
/** An instance of {@link MethodNotAllowedError} in client code. */
export type MethodNotAllowedError = classes.MethodNotAllowedError & ReceivedErrorInfo;

/** 406 Not Acceptable (`not_acceptable`), typed for client code: see {@link ClientErrorClass}. */
export const NotAcceptableError = classes.NotAcceptableError as ClientErrorClass<typeof classes.NotAcceptableError>;
/** An instance of {@link NotAcceptableError} in client code. */
export type NotAcceptableError = classes.NotAcceptableError & ReceivedErrorInfo;

/** 407 Proxy Authentication Required (`proxy_authentication_required`), typed for client code: see {@link ClientErrorClass}. */
export const ProxyAuthenticationRequiredError = classes.ProxyAuthenticationRequiredError as ClientErrorClass<typeof classes.ProxyAuthenticationRequiredError>;
/** An instance of {@link ProxyAuthenticationRequiredError} in client code. */
export type ProxyAuthenticationRequiredError = classes.ProxyAuthenticationRequiredError & ReceivedErrorInfo;

/** 408 Request Timeout (`request_timeout`), typed for client code: see {@link ClientErrorClass}. */
export const RequestTimeoutError = classes.RequestTimeoutError as ClientErrorClass<typeof classes.RequestTimeoutError>;
/** An instance of {@link RequestTimeoutError} in client code. */
export type RequestTimeoutError = classes.RequestTimeoutError & ReceivedErrorInfo;

/** 409 Conflict (`resource_conflict`), typed for client code: see {@link ClientErrorClass}. */
export const ConflictError = classes.ConflictError as ClientErrorClass<typeof classes.ConflictError>;
/** An instance of {@link ConflictError} in client code. */
export type ConflictError = classes.ConflictError & ReceivedErrorInfo;

/** 410 Gone (`gone`), typed for client code: see {@link ClientErrorClass}. */
export const GoneError = classes.GoneError as ClientErrorClass<typeof classes.GoneError>;
/** An instance of {@link GoneError} in client code. */
export type GoneError = classes.GoneError & ReceivedErrorInfo;

/** 411 Length Required (`length_required`), typed for client code: see {@link ClientErrorClass}. */
export const LengthRequiredError = classes.LengthRequiredError as ClientErrorClass<typeof classes.LengthRequiredError>;
/** An instance of {@link LengthRequiredError} in client code. */
export type LengthRequiredError = classes.LengthRequiredError & ReceivedErrorInfo;

/** 412 Precondition Failed (`precondition_failed`), typed for client code: see {@link ClientErrorClass}. */
export const PreconditionFailedError = classes.PreconditionFailedError as ClientErrorClass<typeof classes.PreconditionFailedError>;
/** An instance of {@link PreconditionFailedError} in client code. */
export type PreconditionFailedError = classes.PreconditionFailedError & ReceivedErrorInfo;

/** 413 Content Too Large (`content_too_large`), typed for client code: see {@link ClientErrorClass}. */
export const ContentTooLargeError = classes.ContentTooLargeError as ClientErrorClass<typeof classes.ContentTooLargeError>;
/** An instance of {@link ContentTooLargeError} in client code. */
export type ContentTooLargeError = classes.ContentTooLargeError & ReceivedErrorInfo;

/** 414 URI Too Long (`uri_too_long`), typed for client code: see {@link ClientErrorClass}. */
export const URITooLongError = classes.URITooLongError as ClientErrorClass<typeof classes.URITooLongError>;
/** An instance of {@link URITooLongError} in client code. */
export type URITooLongError = classes.URITooLongError & ReceivedErrorInfo;

/** 415 Unsupported Media Type (`unsupported_media_type`), typed for client code: see {@link ClientErrorClass}. */
export const UnsupportedMediaTypeError = classes.UnsupportedMediaTypeError as ClientErrorClass<typeof classes.UnsupportedMediaTypeError>;
/** An instance of {@link UnsupportedMediaTypeError} in client code. */
export type UnsupportedMediaTypeError = classes.UnsupportedMediaTypeError & ReceivedErrorInfo;

/** 416 Range Not Satisfiable (`range_not_satisfiable`), typed for client code: see {@link ClientErrorClass}. */
export const RangeNotSatisfiableError = classes.RangeNotSatisfiableError as ClientErrorClass<typeof classes.RangeNotSatisfiableError>;
/** An instance of {@link RangeNotSatisfiableError} in client code. */
export type RangeNotSatisfiableError = classes.RangeNotSatisfiableError & ReceivedErrorInfo;

/** 417 Expectation Failed (`expectation_failed`), typed for client code: see {@link ClientErrorClass}. */
export const ExpectationFailedError = classes.ExpectationFailedError as ClientErrorClass<typeof classes.ExpectationFailedError>;
/** An instance of {@link ExpectationFailedError} in client code. */
export type ExpectationFailedError = classes.ExpectationFailedError & ReceivedErrorInfo;

/** 421 Misdirected Request (`misdirected_request`), typed for client code: see {@link ClientErrorClass}. */
export const MisdirectedRequestError = classes.MisdirectedRequestError as ClientErrorClass<typeof classes.MisdirectedRequestError>;
/** An instance of {@link MisdirectedRequestError} in client code. */
export type MisdirectedRequestError = classes.MisdirectedRequestError & ReceivedErrorInfo;

/** 422 Unprocessable Content (`invalid_operation`), typed for client code: see {@link ClientErrorClass}. */
export const UnprocessableContentError = classes.UnprocessableContentError as ClientErrorClass<typeof classes.UnprocessableContentError>;
/** An instance of {@link UnprocessableContentError} in client code. */
export type UnprocessableContentError = classes.UnprocessableContentError & ReceivedErrorInfo;

/** 423 Locked (`locked`), typed for client code: see {@link ClientErrorClass}. */
export const LockedError = classes.LockedError as ClientErrorClass<typeof classes.LockedError>;
/** An instance of {@link LockedError} in client code. */
export type LockedError = classes.LockedError & ReceivedErrorInfo;

/** 424 Failed Dependency (`failed_dependency`), typed for client code: see {@link ClientErrorClass}. */
export const FailedDependencyError = classes.FailedDependencyError as ClientErrorClass<typeof classes.FailedDependencyError>;
/** An instance of {@link FailedDependencyError} in client code. */
export type FailedDependencyError = classes.FailedDependencyError & ReceivedErrorInfo;

/** 425 Too Early (`too_early`), typed for client code: see {@link ClientErrorClass}. */
export const TooEarlyError = classes.TooEarlyError as ClientErrorClass<typeof classes.TooEarlyError>;
/** An instance of {@link TooEarlyError} in client code. */
export type TooEarlyError = classes.TooEarlyError & ReceivedErrorInfo;

/** 426 Upgrade Required (`upgrade_required`), typed for client code: see {@link ClientErrorClass}. */
export const UpgradeRequiredError = classes.UpgradeRequiredError as ClientErrorClass<typeof classes.UpgradeRequiredError>;
/** An instance of {@link UpgradeRequiredError} in client code. */
export type UpgradeRequiredError = classes.UpgradeRequiredError & ReceivedErrorInfo;

/** 428 Precondition Required (`precondition_required`), typed for client code: see {@link ClientErrorClass}. */
export const PreconditionRequiredError = classes.PreconditionRequiredError as ClientErrorClass<typeof classes.PreconditionRequiredError>;
/** An instance of {@link PreconditionRequiredError} in client code. */
export type PreconditionRequiredError = classes.PreconditionRequiredError & ReceivedErrorInfo;

/** 429 Too Many Requests (`rate_limit_exceeded`), typed for client code: see {@link ClientErrorClass}. */
export const TooManyRequestsError = classes.TooManyRequestsError as ClientErrorClass<typeof classes.TooManyRequestsError>;
/** An instance of {@link TooManyRequestsError} in client code. */
export type TooManyRequestsError = classes.TooManyRequestsError & ReceivedErrorInfo;

/** 431 Request Header Fields Too Large (`request_header_fields_too_large`), typed for client code: see {@link ClientErrorClass}. */
export const RequestHeaderFieldsTooLargeError = classes.RequestHeaderFieldsTooLargeError as ClientErrorClass<typeof classes.RequestHeaderFieldsTooLargeError>;
/** An instance of {@link RequestHeaderFieldsTooLargeError} in client code. */
export type RequestHeaderFieldsTooLargeError = classes.RequestHeaderFieldsTooLargeError & ReceivedErrorInfo;

/** 451 Unavailable For Legal Reasons (`unavailable_for_legal_reasons`), typed for client code: see {@link ClientErrorClass}. */
export const UnavailableForLegalReasonsError = classes.UnavailableForLegalReasonsError as ClientErrorClass<typeof classes.UnavailableForLegalReasonsError>;
/** An instance of {@link UnavailableForLegalReasonsError} in client code. */
export type UnavailableForLegalReasonsError = classes.UnavailableForLegalReasonsError & ReceivedErrorInfo;

/** 500 Internal Server Error (`internal_error`), typed for client code: see {@link ClientErrorClass}. */
export const InternalServerError = classes.InternalServerError as ClientErrorClass<typeof classes.InternalServerError>;
/** An instance of {@link InternalServerError} in client code. */
export type InternalServerError = classes.InternalServerError & ReceivedErrorInfo;

/** 501 Not Implemented (`not_implemented`), typed for client code: see {@link ClientErrorClass}. */
export const NotImplementedError = classes.NotImplementedError as ClientErrorClass<typeof classes.NotImplementedError>;
/** An instance of {@link NotImplementedError} in client code. */
export type NotImplementedError = classes.NotImplementedError & ReceivedErrorInfo;

/** 502 Bad Gateway (`bad_gateway`), typed for client code: see {@link ClientErrorClass}. */
export const BadGatewayError = classes.BadGatewayError as ClientErrorClass<typeof classes.BadGatewayError>;
/** An instance of {@link BadGatewayError} in client code. */
export type BadGatewayError = classes.BadGatewayError & ReceivedErrorInfo;

/** 503 Service Unavailable (`service_unavailable`), typed for client code: see {@link ClientErrorClass}. */
export const ServiceUnavailableError = classes.ServiceUnavailableError as ClientErrorClass<typeof classes.ServiceUnavailableError>;
/** An instance of {@link ServiceUnavailableError} in client code. */
export type ServiceUnavailableError = classes.ServiceUnavailableError & ReceivedErrorInfo;

/** 504 Gateway Timeout (`gateway_timeout`), typed for client code: see {@link ClientErrorClass}. */
export const GatewayTimeoutError = classes.GatewayTimeoutError as ClientErrorClass<typeof classes.GatewayTimeoutError>;
/** An instance of {@link GatewayTimeoutError} in client code. */
export type GatewayTimeoutError = classes.GatewayTimeoutError & ReceivedErrorInfo;

/** 505 HTTP Version Not Supported (`http_version_not_supported`), typed for client code: see {@link ClientErrorClass}. */
export const HTTPVersionNotSupportedError = classes.HTTPVersionNotSupportedError as ClientErrorClass<typeof classes.HTTPVersionNotSupportedError>;
/** An instance of {@link HTTPVersionNotSupportedError} in client code. */
export type HTTPVersionNotSupportedError = classes.HTTPVersionNotSupportedError & ReceivedErrorInfo;

/** 506 Variant Also Negotiates (`variant_also_negotiates`), typed for client code: see {@link ClientErrorClass}. */
export const VariantAlsoNegotiatesError = classes.VariantAlsoNegotiatesError as ClientErrorClass<typeof classes.VariantAlsoNegotiatesError>;
/** An instance of {@link VariantAlsoNegotiatesError} in client code. */
export type VariantAlsoNegotiatesError = classes.VariantAlsoNegotiatesError & ReceivedErrorInfo;

/** 507 Insufficient Storage (`insufficient_storage`), typed for client code: see {@link ClientErrorClass}. */
export const InsufficientStorageError = classes.InsufficientStorageError as ClientErrorClass<typeof classes.InsufficientStorageError>;
/** An instance of {@link InsufficientStorageError} in client code. */
export type InsufficientStorageError = classes.InsufficientStorageError & ReceivedErrorInfo;

/** 508 Loop Detected (`loop_detected`), typed for client code: see {@link ClientErrorClass}. */
export const LoopDetectedError = classes.LoopDetectedError as ClientErrorClass<typeof classes.LoopDetectedError>;
/** An instance of {@link LoopDetectedError} in client code. */
export type LoopDetectedError = classes.LoopDetectedError & ReceivedErrorInfo;

/** 511 Network Authentication Required (`network_authentication_required`), typed for client code: see {@link ClientErrorClass}. */
export const NetworkAuthenticationRequiredError = classes.NetworkAuthenticationRequiredError as ClientErrorClass<typeof classes.NetworkAuthenticationRequiredError>;
/** An instance of {@link NetworkAuthenticationRequiredError} in client code. */
export type NetworkAuthenticationRequiredError = classes.NetworkAuthenticationRequiredError & ReceivedErrorInfo;

type ByStatus = typeof classes.errorClassesByStatus;

/** The error class of every catalog status, by status, typed for client code. */
// The rule counts an assertion that only adds optional members (ReceivedErrorInfo) as no change.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- instances typed with what a received error carries
export const errorClassesByStatus = classes.errorClassesByStatus as { readonly [S in keyof ByStatus]: ClientErrorClass<ByStatus[S]> };
