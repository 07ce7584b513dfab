import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, validationFailure, type FieldLocation, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { hasOwn, MAX_DEPTH, pathSegments, pushDetail, quotes, unanimous } from './schema-issue';

// zod 3 and zod 4 issue codes (https://zod.dev/ERROR_HANDLING, https://v3.zod.dev/ERROR_HANDLING)
// mapped so that the same failure gets the same code whichever major found it.
const ZOD_CODES: Readonly<Record<string, IssueCode>> = {
  invalid_type: 'invalid_type',
  // zod 3 reports an Invalid Date and ±Infinity apart; zod 4 calls both invalid_type.
  invalid_date: 'invalid_type',
  not_finite: 'invalid_type',
  too_small: 'too_small',
  too_big: 'too_big',
  not_multiple_of: 'not_multiple_of',
  invalid_string: 'invalid_format',
  invalid_format: 'invalid_format',
  invalid_value: 'invalid_value',
  invalid_enum_value: 'invalid_value',
  invalid_literal: 'invalid_value',
  invalid_union_discriminator: 'invalid_value',
  unrecognized_keys: 'unknown_field',
  custom: 'invalid',
};

/** True for an object with zod's issue shape: a string `code` and a `path` array. */
export function isZodIssue(value: unknown): value is Bag {
  return isBag(value) && typeof value.code === 'string' && Array.isArray(value.path);
}

// A missing field. zod 3 says so in `received`; zod 4 drops the input from its issues (unless
// parsed with `reportInput`), so its default message, "expected string, received undefined", is
// the signal left. A custom message (`z.string({ error: 'Name is required' })`) hides it: then
// the field reads as invalid_type.
function isMissing(issue: Bag, code: string): boolean {
  if (hasOwn(issue, 'received')) return code === 'invalid_type' ? issue.received === 'undefined' : issue.received === undefined;
  if (hasOwn(issue, 'input')) return issue.input === undefined;
  return code === 'invalid_type' && typeof issue.message === 'string' && issue.message.endsWith(' undefined');
}

function codeOf(issue: Bag, depth: number): IssueCode {
  const code = issue.code as string;
  if (code === 'invalid_union') return unionCode(issue, depth);
  if ((code === 'invalid_type' || code === 'invalid_literal' || code === 'invalid_value') && isMissing(issue, code)) return 'required';
  return Object.prototype.hasOwnProperty.call(ZOD_CODES, code) ? (ZOD_CODES[code] as IssueCode) : 'invalid';
}

// A union failed every branch: its code is the one every branch's first issue has at the union's
// own path (string | number given a boolean: invalid_type), else `invalid`. zod 4 nests issues
// with paths relative to the union (`errors`), zod 3 whole ZodErrors with absolute paths.
function unionCode(issue: Bag, depth: number): IssueCode {
  if (typeof issue.discriminator === 'string') return 'invalid_value';
  if (depth >= MAX_DEPTH) return 'invalid';
  const own = Array.isArray(issue.errors);
  const branches = own ? issue.errors : issue.unionErrors;
  if (!Array.isArray(branches) || branches.length === 0) return 'invalid';
  const depthOfPath = own ? 0 : (issue.path as unknown[]).length;
  const codes: (IssueCode | undefined)[] = [];
  for (const branch of branches as unknown[]) {
    const nested = own ? branch : isBag(branch) ? branch.issues : undefined;
    const first = Array.isArray(nested) ? (nested[0] as unknown) : undefined;
    codes.push(isZodIssue(first) && (first.path as unknown[]).length === depthOfPath ? codeOf(first, depth + 1) : undefined);
  }
  return unanimous(codes) ?? 'invalid';
}

// zod's messages name the expected type, the bound or the format, never the submitted value, with
// one exception: zod 3's enum message ends with "received 'admin-SECRET'". That tail is cut; any
// other message quoting the value (an input reported with `reportInput`) becomes the default.
function messageOf(issue: Bag, code: IssueCode): string | undefined {
  const message = issue.message;
  if (typeof message !== 'string') return undefined;
  const zod3Value = issue.code === 'invalid_enum_value' || issue.code === 'invalid_literal';
  if (zod3Value) {
    const tail = message.indexOf(", received '");
    if (tail > 0) return message.slice(0, tail);
  }
  const value = zod3Value ? issue.received : issue.input;
  if (quotes(message, value)) return ISSUE_CODES[code];
  return message;
}

// One issue already known to have zod's shape.
function appendZodIssue(issue: Bag, location: FieldLocation | undefined, out: ValidationIssue[]): void {
  const segments = pathSegments(issue.path);
  if (issue.code === 'unrecognized_keys') {
    // The message lists the keys that were sent; the path already names each one.
    if (!Array.isArray(issue.keys)) return;
    for (const key of issue.keys as unknown[]) pushDetail(out, location, [...segments, ...pathSegments([key])], 'unknown_field');
    return;
  }
  const code = codeOf(issue, 0);
  pushDetail(out, location, segments, code, messageOf(issue, code));
}

/**
 * Appends the details of one zod 3 or zod 4 issue to `out`: one per unknown key for
 * `unrecognized_keys`, else one, each path prefixed with `location` when it is known.
 */
export function zodIssue(issue: unknown, location: FieldLocation | undefined, out: ValidationIssue[]): void {
  if (isZodIssue(issue)) appendZodIssue(issue, location, out);
}

/** The details of zod issues (`ZodError#issues`, or a Standard Schema result of a zod schema). */
export function zodIssues(issues: readonly unknown[], location?: FieldLocation): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) zodIssue(issue, location, out);
  return out;
}

/**
 * zod's `ZodError` (zod 3 and 4; `$ZodError` from `zod/mini` and `zod/v4/core`), thrown by
 * `schema.parse()`: a 400 `validation_error` with one detail per failing field. The error's
 * `message` is never read: zod 4 builds it lazily by serialising every issue.
 */
export function recognizeZod(error: unknown): ApiError | undefined {
  if (!isBag(error) || (error.name !== 'ZodError' && error.name !== '$ZodError')) return undefined;
  const issues = error.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  // One pass: each issue's shape is checked as its details are built.
  const details: ValidationIssue[] = [];
  for (const issue of issues as unknown[]) {
    if (!isZodIssue(issue)) return undefined;
    appendZodIssue(issue, undefined, details);
  }
  return validationFailure('zod', details);
}
