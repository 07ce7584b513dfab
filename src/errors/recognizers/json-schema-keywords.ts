import type { IssueCode } from './issues';

// JSON Schema validation keywords (draft 2020-12, "JSON Schema Validation" §6) by the kind of
// failure they report; ajv names each error by its keyword, express-openapi-validator as
// `<keyword>.openapi.validation`.
const KEYWORD_CODES: Readonly<Record<string, IssueCode>> = {
  type: 'invalid_type',
  required: 'required',
  dependentRequired: 'required',
  dependencies: 'required',
  minLength: 'too_small',
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  minItems: 'too_small',
  minProperties: 'too_small',
  minContains: 'too_small',
  maxLength: 'too_big',
  maximum: 'too_big',
  exclusiveMaximum: 'too_big',
  maxItems: 'too_big',
  maxProperties: 'too_big',
  maxContains: 'too_big',
  format: 'invalid_format',
  pattern: 'invalid_format',
  enum: 'invalid_value',
  const: 'invalid_value',
  multipleOf: 'not_multiple_of',
  additionalProperties: 'unknown_field',
  unevaluatedProperties: 'unknown_field',
};

/** The issue code of a JSON Schema keyword; `invalid` for the others (`oneOf`, `not`, ...). */
export function keywordCode(keyword: unknown): IssueCode {
  return typeof keyword === 'string' && Object.prototype.hasOwnProperty.call(KEYWORD_CODES, keyword)
    ? (KEYWORD_CODES[keyword] ?? 'invalid')
    : 'invalid';
}

/** For `required` and unknown-property errors, the property the error is about. */
export function keywordProperty(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const bag = params as Record<string, unknown>;
  for (const key of ['missingProperty', 'additionalProperty', 'unevaluatedProperty'] as const) {
    if (typeof bag[key] === 'string') return bag[key];
  }
  return undefined;
}
