import type { ErrorStatus } from '../../catalog';
import { LIBRARY_CODES } from '../../catalog/codes';
import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import type { ValidationIssue } from '../validation-error';
import { issue, issuePath, validationFailure, type FieldLocation, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';

interface MulterRule {
  readonly status: ErrorStatus;
  readonly code: string;
  readonly message: string;
  /** The detail naming the field, when multer names one. */
  readonly detail?: { readonly location: FieldLocation; readonly code: IssueCode; readonly message: string };
  /** A 400 `validation_error` (the field's name breaks a rule) rather than `code`. */
  readonly validation?: boolean;
}

// Each MulterError code (multer 2 lib/multer-error.js). A limit on the size of the content, or of
// a part of it, is 413 Content Too Large (RFC 9110 §15.5.14): the server refuses to read that much.
// A body whose structure is wrong is 400 (RFC 9110 §15.5.1). A field count is the multipart twin
// of urlencoded's parameter limit, so it answers the same code as body-parser's.
const MULTER_RULES: Readonly<Record<string, MulterRule>> = {
  LIMIT_FILE_SIZE: {
    status: 413,
    code: 'file_too_large',
    message: LIBRARY_CODES.file_too_large.message,
    detail: { location: 'files', code: 'too_big', message: 'This file is too large.' },
  },
  LIMIT_FILE_COUNT: { status: 413, code: 'too_many_files', message: 'Too many files were uploaded.' },
  LIMIT_PART_COUNT: { status: 413, code: 'too_many_files', message: 'The multipart body has too many parts.' },
  LIMIT_FIELD_COUNT: { status: 413, code: 'too_many_parameters', message: 'The form has too many fields.' },
  LIMIT_FIELD_KEY: { status: 413, code: 'content_too_large', message: 'A form field name is too long.' },
  LIMIT_FIELD_VALUE: {
    status: 413,
    code: 'content_too_large',
    message: 'A form field value is too long.',
    detail: { location: 'body', code: 'too_big', message: 'This value is too long.' },
  },
  LIMIT_UNEXPECTED_FILE: {
    status: 400,
    code: 'unexpected_file',
    message: LIBRARY_CODES.unexpected_file.message,
    // multer raises it for a field that takes no file and for one file too many in a field.
    detail: { location: 'files', code: 'unknown_field', message: 'This field accepts no file, or fewer files.' },
  },
  MISSING_FIELD_NAME: { status: 400, code: 'malformed_multipart', message: 'A part of the multipart body has no field name.' },
  STREAM_DESTROYED: { status: 400, code: 'malformed_multipart', message: LIBRARY_CODES.malformed_multipart.message },
  LIMIT_FIELD_NESTING: {
    status: 400,
    code: 'validation_error',
    message: LIBRARY_CODES.validation_error.message,
    validation: true,
    detail: { location: 'body', code: 'too_big', message: 'This field name is nested too deeply.' },
  },
  LIMIT_FIELD_ARRAY_INDEX: {
    status: 400,
    code: 'validation_error',
    message: LIBRARY_CODES.validation_error.message,
    validation: true,
    detail: { location: 'body', code: 'too_big', message: 'This field name has too large an array index.' },
  },
  INVALID_FIELD_NAME: {
    status: 400,
    code: 'validation_error',
    message: LIBRARY_CODES.validation_error.message,
    validation: true,
    detail: { location: 'body', code: 'invalid_format', message: 'This field name cannot be read.' },
  },
};

// A code multer adds later is still the client's doing: every MulterError describes the request.
const UNKNOWN_RULE: MulterRule = { status: 400, code: 'bad_request', message: 'The multipart request was rejected.' };

// busboy's errors are plain Errors; multer passes them on as they are. These are its messages for
// a multipart body that cannot be parsed (busboy 1.6 lib/types/multipart.js, lib/index.js).
const BUSBOY_MALFORMED = new Set([
  'Unexpected end of form',
  'Unexpected end of file',
  'Malformed part header',
  'Multipart: Boundary not found',
  'Malformed content type',
]);

// multer's own errors for a client that went away; it hangs `storageErrors` on every error it
// aborts an upload with, which tells them from any other Error with the same words.
const MULTER_ABORTED = new Set(['Request aborted', 'Request closed']);

function multerError(error: Bag): ApiError {
  const code = error.code as string;
  const rule = Object.prototype.hasOwnProperty.call(MULTER_RULES, code) ? (MULTER_RULES[code] ?? UNKNOWN_RULE) : UNKNOWN_RULE;
  const field = typeof error.field === 'string' && error.field !== '' ? error.field : undefined;
  const details: ValidationIssue[] | undefined =
    rule.detail !== undefined && field !== undefined
      ? [issue(issuePath(rule.detail.location, [field]), rule.detail.code, rule.detail.message)]
      : undefined;
  if (rule.validation === true) return validationFailure('multer', details ?? []);
  // The client's file name (`filename`) is a submitted value: it is not logged.
  const cause = { source: 'multer', code: code.slice(0, 64), field: field?.slice(0, 128), storageErrors: storageErrorCount(error) };
  return createError(rule.status, rule.message, { code: rule.code, details, cause, captureStack: false });
}

function storageErrorCount(error: Bag): number | undefined {
  return Array.isArray(error.storageErrors) && error.storageErrors.length > 0 ? error.storageErrors.length : undefined;
}

/**
 * multer's upload failures: a `MulterError` by its `code` (413 `file_too_large`, `too_many_files`,
 * 400 `unexpected_file`, ...; `details` names the field as `files.<field>`), and busboy's errors
 * for an unparseable multipart body (400 `malformed_multipart`).
 */
export function recognizeMulter(error: unknown): ApiError | undefined {
  if (!isBag(error)) return undefined;
  if (error.name === 'MulterError') return typeof error.code === 'string' ? multerError(error) : undefined;
  // busboy's and multer's plain Errors, known by their fixed messages (the sets hold strings only).
  if (error.name !== 'Error' || !(error instanceof Error)) return undefined;
  if (BUSBOY_MALFORMED.has(error.message)) {
    return createError(400, LIBRARY_CODES.malformed_multipart.message, {
      code: 'malformed_multipart',
      cause: { source: 'busboy', message: error.message, storageErrors: storageErrorCount(error) },
      captureStack: false,
    });
  }
  if (MULTER_ABORTED.has(error.message) && Array.isArray(error.storageErrors)) {
    return createError(400, LIBRARY_CODES.request_aborted.message, {
      code: 'request_aborted',
      cause: { source: 'multer', message: error.message, storageErrors: storageErrorCount(error) },
      captureStack: false,
    });
  }
  return undefined;
}
