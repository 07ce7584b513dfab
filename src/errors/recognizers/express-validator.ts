import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, issuePath, validationFailure, type FieldLocation, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { MAX_DETAILS, safeIssue, splitFieldPath } from './validator-details';

const LOCATIONS: ReadonlySet<string> = new Set<FieldLocation>(['body', 'query', 'params', 'headers', 'cookies']);

// The group message of `checkExact()`; each unknown field gets the per-field message instead.
const UNKNOWN_FIELDS_MESSAGE = 'Unknown field(s)';

function pathOf(error: Bag): string {
  const location = typeof error.location === 'string' && LOCATIONS.has(error.location) ? (error.location as FieldLocation) : undefined;
  return issuePath(location, typeof error.path === 'string' ? splitFieldPath(error.path) : []);
}

// express-validator says which validator failed only in its message ('Invalid value' unless
// `withMessage`): a field that was not sent at all is `required`, anything else `invalid`.
function fieldIssue(error: Bag): ValidationIssue {
  const code: IssueCode = error.value === undefined || error.value === null ? 'required' : 'invalid';
  return safeIssue(pathOf(error), code, error.msg, error.value);
}

// Alternatives of a `oneOf()` often check the same field twice: it is reported once.
function push(details: ValidationIssue[], detail: ValidationIssue): void {
  if (!details.some((seen) => seen.path === detail.path && seen.message === detail.message)) details.push(detail);
}

function collect(errors: readonly unknown[], details: ValidationIssue[], depth: number): void {
  for (const error of errors) {
    if (details.length >= MAX_DETAILS) return;
    if (Array.isArray(error)) {
      // `oneOf(..., { errorType: 'grouped' })` nests one array per alternative.
      if (depth < 3) collect(error, details, depth + 1);
      continue;
    }
    if (!isBag(error)) continue;
    if (error.type === 'field') push(details, fieldIssue(error));
    else if (error.type === 'unknown_fields' && Array.isArray(error.fields)) {
      // Its default ("Unknown field(s)") speaks of several: each field's detail gets ours. A message
      // that is not a string is defaulted by safeIssue().
      const message = error.msg === UNKNOWN_FIELDS_MESSAGE ? ISSUE_CODES.unknown_field : error.msg;
      for (const field of error.fields) if (isBag(field)) push(details, safeIssue(pathOf(field), 'unknown_field', message, field.value));
    } else if ((error.type === 'alternative' || error.type === 'alternative_grouped') && Array.isArray(error.nestedErrors) && depth < 3) {
      // `oneOf()` failed: every alternative's failing fields, since fixing any one group passes.
      collect(error.nestedErrors, details, depth + 1);
    }
  }
}

/**
 * What express-validator 7's `validationResult(req).throw()` throws: an Error carrying the
 * Result (`array()`, `mapped()`, `isEmpty()`, `errors`). One detail per field error, paths
 * prefixed with the location (`body.email`, `query.page`); `checkExact()` unknown fields are
 * `unknown_field`; a failed `oneOf()` lists its alternatives' fields. The raw `errors` are read,
 * not `array()`, whose formatter the app may have replaced; their `value`s are never kept.
 */
export function recognizeExpressValidator(error: unknown): ApiError | undefined {
  if (!isBag(error) || typeof error.mapped !== 'function' || typeof error.isEmpty !== 'function' || !Array.isArray(error.errors))
    return undefined;
  const details: ValidationIssue[] = [];
  collect(error.errors, details, 0);
  return validationFailure('express-validator', details);
}
