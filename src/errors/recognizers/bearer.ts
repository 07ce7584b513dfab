import type { ApiError } from '../api-error';
import { createError } from '../create-error';

/**
 * Why a bearer token was refused. Each has a fixed `error_description`: the library's own message
 * is never copied into the header or the body, since some quote what the token held.
 */
export type TokenFailure = 'expired' | 'not_active' | 'malformed' | 'signature' | 'claims' | 'revoked' | 'invalid';

const TOKEN_FAILURES: Readonly<Record<TokenFailure, string>> = {
  expired: 'The access token expired',
  not_active: 'The access token is not valid yet',
  malformed: 'The access token is malformed',
  signature: 'The access token signature is invalid',
  claims: 'The access token claims are invalid',
  revoked: 'The access token has been revoked',
  invalid: 'The access token is invalid',
};

/**
 * 401 `invalid_token` with `WWW-Authenticate: Bearer error="invalid_token", error_description="..."`
 * (RFC 6750 §3, §3.1). It names no realm: the error handler puts its configured challenge's realm
 * first (`Bearer realm="api", error=...`), which a recognizer cannot know.
 */
export function invalidToken(failure: TokenFailure, cause: Record<string, unknown>): ApiError {
  const description = TOKEN_FAILURES[failure];
  return createError(401, `${description}.`, {
    code: 'invalid_token',
    challenge: { scheme: 'Bearer', params: { error: 'invalid_token', error_description: description } },
    cause: { ...cause, reason: failure },
    captureStack: false,
  });
}

/**
 * 401 `authentication_required` for a request that sent no bearer token. It names no challenge:
 * the handler writes its configured one, with no error code (RFC 6750 §3.1).
 */
export function tokenRequired(message: string | undefined, cause: Record<string, unknown>): ApiError {
  return createError(401, message, { cause, captureStack: false });
}
