import type { ValidationIssue } from '../validation-error';
import { MAX_DETAILS, issue, issuePath, type FieldLocation, type IssueCode } from './issues';
import { quotesValue, type QuoteRule } from './quoted-value';
import { isBag } from './recognizer';

// Nested unions and intersections are followed this deep, no further: a schema is finite, a
// hand-built error need not be.
export const MAX_DEPTH = 8;

// Segments read per path: deeper than any schema, shorter than a hostile path.
const MAX_PATH = 32;

const isPlainSegment = (segment: unknown): boolean => typeof segment === 'string' || typeof segment === 'number';

/**
 * A schema validator's path as `issuePath` reads it: strings, integers and symbols as they are, a
 * `{ key }` segment (valibot, Standard Schema) as its key. Anything else (a Map key that is an
 * object) becomes `?`: its `String()` could throw or spell out a submitted value.
 */
export function pathSegments(path: unknown): readonly (string | number)[] {
  if (!Array.isArray(path)) return [];
  // The usual path, keys and indices only, is read as it is: no copy per issue.
  if (path.length <= MAX_PATH && (path as unknown[]).every(isPlainSegment)) return path as (string | number)[];
  const segments: (string | number)[] = [];
  for (const raw of path as unknown[]) {
    const key = isBag(raw) && !Array.isArray(raw) ? raw.key : raw;
    if (typeof key === 'string' || typeof key === 'number') segments.push(key);
    else if (typeof key === 'symbol') segments.push(key.description ?? 'Symbol()');
    else segments.push('?');
    if (segments.length === MAX_PATH) break;
  }
  return segments;
}

/** Appends one detail unless the list is full. */
export function pushDetail(
  out: ValidationIssue[],
  location: FieldLocation | undefined,
  segments: readonly unknown[],
  code: IssueCode,
  message?: unknown,
): void {
  if (out.length < MAX_DETAILS) out.push(issue(issuePath(location, segments), code, message));
}

// Schema validators' messages are short and carry the value only on request (zod's
// `reportInput`, an app's own message): any non-empty primitive found in one is a leak.
const SCHEMA_VALUES: QuoteRule = { minLength: 1, booleans: true };

/** True when a schema validator's `message` spells out `value`, a submitted primitive. */
export function quotes(message: string, value: unknown): boolean {
  return quotesValue(message, value, SCHEMA_VALUES);
}

/** The one code every entry has, else `undefined` (also for an empty list). */
export function unanimous(codes: readonly (IssueCode | undefined)[]): IssueCode | undefined {
  const first = codes[0];
  for (const code of codes) if (code !== first) return undefined;
  return first;
}

/** True for an own property: `'input' in issue` would also see one inherited from a prototype. */
export function hasOwn(bag: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(bag, key);
}
