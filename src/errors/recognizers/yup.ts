import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, issue, issuePath, validationFailure, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { MAX_DETAILS, lengthCode, safeIssue, splitFieldPath } from './validator-details';

// yup's error `type`s (the names of its tests) by the kind of failure. A Map, not an object:
// a `type` such as `toString` finds nothing.
const YUP_TYPES: ReadonlyMap<unknown, IssueCode> = new Map<unknown, IssueCode>(
  Object.entries({
    required: 'required',
    optionality: 'required',
    nullable: 'required',
    defined: 'required',
    typeError: 'invalid_type',
    integer: 'invalid_type',
    min: 'too_small',
    max: 'too_big',
    email: 'invalid_format',
    url: 'invalid_format',
    uuid: 'invalid_format',
    matches: 'invalid_format',
    datetime: 'invalid_format',
    datetime_offset: 'invalid_format',
    datetime_precision: 'invalid_format',
    string_case: 'invalid_format',
    trim: 'invalid_format',
    oneOf: 'invalid_value',
    notOneOf: 'invalid_value',
    'is-value': 'invalid_value',
  } satisfies Record<string, IssueCode>),
);

// Unknown keys are reported once per object, listed in a param (`noUnknown`: `unknown`,
// `exact`: `properties`): each becomes a detail of its own.
const UNKNOWN_KEY_PARAMS: ReadonlyMap<unknown, string> = new Map([
  ['noUnknown', 'unknown'],
  ['exact', 'properties'],
]);

const DEFAULT_TYPE_ERROR = /value was: `|for value: `/;

function issuesOf(failure: Bag): ValidationIssue[] {
  const type = failure.type;
  const params = isBag(failure.params) ? failure.params : {};
  const segments = typeof failure.path === 'string' ? splitFieldPath(failure.path) : [];
  const path = issuePath(undefined, segments);
  const listParam = UNKNOWN_KEY_PARAMS.get(type);
  if (listParam !== undefined && typeof params[listParam] === 'string') {
    return params[listParam].split(', ').map((key) => issue(issuePath(undefined, [...segments, key]), 'unknown_field'));
  }
  const code = YUP_TYPES.get(type) ?? (type === 'length' ? lengthCode(failure.value, params.length) : 'invalid');
  // yup's default `typeError` messages print the value ("but the final value was: `"abc"`",
  // "for value: `[...]`"); an app's own (`.typeError('Age must be a number')`) is kept.
  if (type === 'typeError' && (typeof failure.message !== 'string' || DEFAULT_TYPE_ERROR.test(failure.message))) {
    return [
      issue(path, code, typeof params.type === 'string' && /^[a-z]+$/.test(params.type) ? `Must be a ${params.type}.` : ISSUE_CODES[code]),
    ];
  }
  return [safeIssue(path, code, failure.message, failure.value, params.originalValue)];
}

/**
 * yup's `ValidationError`: with `{ abortEarly: false }` one detail per entry of `inner`, else
 * the one failure it reports. Each failure's `value` and `params.originalValue` hold what was
 * sent: they are compared with its message, never kept.
 */
export function recognizeYup(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.name !== 'ValidationError' || !Array.isArray(error.inner) || !Array.isArray(error.errors)) return undefined;
  const failures = error.inner.length > 0 ? error.inner : [error];
  const details: ValidationIssue[] = [];
  // Bounded work; `validationFailure` keeps the first MAX_DETAILS of what they give.
  for (const failure of failures.slice(0, MAX_DETAILS)) if (isBag(failure)) details.push(...issuesOf(failure));
  return validationFailure('yup', details);
}
