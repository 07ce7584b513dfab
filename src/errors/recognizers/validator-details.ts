import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, issue, type IssueCode } from './issues';
import { quotesValue, type QuoteRule } from './quoted-value';

export { MAX_DETAILS } from './issues';

// Shorter values would match common words of a message ("a", "to"): replacing a message for that
// costs readability and protects nothing a client did not already know. Nor are booleans looked
// for: "must be true" states the rule, whatever was sent.
const VALIDATOR_VALUES: QuoteRule = { minLength: 3, booleans: false };

/**
 * One detail whose message is the validator's own unless that quotes a submitted value (then
 * the code's default of {@link ISSUE_CODES}). `values` are read for the comparison only: the
 * validators carry the value next to the message (joi's `context.value`, yup's `params.value`,
 * class-validator's `value`), and an app's message template may interpolate it (`'${value} is taken'`).
 */
export function safeIssue(path: string, code: IssueCode, message: unknown, ...values: unknown[]): ValidationIssue {
  if (typeof message !== 'string') return issue(path, code);
  for (const value of values) if (quotesValue(message, value, VALIDATOR_VALUES)) return issue(path, code, ISSUE_CODES[code]);
  return issue(path, code, message);
}

/** `too_small` or `too_big` for an exact-length rule, from the value's length, else `invalid`. */
export function lengthCode(value: unknown, length: unknown): IssueCode {
  if (typeof length !== 'number') return 'invalid';
  const actual = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (actual === undefined) return 'invalid';
  return actual < length ? 'too_small' : 'too_big';
}

const PATH_TOKEN = /\[(\d+)\]|\[(["'])((?:(?!\2)[^\\]|\\.)*)\2\]|([^.[\]]+)/g;

/**
 * Splits a dotted field path as yup and express-validator write it (`items[0].name`,
 * `meta["first name"]`, `meta['first name']`) into segments, indices as numbers.
 */
export function splitFieldPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(PATH_TOKEN)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[3] !== undefined) segments.push(match[3].replace(/\\(.)/g, '$1'));
    else if (match[4] !== undefined) segments.push(match[4]);
  }
  return segments;
}
