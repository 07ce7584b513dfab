import { LIBRARY_CODES } from '../../catalog/codes';
import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import { issue, issuePath, splitPath } from './issues';

const MAX_FIELDS = 16;

/** The distinct non-empty string field names in `names`, at most 16. */
export function fieldNames(names: readonly unknown[]): string[] {
  const fields = names.filter((name): name is string => typeof name === 'string' && name !== '');
  return [...new Set(fields)].slice(0, MAX_FIELDS);
}

/**
 * 409 `already_exists` for a unique violation, with one `not_unique` detail per field when the
 * database named its fields. The cause says where (never the value, which the database's own
 * message and detail quote: they are not passed in).
 */
export function alreadyExists(fields: readonly string[], cause: Record<string, unknown>): ApiError {
  const details = fields.length === 0 ? undefined : fields.map((field) => issue(issuePath(undefined, splitPath(field)), 'not_unique'));
  return createError(409, LIBRARY_CODES.already_exists.message, {
    code: 'already_exists',
    details,
    cause: { ...cause, fields: fields.length === 0 ? undefined : fields },
    captureStack: false,
  });
}

/** A string for the log, bounded; anything else is left out. */
export function logText(value: unknown, max = 128): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}
