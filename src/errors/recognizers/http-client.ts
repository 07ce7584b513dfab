import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import { readHttpClientFailure } from '../../logging/http-client-failure';
import { isBag } from './recognizer';

// An HTTP client's error carries the status an upstream answered with, not one meant for our
// client: an unhandled upstream 401 or 404 must not tell the caller its own credentials or URL
// are wrong. It is a 502 (a 504 when the upstream did not answer in time, RFC 9110 §15.6.5).
// The error stays the cause as thrown, for the app's own code; `serializeError` logs only a
// summary of it (method, origin and path, upstream status, code), never its config or bodies.

/**
 * An outgoing HTTP call's failure (axios, got, ky, ofetch, node-fetch, superagent and any error
 * with an upstream `response` status): 502, or 504 on a timeout.
 */
export function recognizeHttpClient(error: unknown): ApiError | undefined {
  const failure = readHttpClientFailure(error);
  // got and ky name their status errors `HTTPError`: one without the rest of their shape still is one.
  if (failure === undefined && !(isBag(error) && error.name === 'HTTPError')) return undefined;
  return createError(failure?.timeout === true ? 504 : 502, undefined, { cause: error, captureStack: false });
}
