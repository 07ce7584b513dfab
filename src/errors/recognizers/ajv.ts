import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { issuePath, splitPath, validationFailure } from './issues';
import { keywordCode, keywordProperty } from './json-schema-keywords';
import { isBag } from './recognizer';
import { MAX_DETAILS, safeIssue } from './validator-details';

/**
 * ajv's `ValidationError` (what `validate()` of an `$async` schema rejects with; `ajv: true`,
 * `validation: true`): one detail per entry of `errors`, its JSON Pointer `instancePath` as a
 * dotted path; a `required` or unknown-property error names the property itself.
 */
export function recognizeAjv(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.ajv !== true || error.validation !== true || !Array.isArray(error.errors)) return undefined;
  const details: ValidationIssue[] = [];
  for (const raw of error.errors.slice(0, MAX_DETAILS)) {
    const failure = isBag(raw) ? raw : {};
    const segments = typeof failure.instancePath === 'string' ? splitPath(failure.instancePath) : [];
    const property = keywordProperty(failure.params);
    // With `verbose: true` ajv keeps the value on `data`: only compared, never kept.
    details.push(
      safeIssue(
        issuePath(undefined, property === undefined ? segments : [...segments, property]),
        keywordCode(failure.keyword),
        failure.message,
        failure.data,
      ),
    );
  }
  return validationFailure('ajv', details);
}
