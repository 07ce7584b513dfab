import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, issue, issuePath, type FieldLocation, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { MAX_DETAILS, lengthCode, safeIssue } from './validator-details';

// joi's error types (its `lib/types/*.js` message tables) by the kind of failure. A type not
// listed here is matched by its suffix below, then is `invalid`.
const JOI_TYPES: Readonly<Record<string, IssueCode>> = {
  'any.required': 'required',
  'string.empty': 'required',
  'any.only': 'invalid_value',
  'any.invalid': 'invalid_value',
  'symbol.map': 'invalid_value',
  'any.unknown': 'unknown_field',
  'object.unknown': 'unknown_field',
  'number.integer': 'invalid_type',
  'number.multiple': 'not_multiple_of',
  'number.greater': 'too_small',
  'number.positive': 'too_small',
  'date.greater': 'too_small',
  'number.less': 'too_big',
  'number.negative': 'too_big',
  'date.less': 'too_big',
  'array.orderedLength': 'too_big',
  'date.format': 'invalid_format',
  'string.isoDate': 'invalid_format',
};

const FORMAT_TYPE =
  /^string\.(alphanum|creditCard|dataUri|domain|email|guid|hex|hexAlign|hostname|ip|ipVersion|isoDuration|lowercase|normalize|token|trim|uppercase|uri|uriCustomScheme|uriRelativeOnly|pattern\..+)$/;

// Types whose default message quotes the value (`"code" with value "x1" fails to match...`), or
// an error an app's custom rule threw (`any.custom` appends its message, which may say anything).
const VALUE_QUOTING_TYPE = /^(string\.pattern\.|any\.custom$)/;

function codeOf(type: string, context: Bag): IssueCode {
  const known = Object.prototype.hasOwnProperty.call(JOI_TYPES, type) ? JOI_TYPES[type] : undefined;
  if (known !== undefined) return known;
  if (FORMAT_TYPE.test(type)) return 'invalid_format';
  if (type.endsWith('.base')) return 'invalid_type';
  if (type.endsWith('.min')) return 'too_small';
  if (type.endsWith('.max')) return 'too_big';
  if (type.endsWith('.length')) return lengthCode(context.value, context.limit);
  return 'invalid';
}

/** True for a joi `ValidationError` (`isJoi`, `details[]`). */
export function isJoiError(error: unknown): error is Bag & { details: unknown[] } {
  return isBag(error) && error.isJoi === true && Array.isArray(error.details);
}

/**
 * The details of joi's `details[]`, each path prefixed with the location when known. Each
 * message is joi's (it quotes labels, not values) except for the types that quote the value.
 */
export function joiIssues(details: readonly unknown[], location?: FieldLocation): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const raw of details.slice(0, MAX_DETAILS)) {
    const detail = isBag(raw) ? raw : {};
    const context = isBag(detail.context) ? detail.context : {};
    const type = typeof detail.type === 'string' ? detail.type : '';
    const path = issuePath(location, Array.isArray(detail.path) ? (detail.path as unknown[]) : []);
    const code = codeOf(type, context);
    issues.push(
      VALUE_QUOTING_TYPE.test(type) ? issue(path, code, ISSUE_CODES[code]) : safeIssue(path, code, detail.message, context.value),
    );
  }
  return issues;
}
