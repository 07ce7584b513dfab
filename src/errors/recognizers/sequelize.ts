import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, issue, issuePath, splitPath, validationFailure, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { alreadyExists, fieldNames, logText } from './unique-violation';

// Sequelize 6 ValidationErrorItem `validatorKey`s (validator.js names and Sequelize's own).
const VALIDATOR_CODES: Readonly<Record<string, IssueCode>> = {
  notEmpty: 'required',
  min: 'too_small',
  max: 'too_big',
  isIn: 'invalid_value',
  notIn: 'invalid_value',
  not_unique: 'not_unique',
  isInt: 'invalid_type',
  isFloat: 'invalid_type',
  isNumeric: 'invalid_type',
  isDecimal: 'invalid_type',
  isBoolean: 'invalid_type',
  is: 'invalid_format',
  not: 'invalid_format',
  matches: 'invalid_format',
};

function lengthCode(item: Bag): IssueCode {
  // `len: [min, max]`: the value's length (read, never kept) tells which bound it broke.
  const args = Array.isArray(item.validatorArgs) ? item.validatorArgs : [];
  const min = typeof args[0] === 'number' ? args[0] : undefined;
  if (typeof item.value !== 'string') return 'invalid';
  return min !== undefined && item.value.length < min ? 'too_small' : 'too_big';
}

function codeOf(item: Bag): IssueCode {
  if (item.type === 'notNull Violation') return 'required';
  if (item.type === 'string violation') return 'invalid_type';
  if (item.type === 'unique violation') return 'not_unique';
  // Only built-in validators have a `validatorName`; a custom one keyed `isNotRoot` is the app's.
  if (typeof item.validatorName !== 'string') return 'invalid';
  const key = typeof item.validatorKey === 'string' ? item.validatorKey : '';
  if (key === 'len') return lengthCode(item);
  if (Object.prototype.hasOwnProperty.call(VALIDATOR_CODES, key)) return VALIDATOR_CODES[key] ?? 'invalid';
  // validator.js format checks: isEmail, isUrl, isUUID, isDate, isAlpha...
  return /^is[A-Z]/.test(key) ? 'invalid_format' : 'invalid';
}

// Sequelize's own messages name the attribute, not the value; a custom validator's message is the
// app's and may quote it, so one that contains the value is replaced.
function messageOf(item: Bag, code: IssueCode): string {
  const message = typeof item.message === 'string' ? item.message : '';
  const value = item.value;
  const primitive = value === null || value === undefined || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- `primitive` holds there: value is a primitive
  const quotes = !primitive || (value !== null && value !== undefined && message.includes(String(value)));
  return message === '' || quotes ? ISSUE_CODES[code] : message;
}

function validationIssues(items: readonly unknown[]): ValidationIssue[] {
  return items.filter(isBag).map((item) => {
    const code = codeOf(item);
    const path = typeof item.path === 'string' ? item.path : '';
    return issue(issuePath(undefined, splitPath(path)), code, messageOf(item, code));
  });
}

function uniqueFieldsOf(error: Bag): string[] {
  const items = Array.isArray(error.errors) ? error.errors.filter(isBag).map((item) => item.path) : [];
  if (items.length > 0) return fieldNames(items);
  // `fields` maps each field to its submitted value (an array on some dialects): keys only.
  const fields = error.fields;
  if (Array.isArray(fields)) return fieldNames(fields);
  return isBag(fields) ? fieldNames(Object.keys(fields)) : [];
}

/**
 * Sequelize's `UniqueConstraintError` (409 `already_exists` naming the fields) and
 * `ValidationError` (400 `validation_error`, one detail per attribute, values never kept).
 * Opt-in: see `databaseRecognizers`.
 */
export function recognizeSequelize(error: unknown): ApiError | undefined {
  if (!isBag(error)) return undefined;
  if (error.name === 'SequelizeUniqueConstraintError') {
    const parent = isBag(error.parent) ? error.parent : {};
    return alreadyExists(uniqueFieldsOf(error), {
      source: 'sequelize',
      table: logText(parent.table),
      constraint: logText(parent.constraint),
    });
  }
  if (error.name === 'SequelizeValidationError' && Array.isArray(error.errors)) {
    return validationFailure('sequelize', validationIssues(error.errors));
  }
  return undefined;
}
