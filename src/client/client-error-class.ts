// The client entry exports the server's error classes themselves (the same objects, so `instanceof`
// holds whichever entry an error came from), typed so that `instanceof` narrows to a class instance
// with what a received error carries. Only the types differ: every value here is the core's.
import type { ErrorStatus } from '../catalog';
import { ApiError as CoreApiError, isApiError as coreIsApiError, type ApiErrorOptions, type ErrorOptionsFor } from '../errors/api-error';
import { ValidationError as CoreValidationError } from '../errors/validation-error';
import type { ResponseErrorInfo } from './response-error';

/**
 * What an error class instance may carry in client code: the {@link ResponseErrorInfo} the client
 * adds to an error it builds from a response (`requestId`, `retryAfter`, `docUrl`, ...). Optional,
 * because the same classes are also constructed in code (a test double, `createError`);
 * `isResponseError` tells the two apart and narrows to the fields being there.
 */
export type ReceivedErrorInfo = Partial<ResponseErrorInfo>;

/**
 * An error class as the client entry types it: the same constructor, whose instances (and so
 * `instanceof` narrowing, which reads `prototype`) carry {@link ReceivedErrorInfo} besides the
 * class's own `status`, `code` and `details`.
 */
export type ClientErrorClass<C extends abstract new (...args: never[]) => CoreApiError> = {
  new (...args: ConstructorParameters<C>): InstanceType<C> & ReceivedErrorInfo;
  readonly prototype: InstanceType<C> & ReceivedErrorInfo;
} & Omit<C, 'prototype'>;

/** {@link ApiError} as the client entry types it (two constructors, like the class). */
export type ClientApiErrorClass = {
  new <S extends ErrorStatus>(status: S, message?: string, options?: ErrorOptionsFor<S>): CoreApiError<S> & ReceivedErrorInfo;
  new (status: number, message?: string, options?: ApiErrorOptions): CoreApiError & ReceivedErrorInfo;
  readonly prototype: CoreApiError & ReceivedErrorInfo;
} & Omit<typeof CoreApiError, 'prototype'>;

/**
 * The base of every error class (the server's own), typed for client code: `error instanceof
 * ApiError` narrows to an error with `status`, `code`, `details` and, when the client built it
 * from a response, `requestId`, `retryAfter` and `docUrl`.
 *
 * @example
 * try { await api.get('/users/42'); } catch (error) {
 *   if (error instanceof ApiError) console.warn(error.code, error.requestId);
 * }
 */
export const ApiError = CoreApiError as ClientApiErrorClass;
/** An instance of {@link ApiError} in client code. */
export type ApiError<S extends ErrorStatus = ErrorStatus> = CoreApiError<S> & ReceivedErrorInfo;

/** 400 `validation_error` with one issue per problem in `details`, typed for client code. */
export const ValidationError = CoreValidationError as ClientErrorClass<typeof CoreValidationError>;
/** An instance of {@link ValidationError} in client code. */
export type ValidationError = CoreValidationError & ReceivedErrorInfo;

/** True for an `ApiError` from any copy of this package (the server's `isApiError`, typed for the client). */
// The rule counts an assertion that only adds optional members (ReceivedErrorInfo) as no change.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the predicate narrows to the client's ApiError
export const isApiError = coreIsApiError as (value: unknown) => value is ApiError;
