import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { ISSUE_CODES, validationFailure, type FieldLocation } from './issues';
import { arktypeIssue, isArkIssue } from './arktype';
import { isBag, type Bag } from './recognizer';
import { pathSegments, pushDetail } from './schema-issue';
import { isValibotIssue, valibotIssue } from './valibot';
import { isZodIssue, zodIssue } from './zod';

type IssueMapper = (issue: unknown, location: FieldLocation | undefined, out: ValidationIssue[]) => void;

// The vendors whose issues are mapped field by field, by their `~standard.vendor` name.
const VENDORS: Readonly<Record<string, IssueMapper>> = { zod: zodIssue, valibot: valibotIssue, arktype: arktypeIssue };

// An unknown vendor's message is kept only when it does not look like it quotes what was sent
// (quotes, or "received"/"actual"/"was"/"got" before the value, as validators phrase it).
const QUOTING = /["'`\u2018\u2019\u201C\u201D]|\b(?:received|actual|was|got)\b/i;

function otherIssue(issue: unknown, location: FieldLocation | undefined, out: ValidationIssue[]): void {
  if (!isBag(issue)) return;
  const message = typeof issue.message === 'string' && !QUOTING.test(issue.message) ? issue.message : ISSUE_CODES.invalid;
  pushDetail(out, location, pathSegments(issue.path), 'invalid', message);
}

// Which vendor made an issue, from its shape, when the schema did not say.
function vendorOf(issue: unknown): string | undefined {
  if (isArkIssue(issue)) return 'arktype';
  if (isValibotIssue(issue)) return 'valibot';
  if (isZodIssue(issue)) return 'zod';
  return undefined;
}

function mapperFor(vendor: string | undefined, first: unknown): IssueMapper {
  const named = vendor !== undefined && Object.prototype.hasOwnProperty.call(VENDORS, vendor) ? VENDORS[vendor] : undefined;
  const sniffed = vendorOf(first);
  return named ?? (sniffed === undefined ? otherIssue : (VENDORS[sniffed] as IssueMapper));
}

/**
 * The details of Standard Schema issues (https://standardschema.dev: `{ message, path }`), each
 * path prefixed with `location` when it is known. Issues of zod, valibot and arktype, named by
 * `vendor` (the schema's `~standard.vendor`) or recognised by their shape, get the same codes as
 * those libraries' thrown errors; any other vendor's get `invalid`, keeping their message unless
 * it may quote the submitted value.
 */
export function standardIssues(issues: readonly unknown[], location?: FieldLocation, vendor?: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const map = mapperFor(vendor, issues[0]);
  for (const issue of issues) {
    const before = out.length;
    map(issue, location, out);
    // An issue the vendor's mapper does not know the shape of still names its field.
    if (out.length === before) otherIssue(issue, location, out);
  }
  return out;
}

function isPathSegment(segment: unknown): boolean {
  const key = isBag(segment) && !Array.isArray(segment) ? segment.key : segment;
  return typeof key === 'string' || typeof key === 'number' || typeof key === 'symbol';
}

/** A Standard Schema issue: a string `message` and, if any, a `path` of property keys or `{ key }`s. */
function isStandardIssue(value: unknown): value is Bag {
  if (!isBag(value) || typeof value.message !== 'string') return false;
  const path = value.path;
  return path === undefined || (Array.isArray(path) && (path as unknown[]).every(isPathSegment));
}

/**
 * Any other validator's error carrying Standard Schema issues, such as `SchemaError` from
 * `@standard-schema/utils`. `issues` alone is too common a property name to go by, so the error
 * must also be named like one (`name` ending in `Error`) and every one of its issues must be
 * well-formed: a non-empty list of `{ message: string, path?: (PropertyKey | { key })[] }`.
 */
export function recognizeStandardSchema(error: unknown): ApiError | undefined {
  if (!isBag(error) || typeof error.name !== 'string' || !error.name.endsWith('Error')) return undefined;
  const issues = error.issues;
  if (!Array.isArray(issues) || issues.length === 0 || !issues.every(isStandardIssue)) return undefined;
  return validationFailure(vendorOf(issues[0]) ?? 'standard-schema', standardIssues(issues));
}
