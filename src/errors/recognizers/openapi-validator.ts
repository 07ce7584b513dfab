import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { issuePath, splitPath, validationFailure, type FieldLocation, type IssueCode } from './issues';
import { keywordCode } from './json-schema-keywords';
import { isBag } from './recognizer';
import { MAX_DETAILS, safeIssue } from './validator-details';

// The first segment of its error paths (`/body/email`, `.query.page`, `/params/id`).
const LOCATIONS: Readonly<Record<string, FieldLocation>> = {
  body: 'body',
  query: 'query',
  params: 'params',
  path: 'params',
  headers: 'headers',
  cookies: 'cookies',
};

const ERROR_CODE = /^([A-Za-z]+)\.openapi\.validation$/;

function pathOf(raw: unknown): string {
  if (typeof raw !== 'string' || !(raw.startsWith('/') || raw.startsWith('.'))) return '';
  const [first, ...rest] = splitPath(raw);
  const location = typeof first === 'string' && Object.prototype.hasOwnProperty.call(LOCATIONS, first) ? LOCATIONS[first] : undefined;
  // Errors about the request as a whole carry the URL path (`/users/1`), not a field's.
  return location === undefined ? '' : issuePath(location, rest);
}

function codeOf(errorCode: unknown, message: unknown): IssueCode {
  const keyword = typeof errorCode === 'string' ? ERROR_CODE.exec(errorCode)?.[1] : undefined;
  if (keyword !== undefined) return keywordCode(keyword);
  // Checks of its own, outside the schema: `Unknown query parameter 'x'`.
  return typeof message === 'string' && message.startsWith('Unknown query parameter') ? 'unknown_field' : 'invalid';
}

/**
 * express-openapi-validator 5's `BadRequest` (`status` 400, `errors: [{ path, message,
 * errorCode }]`): one detail per error, `/body/email` as `body.email`, its ajv keyword
 * (`format.openapi.validation`) as the code. Its other errors (404, 405 with `Allow`, 415,
 * 401) keep their status through the generic status reader.
 */
export function recognizeOpenApiValidator(error: unknown): ApiError | undefined {
  if (
    !isBag(error) ||
    error.status !== 400 ||
    error.name !== 'Bad Request' ||
    typeof error.path !== 'string' ||
    !Array.isArray(error.errors)
  )
    return undefined;
  const details: ValidationIssue[] = [];
  for (const raw of error.errors.slice(0, MAX_DETAILS)) {
    const failure = isBag(raw) ? raw : {};
    details.push(safeIssue(pathOf(failure.path), codeOf(failure.errorCode, failure.message), failure.message));
  }
  return validationFailure('express-openapi-validator', details);
}
