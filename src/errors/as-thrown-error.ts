import type { ApiError } from './api-error';
import { createError } from './create-error';

/**
 * What to pass to `next()` for a caught value: the value itself, or a 500 carrying it when it is
 * falsy. Express reads `next(undefined)` (or `null`, `0`, `''`) as "carry on", so a guard whose
 * check threw `undefined` would otherwise let the request through unchecked.
 */
export function asThrownError<T>(value: T): T | ApiError<500> {
  return value ? value : createError(500, undefined, { cause: value, captureStack: false });
}
