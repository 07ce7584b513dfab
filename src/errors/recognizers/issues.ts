import { ValidationError, type ValidationIssue } from '../validation-error';

/**
 * The codes of validation details, one per kind of failure whichever library found it, each
 * with the message used when the library's own would quote the submitted value.
 */
export const ISSUE_CODES = {
  required: 'This field is required.',
  invalid_type: 'This field has the wrong type.',
  too_small: 'This value is too small or too short.',
  too_big: 'This value is too big or too long.',
  invalid_format: 'This value is not in the expected format.',
  invalid_value: 'This value is not one of the allowed values.',
  not_multiple_of: 'This number is not a multiple of the required step.',
  unknown_field: 'This field is not allowed.',
  not_unique: 'This value is already taken.',
  invalid: 'This value is invalid.',
} as const;

/**
 * At most this many details per failure: a body with ten thousand unknown keys must not answer
 * with ten thousand details (recognizers stop building them there too).
 */
export const MAX_DETAILS = 100;

/** A code of {@link ISSUE_CODES}. */
export type IssueCode = keyof typeof ISSUE_CODES;

/** Where a field was sent: the part of the request a validator read. */
export type FieldLocation = 'body' | 'query' | 'params' | 'headers' | 'cookies' | 'files';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const MAX_SEGMENTS = 32;
const MAX_KEY = 128;

/**
 * A field's path as details name it: the location first, then keys joined with `.` and array
 * indices in brackets: `body.items[0].name`, `query.page`. A key that is not an identifier is
 * quoted (`body["first name"]`), so a path always reads back unambiguously.
 */
export function issuePath(location: string | undefined, segments: readonly unknown[]): string {
  let path = location ?? '';
  // Indexed, not `segments.slice(...)`: no copy per detail.
  const count = Math.min(segments.length, MAX_SEGMENTS);
  for (let index = 0; index < count; index++) {
    const item = segments[index];
    // A `{ key }` segment (valibot, Standard Schema) is its key: an array index stays an index.
    const segment = typeof item === 'object' && item !== null && 'key' in item ? item.key : item;
    if (Number.isInteger(segment)) {
      path += `[${segment as number}]`;
      continue;
    }
    const key = String(segment).slice(0, MAX_KEY);
    if (IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

/** Splits `a.b[0].c` or `/a/b/0/c` (JSON Pointer, RFC 6901) into segments, numbers as numbers. */
export function splitPath(path: string): (string | number)[] {
  if (path === '') return [];
  const parts = path.startsWith('/')
    ? path
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    : path
        .replace(/\[(\d+)\]/g, '.$1')
        .replace(/^\./, '')
        .split('.');
  return parts.map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

/** One detail; a message that is not a non-empty string becomes the code's default message. */
export function issue(path: string, code: IssueCode, message?: unknown): ValidationIssue {
  return {
    path,
    code,
    message: typeof message === 'string' && message.trim() !== '' ? message.slice(0, 512) : ISSUE_CODES[code],
  };
}

/**
 * The 400 `validation_error` for a foreign validator's failure. Its cause only names the
 * validator: a library's own error object carries the values that were sent (joi's
 * `context.value`, yup's `value`), and the cause is logged. What failed is in `details`, which
 * the log line has already (a copy in the cause would serialise them twice per line).
 */
export function validationFailure(source: string, details: readonly ValidationIssue[], message?: string): ValidationError {
  return new ValidationError(message, { details: details.slice(0, MAX_DETAILS), cause: { source }, captureStack: false });
}
