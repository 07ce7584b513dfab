import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, validationFailure, type FieldLocation, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { MAX_DEPTH, pathSegments, pushDetail, unanimous } from './schema-issue';

// arktype 2 error codes (https://arktype.io/docs/configuration#errors), one per constraint kind.
const ARK_CODES: Readonly<Record<string, IssueCode>> = {
  required: 'required',
  domain: 'invalid_type',
  proto: 'invalid_type',
  unit: 'invalid_value',
  min: 'too_small',
  minLength: 'too_small',
  after: 'too_small',
  max: 'too_big',
  maxLength: 'too_big',
  before: 'too_big',
  divisor: 'not_multiple_of',
  pattern: 'invalid_format',
};

// What arktype reports as `actual` when a union picked its branch by `typeof` and none matched:
// the type's description, not the value (arktype's `domainDescriptions`).
const TYPE_DESCRIPTIONS = new Set(['boolean', 'null', 'a bigint', 'a number', 'an object', 'a string', 'a symbol', 'a function']);

// Built-in keywords checked by a predicate rather than a pattern (string.url, string.json, ...).
const FORMAT_PREDICATES = new Set(['a URL string', 'a JSON string', 'a parsable date', 'a credit card number']);

// The `expected` of a union of literals that failed on its discriminant: `1, "a" or "b"`.
const LITERAL = String.raw`(?:"(?:[^"\\]|\\.)*"|-?\d[\d.e+-]*n?|true|false|null|undefined)`;
const LITERAL_LIST = new RegExp(`^${LITERAL}(?:(?:, | or )${LITERAL})*$`);

/** True for one of arktype's `ArkError`s: its ` arkKind` marker, a string `code` and a path. */
export function isArkIssue(value: unknown): value is Bag {
  return isBag(value) && value[' arkKind'] === 'error' && typeof value.code === 'string' && Array.isArray(value.path);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function predicateCode(expected: string, actual: string): IssueCode {
  // `'+': 'reject'` (or `.onUndeclaredKey('reject')`): a key that is not declared.
  if (expected === 'removed' && actual === '') return 'unknown_field';
  if (actual === 'undefined') return 'required';
  if (TYPE_DESCRIPTIONS.has(actual)) return 'invalid_type';
  if (FORMAT_PREDICATES.has(expected)) return 'invalid_format';
  if (LITERAL_LIST.test(expected)) return 'invalid_value';
  return 'invalid';
}

function codeOf(error: Bag, depth: number): IssueCode {
  const code = error.code as string;
  if (Object.prototype.hasOwnProperty.call(ARK_CODES, code)) return ARK_CODES[code] as IssueCode;
  if (code === 'exactLength') return Number(error.actual) < Number(error.rule) ? 'too_small' : 'too_big';
  if (code === 'predicate') return predicateCode(text(error.expected), text(error.actual));
  if (code === 'union' && depth < MAX_DEPTH && Array.isArray(error.errors)) {
    const codes = (error.errors as unknown[]).map((branch) => (isArkIssue(branch) ? codeOf(branch, depth + 1) : undefined));
    return unanimous(codes) ?? 'invalid';
  }
  return 'invalid';
}

// arktype's messages end with what was received: `must be a string (was number)`, `must be an email
// address (was "bad-SECRET")`. That tail is cut. Otherwise a message built the default way
// ("… must be <expected>" followed by a parser's own text, which may quote the input) stops after
// the expectation; an app's message (`configure({ message })`) is kept unless it quotes the value.
function messageOf(error: Bag, code: IssueCode): string {
  const message = text(error.message);
  const actual = text(error.actual);
  const was = ` (was ${actual})`;
  if (actual !== '' && message.endsWith(was)) return message.slice(0, message.length - was.length);
  const expected = text(error.expected);
  const expectation = `must be ${expected}`;
  const at = expected === '' ? -1 : message.indexOf(expectation);
  if (at >= 0) return message.slice(0, at + expectation.length);
  // `actual` prints a string in JSON quotes; an app's message would more likely hold it bare.
  const bare = actual.length > 2 && actual.startsWith('"') && actual.endsWith('"') ? actual.slice(1, -1) : actual;
  if (bare !== '' && message.includes(bare)) return ISSUE_CODES[code];
  return message;
}

function arkIssue(error: Bag, location: FieldLocation | undefined, out: ValidationIssue[], depth: number): void {
  // "age (151) must be... ◦ even ◦ at most 150": an intersection quotes the value before its list
  // of failed constraints; each of those is a detail of its own, as zod and valibot report them.
  if (error.code === 'intersection' && Array.isArray(error.errors) && depth < MAX_DEPTH) {
    for (const nested of error.errors as unknown[]) if (isArkIssue(nested)) arkIssue(nested, location, out, depth + 1);
    return;
  }
  const code = codeOf(error, 0);
  pushDetail(out, location, pathSegments(error.path), code, messageOf(error, code));
}

/** Appends the details of one arktype `ArkError` to `out`, its path prefixed with `location` when known. */
export function arktypeIssue(issue: unknown, location: FieldLocation | undefined, out: ValidationIssue[]): void {
  if (isArkIssue(issue)) arkIssue(issue, location, out, 0);
}

/** The details of arktype errors (`ArkErrors`, or a Standard Schema result of an arktype type). */
export function arktypeIssues(issues: readonly unknown[], location?: FieldLocation): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) arktypeIssue(issue, location, out);
  return out;
}

/**
 * arktype's `TraversalError`, thrown by `type.assert()`: a 400 `validation_error` with one detail
 * per failing constraint. Its message and its errors' `data` carry the submitted value; details never do.
 */
export function recognizeArktype(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.name !== 'TraversalError') return undefined;
  const errors = error.arkErrors;
  if (!Array.isArray(errors) || errors.length === 0 || !errors.every(isArkIssue)) return undefined;
  return validationFailure('arktype', arktypeIssues(errors));
}
