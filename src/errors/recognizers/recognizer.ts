import type { ApiError } from '../api-error';

/**
 * Turns one kind of foreign error into an `ApiError`, or returns `undefined` for anything it does
 * not know, so the next recognizer is tried. A recognizer reads the error's shape only: it never
 * imports the library that threw it. One that throws is skipped, as if it had returned `undefined`.
 *
 * @example
 * const recognizeOrderError: ErrorRecognizer = (error) =>
 *   error instanceof OutOfStockError ? new ConflictError(error.message, { code: 'out_of_stock' }) : undefined;
 * app.use(errorHandler({ recognizers: [recognizeOrderError] }));
 */
export type ErrorRecognizer = (error: unknown) => ApiError | undefined;

/** A thrown value seen as a bag of properties, for shape checks. */
export type Bag = Record<string, unknown>;

/** True for a non-null object (or array): something whose properties can be read. */
export function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null;
}

/** An integer `value`, else `undefined`. */
export function integerOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
