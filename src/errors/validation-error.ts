import { LIBRARY_CODES } from '../catalog/codes';
import { nameClass, type ErrorOptionsFor } from './api-error';
import { BadRequestError } from './http-errors.generated';

/** One problem found while validating a request. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `body.email` or `query.page`. */
  readonly path: string;
  /** Machine-readable reason, e.g. `required` or `too_short`. */
  readonly code: string;
  /** Human-readable explanation. */
  readonly message: string;
}

/** Options of {@link ValidationError}: `details` lists the issues. */
export type ValidationErrorOptions = Omit<ErrorOptionsFor<400>, 'details'> & {
  readonly details?: readonly ValidationIssue[];
};

/**
 * 400 with code `validation_error` and one entry per problem in `details`.
 *
 * @example
 * throw new ValidationError('Invalid user', {
 *   details: [{ path: 'body.name', code: 'required', message: 'name is required' }],
 * });
 */
export class ValidationError extends BadRequestError {
  declare readonly details: readonly ValidationIssue[];

  constructor(message?: string, options?: ValidationErrorOptions) {
    // The options are named one by one, not spread: a spread of a caller's object costs more than
    // the rest of the constructor (measured), and 400 has no status-specific fields to forward.
    super(message ?? LIBRARY_CODES.validation_error.message, {
      // Only a missing code is defaulted: a bad one (even `null`) is the base class's TypeError.
      code: options?.code === undefined ? 'validation_error' : options.code,
      details: options?.details ?? [],
      cause: options?.cause,
      headers: options?.headers,
      expose: options?.expose,
      captureStack: options?.captureStack,
    });
  }
}
nameClass(ValidationError, 'ValidationError');
