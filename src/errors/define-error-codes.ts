import { isErrorStatus, type ErrorStatus } from '../catalog';
import type { CodeSpec } from '../catalog/codes';
import type { ApiError, ErrorOptionsFor } from './api-error';
import { assertErrorCode } from './check-code';
import { createError } from './create-error';

/** An app's own error codes, and a typed factory for them. */
export interface ErrorCodeRegistry<T extends Readonly<Record<string, CodeSpec>>> {
  /** The definitions, as given. */
  readonly codes: T;
  /**
   * Creates the error for a registered code: the class of its status, its code, and its message
   * unless one is given. A code that was not registered fails to compile.
   */
  create<K extends keyof T & string>(
    code: K,
    message?: string,
    options?: Omit<ErrorOptionsFor<T[K]['status']>, 'code'>,
  ): ApiError<T[K]['status']>;
  /** True when `code` is registered here. */
  has(code: string): code is keyof T & string;
}

/**
 * Registers an app's own error codes with their status and default message.
 *
 * @example
 * export const errors = defineErrorCodes({
 *   insufficient_scope: { status: 403, message: 'The token lacks the required scope.' },
 * });
 * throw errors.create('insufficient_scope'); // a ForbiddenError with code insufficient_scope
 */
export function defineErrorCodes<const T extends Readonly<Record<string, CodeSpec>>>(codes: T): ErrorCodeRegistry<T> {
  for (const [code, spec] of Object.entries(codes)) {
    assertErrorCode(code);
    if (!isErrorStatus(spec.status)) throw new TypeError(`Error code "${code}" has status ${String(spec.status)}, not a catalog status`);
  }
  const frozen = Object.freeze({ ...codes });
  return {
    codes: frozen,
    create(code, message, options) {
      // TypeScript rejects unknown codes; plain JavaScript gets a clear error instead of a bad response.
      if (!Object.prototype.hasOwnProperty.call(frozen, code)) throw new TypeError(`Error code "${String(code)}" is not registered`);
      const spec = frozen[code] as CodeSpec<ErrorStatus>;
      return createError(spec.status, message ?? spec.message, { ...options, code });
    },
    has: (code): code is keyof T & string => Object.prototype.hasOwnProperty.call(frozen, code),
  };
}
