import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, issue, issuePath, splitPath, validationFailure, type IssueCode } from './issues';
import { integerOf, isBag, type Bag } from './recognizer';
import { alreadyExists, fieldNames } from './unique-violation';

// A ValidatorError's `kind`; mongoose-unique-validator adds `unique`.
const VALIDATOR_CODES: Readonly<Record<string, IssueCode>> = {
  required: 'required',
  minlength: 'too_small',
  min: 'too_small',
  maxlength: 'too_big',
  max: 'too_big',
  enum: 'invalid_value',
  regexp: 'invalid_format',
  unique: 'not_unique',
};

// A CastError's `kind` is the schema type; these are strings of a format, the others a type.
const FORMAT_KINDS = new Set(['ObjectId', 'UUID', 'Date', 'Decimal128']);
const MAX_ENUM_LISTED = 20;

// Mongoose shortens a long value it quotes (its first 30 characters, then `...`): a message is
// searched for the value's start, not the whole of it.
const QUOTED_PREFIX = 16;

/** True when `message` would show what was sent: mongoose's default messages quote the value. */
function quotesValue(message: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') return true;
  return message.includes(String(value).slice(0, QUOTED_PREFIX));
}

function bound(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.toISOString();
  return undefined;
}

// A message from the constraint (the schema's, not the request's), for when mongoose's quotes the value.
function constraintMessage(kind: string, properties: Bag): string | undefined {
  switch (kind) {
    case 'minlength':
      return bound(properties.minlength) === undefined ? undefined : `Must be at least ${bound(properties.minlength)} characters.`;
    case 'maxlength':
      return bound(properties.maxlength) === undefined ? undefined : `Must be at most ${bound(properties.maxlength)} characters.`;
    case 'min':
      return bound(properties.min) === undefined ? undefined : `Must be at least ${bound(properties.min)}.`;
    case 'max':
      return bound(properties.max) === undefined ? undefined : `Must be at most ${bound(properties.max)}.`;
    case 'enum': {
      const values = properties.enumValues;
      if (!Array.isArray(values) || values.length === 0 || values.length > MAX_ENUM_LISTED) return undefined;
      // issue() cuts every message to 512 characters.
      return `Must be one of: ${values.map(String).join(', ')}.`;
    }
    default:
      return undefined;
  }
}

function castIssue(path: string, error: Bag): ValidationIssue {
  const kind = typeof error.kind === 'string' ? error.kind : '';
  const code: IssueCode = FORMAT_KINDS.has(kind) ? 'invalid_format' : 'invalid_type';
  // A CastError's message always quotes the value (util.inspect'ed, so not even findable in it).
  const message = /^[A-Za-z][A-Za-z0-9]{0,31}$/.test(kind) ? `Must be a valid ${kind}.` : ISSUE_CODES[code];
  return issue(issuePath(undefined, splitPath(path)), code, message);
}

function validatorIssue(path: string, error: Bag): ValidationIssue {
  const kind = typeof error.kind === 'string' ? error.kind : '';
  const code = Object.prototype.hasOwnProperty.call(VALIDATOR_CODES, kind) ? (VALIDATOR_CODES[kind] ?? 'invalid') : 'invalid';
  const message = typeof error.message === 'string' ? error.message : '';
  const properties = isBag(error.properties) ? error.properties : {};
  const safe = message !== '' && !quotesValue(message, error.value ?? properties.value);
  return issue(issuePath(undefined, splitPath(path)), code, safe ? message : (constraintMessage(kind, properties) ?? ISSUE_CODES[code]));
}

// Mongoose keys its `errors` by the full path (`items.0.name`); the error's own `path` is relative
// to its subdocument, so the key is the one that names the field.
function validationIssues(errors: Bag): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [path, error] of Object.entries(errors)) {
    if (!isBag(error)) continue;
    if (error.name === 'CastError') issues.push(castIssue(path, error));
    else if (error.name === 'ValidatorError') issues.push(validatorIssue(path, error));
  }
  return issues;
}

function isMongooseValidation(error: Bag): boolean {
  const errors = error.errors;
  if (!isBag(errors) || Array.isArray(errors)) return false;
  return Object.values(errors).some((entry) => isBag(entry) && (entry.name === 'ValidatorError' || entry.name === 'CastError'));
}

const DUPLICATE_KEY_ERRORS = new Set(['MongoServerError', 'MongoBulkWriteError', 'MongoError']);

/**
 * Mongoose and MongoDB failures that the request caused: a `ValidationError` (400
 * `validation_error`, one detail per path, messages that never quote the value), a `CastError`
 * (`findById('not-an-id')`: 400 naming the path), and a duplicate key (code 11000: 409
 * `already_exists` naming the fields of the index, never their values). Opt-in: see `databaseRecognizers`.
 */
export function recognizeMongoose(error: unknown): ApiError | undefined {
  if (!isBag(error) || typeof error.name !== 'string') return undefined;
  if (error.name === 'ValidationError') {
    return isMongooseValidation(error) ? validationFailure('mongoose', validationIssues(error.errors as Bag)) : undefined;
  }
  if (error.name === 'CastError') {
    if (typeof error.path !== 'string' || typeof error.kind !== 'string' || !('stringValue' in error)) return undefined;
    return validationFailure('mongoose', [castIssue(error.path, error)]);
  }
  const code = integerOf(error.code);
  if (DUPLICATE_KEY_ERRORS.has(error.name) && (code === 11000 || code === 11001)) {
    // `keyValue` holds the submitted values: only the keys of the index are read.
    const index = isBag(error.keyPattern) ? error.keyPattern : isBag(error.keyValue) ? error.keyValue : {};
    return alreadyExists(fieldNames(Object.keys(index)), { source: 'mongodb', code });
  }
  return undefined;
}
