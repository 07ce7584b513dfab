import type { ApiError } from '../api-error';
import { invalidToken, tokenRequired, type TokenFailure } from './bearer';
import { isBag, type Bag } from './recognizer';

// jsonwebtoken 9 verify.js: the messages that describe the token. The others ('secret or public
// key must be provided', 'secretOrPublicKey must be ...', 'error in secret or public key
// callback: ...', option checks) describe the server's own setup and stay a 500.
const TOKEN_MESSAGES: Readonly<Record<string, TokenFailure | 'missing'>> = {
  'jwt must be provided': 'missing',
  'jwt malformed': 'malformed',
  'invalid token': 'malformed',
  'jwt signature is required': 'signature',
  'invalid signature': 'signature',
  'invalid algorithm': 'signature',
  'invalid nbf value': 'claims',
  'invalid exp value': 'claims',
  'iat required when maxAge is specified': 'claims',
};
const CLAIM_MISMATCH = /^jwt (?:audience|issuer|subject|jwtid|nonce) invalid\. expected: /;

/** A moment as ISO text for the log, or `undefined` for anything that is not a valid Date. */
function isoOf(value: unknown): string | undefined {
  return value instanceof Date && Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
}

/**
 * What a jsonwebtoken error says about the token: a failure kind, `'missing'` when no token was
 * given, or `undefined` for an error that is not jsonwebtoken's or describes the server's setup.
 */
export function jsonWebTokenFailure(error: Bag): TokenFailure | 'missing' | undefined {
  switch (error.name) {
    case 'TokenExpiredError':
      return 'expiredAt' in error ? 'expired' : undefined;
    case 'NotBeforeError':
      return 'date' in error ? 'not_active' : undefined;
    case 'JsonWebTokenError': {
      const message = error.message;
      if (typeof message !== 'string') return undefined;
      if (Object.prototype.hasOwnProperty.call(TOKEN_MESSAGES, message)) return TOKEN_MESSAGES[message];
      return CLAIM_MISMATCH.test(message) ? 'claims' : undefined;
    }
  }
  return undefined;
}

/**
 * The log-safe facts of a jsonwebtoken error whose failure is known: its name, its message (one
 * of verify's fixed texts, never token content) and the moments it names.
 */
export function jsonWebTokenCause(error: Bag): Record<string, unknown> {
  return {
    name: error.name,
    message: typeof error.message === 'string' ? error.message.slice(0, 256) : undefined,
    expiredAt: isoOf(error.expiredAt),
    date: isoOf(error.date),
  };
}

/**
 * jsonwebtoken's `verify` failures (`TokenExpiredError`, `NotBeforeError`, `JsonWebTokenError`):
 * 401 `invalid_token` with a Bearer challenge naming why (RFC 6750 §3); a missing token is 401
 * `authentication_required` with the handler's plain challenge.
 */
export function recognizeJsonWebToken(error: unknown): ApiError | undefined {
  if (!isBag(error)) return undefined;
  // Any other name, a string or not, is no failure of jsonwebtoken's.
  const failure = jsonWebTokenFailure(error);
  if (failure === undefined) return undefined;
  const cause = { source: 'jsonwebtoken', ...jsonWebTokenCause(error) };
  return failure === 'missing' ? tokenRequired(undefined, cause) : invalidToken(failure, cause);
}
