import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { validationFailure, type FieldLocation } from './issues';
import { isJoiError, joiIssues } from './joi-details';
import { isBag } from './recognizer';

// celebrate's `Segments`, by the part of the request each validates.
const SEGMENT_LOCATIONS: Readonly<Record<string, FieldLocation>> = {
  body: 'body',
  query: 'query',
  params: 'params',
  headers: 'headers',
  cookies: 'cookies',
  signedCookies: 'cookies',
};

/**
 * celebrate's `CelebrateError` (celebrate 15+): its `details` map each request segment to a joi
 * `ValidationError`; one detail per joi detail, its path prefixed with the segment
 * (`body.email`, `query.page`).
 */
export function recognizeCelebrate(error: unknown): ApiError | undefined {
  if (!isBag(error) || !(error.details instanceof Map) || error.details.size === 0) return undefined;
  const segments = [...(error.details as Map<unknown, unknown>).entries()];
  if (!segments.every(([, failure]) => isJoiError(failure))) return undefined;
  const details: ValidationIssue[] = [];
  for (const [segment, failure] of segments) {
    const location =
      typeof segment === 'string' && Object.prototype.hasOwnProperty.call(SEGMENT_LOCATIONS, segment)
        ? SEGMENT_LOCATIONS[segment]
        : undefined;
    details.push(...joiIssues((failure as { details: unknown[] }).details, location));
  }
  // `validationFailure` keeps the first MAX_DETAILS.
  return validationFailure('celebrate', details);
}
