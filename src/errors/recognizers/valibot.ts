import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, validationFailure, type FieldLocation, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { MAX_DEPTH, pathSegments, pushDetail, unanimous } from './schema-issue';

// valibot 1 issues (https://valibot.dev/guides/issues/): `kind` says whether a schema (the type),
// a validation action (a constraint) or a transformation failed, `type` names which one.
const SCHEMA_CODES: Readonly<Record<string, IssueCode>> = {
  picklist: 'invalid_value',
  literal: 'invalid_value',
  enum: 'invalid_value',
  variant: 'invalid_value',
  // `objectWithRest(..., v.never())` is valibot's way of forbidding unknown keys.
  never: 'unknown_field',
  custom: 'invalid',
};

const VALIDATION_CODES: Readonly<Record<string, IssueCode>> = {
  gt_value: 'too_small',
  lt_value: 'too_big',
  non_empty: 'too_small',
  empty: 'too_big',
  multiple_of: 'not_multiple_of',
  integer: 'invalid_type',
  safe_integer: 'invalid_type',
  finite: 'invalid_type',
  value: 'invalid_value',
  values: 'invalid_value',
  not_value: 'invalid_value',
  not_values: 'invalid_value',
  check: 'invalid',
  partial_check: 'invalid',
  raw_check: 'invalid',
  check_items: 'invalid',
  some_item: 'invalid',
  every_item: 'invalid',
};

// Exact sizes (`v.length(3)`): too short or too long depending on what was received.
const EXACT_SIZES = new Set(['length', 'size', 'bytes', 'graphemes', 'words', 'entries']);

/** True for an object with valibot's issue shape: a `kind`, a `type` and a `received` text. */
export function isValibotIssue(value: unknown): value is Bag {
  return (
    isBag(value) &&
    (value.kind === 'schema' || value.kind === 'validation' || value.kind === 'transformation') &&
    typeof value.type === 'string' &&
    typeof value.received === 'string'
  );
}

// A strict object's (or tuple's) extra entry: what valibot expected there is `never`. A missing
// key comes from the same schema, expecting the key's name.
function isUnknownKey(issue: Bag): boolean {
  return (issue.type === 'strict_object' || issue.type === 'strict_tuple') && issue.expected === 'never';
}

function schemaCode(issue: Bag, type: string, depth: number): IssueCode {
  // A missing key, or one sent as undefined: valibot prints the received value, `undefined`.
  if (issue.received === 'undefined') return 'required';
  if (isUnknownKey(issue)) return 'unknown_field';
  if (type === 'union') return unionCode(issue, depth);
  return Object.prototype.hasOwnProperty.call(SCHEMA_CODES, type) ? (SCHEMA_CODES[type] as IssueCode) : 'invalid_type';
}

function validationCode(issue: Bag, type: string): IssueCode {
  if (type.startsWith('min_')) return 'too_small';
  if (type.startsWith('max_')) return 'too_big';
  if (EXACT_SIZES.has(type)) return Number(issue.received) < Number(issue.requirement) ? 'too_small' : 'too_big';
  // Everything else valibot validates on a value is a format: email, uuid, url, regex, iso_*, ...
  return Object.prototype.hasOwnProperty.call(VALIDATION_CODES, type) ? (VALIDATION_CODES[type] as IssueCode) : 'invalid_format';
}

function codeOf(issue: Bag, depth: number): IssueCode {
  const type = issue.type as string;
  if (issue.kind === 'schema') return schemaCode(issue, type, depth);
  if (issue.kind === 'validation') return validationCode(issue, type);
  return 'invalid';
}

// A union failed every option: valibot keeps each option's issues in `issues` when the value had
// the right type for some of them (string | uuid-string), none when no option took its type.
function unionCode(issue: Bag, depth: number): IssueCode {
  const nested = issue.issues;
  if (!Array.isArray(nested) || nested.length === 0 || depth >= MAX_DEPTH) return 'invalid_type';
  const codes = (nested as unknown[]).map((sub) => (isValibotIssue(sub) ? codeOf(sub, depth + 1) : undefined));
  return unanimous(codes) ?? 'invalid';
}

// valibot's own messages end with the received value: `Invalid type: Expected string but received
// "hunter2"`, `Invalid email: Received "bad@"`. That tail is cut (a required or unknown key gets
// the default message: "Invalid key: Expected "email"" reads as a type error). A message that
// still contains the received text, the app's own built from `issue.received`, becomes the default.
function messageOf(issue: Bag, code: IssueCode): string {
  const message = issue.message;
  const received = issue.received as string;
  if (typeof message !== 'string' || !message.includes(received)) return typeof message === 'string' ? message : ISSUE_CODES[code];
  if (code === 'required' || code === 'unknown_field') return ISSUE_CODES[code];
  for (const marker of [' but received ', ': Received ']) {
    const tail = marker + received;
    if (message.endsWith(tail)) {
      const head = message.slice(0, message.length - tail.length);
      if (!head.includes(received)) return head;
    }
  }
  return ISSUE_CODES[code];
}

/** Appends the detail of one valibot issue to `out`, its path prefixed with `location` when known. */
export function valibotIssue(issue: unknown, location: FieldLocation | undefined, out: ValidationIssue[]): void {
  if (!isValibotIssue(issue)) return;
  const code = codeOf(issue, 0);
  pushDetail(out, location, pathSegments(issue.path), code, messageOf(issue, code));
}

/** The details of valibot issues (`ValiError#issues`, or a Standard Schema result of a valibot schema). */
export function valibotIssues(issues: readonly unknown[], location?: FieldLocation): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) valibotIssue(issue, location, out);
  return out;
}

/**
 * valibot's `ValiError`, thrown by `v.parse()`: a 400 `validation_error` with one detail per
 * failing field. Its issues carry the submitted value (`input`); details never do.
 */
export function recognizeValibot(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.name !== 'ValiError') return undefined;
  const issues = error.issues;
  if (!Array.isArray(issues) || issues.length === 0 || !issues.every(isValibotIssue)) return undefined;
  return validationFailure('valibot', valibotIssues(issues));
}
