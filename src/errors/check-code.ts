import { CODE_PATTERN } from '../catalog';

/**
 * Throws a `TypeError` naming `code` unless it is a snake_case error code (`^[a-z][a-z0-9_]*$`).
 * An app's own code that silently became the status's default would hide a typo until a client
 * branched on the wrong code; so the constructors, `createError` and `defineErrorCodes` all refuse
 * it the same way. (Codes of foreign errors are checked by their recognizers before they get here.)
 */
export function assertErrorCode(code: unknown): asserts code is string {
  if (typeof code === 'string' && CODE_PATTERN.test(code)) return;
  const shown = typeof code === 'string' ? JSON.stringify(code) : `of type ${code === null ? 'null' : typeof code}`;
  throw new TypeError(`Error code ${shown} must match ${CODE_PATTERN}`);
}
