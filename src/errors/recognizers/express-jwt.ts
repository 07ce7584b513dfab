import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import { formatChallenge } from '../../headers/challenge';
import { invalidToken, tokenRequired, type TokenFailure } from './bearer';
import { jsonWebTokenCause, jsonWebTokenFailure } from './jsonwebtoken';
import { integerOf, isBag, type Bag } from './recognizer';

const MALFORMED_HEADER = 'The Authorization header must be `Bearer <token>`';

// express-jwt 8 names a request without a bearer token (no Authorization header, or another
// scheme) apart from a bad token: the first gets a challenge without an error code (RFC 6750 §3.1).
const NO_TOKEN_CODES = new Set(['credentials_required', 'credentials_bad_scheme']);

function tokenFailureOf(error: Bag): { failure: TokenFailure; inner: Record<string, unknown> | undefined } {
  if (error.code === 'revoked_token') return { failure: 'revoked', inner: undefined };
  const inner = isBag(error.inner) ? error.inner : {};
  const failure = jsonWebTokenFailure(inner);
  // An inner error that is not one of jsonwebtoken's known failures (a JSON.parse SyntaxError
  // quoting the token) is named in the log, never its message.
  if (failure === undefined || failure === 'missing') {
    return { failure: 'invalid', inner: { name: typeof inner.name === 'string' ? inner.name.slice(0, 64) : undefined } };
  }
  return { failure, inner: jsonWebTokenCause(inner) };
}

/**
 * express-jwt's `UnauthorizedError`: no token is 401 `authentication_required` (the handler's
 * plain challenge), a bad token 401 `invalid_token` with `error="invalid_token"`, and an
 * Authorization header that is not `Bearer <token>` 400 with `error="invalid_request"` (RFC 6750 §3.1).
 */
export function recognizeExpressJwt(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.name !== 'UnauthorizedError') return undefined;
  // `inner` tells express-jwt's error from other libraries' UnauthorizedError.
  if (integerOf(error.status) !== 401 || typeof error.code !== 'string' || !isBag(error.inner)) return undefined;
  const code = error.code.slice(0, 64);
  if (NO_TOKEN_CODES.has(code)) return tokenRequired(undefined, { source: 'express-jwt', code });
  if (code === 'credentials_bad_format') {
    return createError(400, `${MALFORMED_HEADER}.`, {
      headers: {
        'WWW-Authenticate': formatChallenge({
          scheme: 'Bearer',
          params: { error: 'invalid_request', error_description: MALFORMED_HEADER },
        }),
      },
      cause: { source: 'express-jwt', code },
      captureStack: false,
    });
  }
  const { failure, inner } = tokenFailureOf(error);
  return invalidToken(failure, { source: 'express-jwt', code, inner });
}
