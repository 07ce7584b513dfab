import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import { isBag, type Bag } from './recognizer';

// An HTTP client's error carries the status an upstream answered with, not one meant for our
// client: an unhandled upstream 401 or 404 must not tell the caller its own credentials or URL
// are wrong. It is a 502 (a 504 when the upstream did not answer in time).
const CLIENT_TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

// axios marks its errors; ofetch (`FetchError`), got and ky (`HTTPError`) name them; superagent
// and most others hang the upstream's response on the error.
const HTTP_CLIENT_ERROR_NAMES = new Set(['FetchError', 'HTTPError']);

function isHttpClientError(error: Bag): boolean {
  if (error.isAxiosError === true || HTTP_CLIENT_ERROR_NAMES.has(error.name as string)) return true;
  const response = error.response;
  if (!isBag(response)) return false;
  return typeof response.status === 'number' || typeof response.statusCode === 'number';
}

/** An outgoing HTTP call's failure (axios, got, ky, ofetch, superagent): 502, or 504 on a timeout. */
export function recognizeHttpClient(error: unknown): ApiError | undefined {
  if (!isBag(error) || !isHttpClientError(error)) return undefined;
  const timeout = typeof error.code === 'string' && CLIENT_TIMEOUT_CODES.has(error.code);
  return createError(timeout ? 504 : 502, undefined, { cause: error, captureStack: false });
}
