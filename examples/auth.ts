import type { NextFunction, Request, Response } from 'express';
import { UnauthorizedError } from '../src';
import { appErrors } from './errors';

// Demo tokens; a real API verifies a JWT or looks the key up.
const TOKENS: Readonly<Record<string, readonly string[]>> = {
  'user-token': ['users:read', 'users:write', 'orders:write'],
  'admin-token': ['users:read', 'users:write', 'orders:write', 'admin'],
};
const REALM = 'example';

/** Requires a Bearer token (401 otherwise) that grants `scope` (403 `insufficient_scope` otherwise). */
export function requireScope(scope: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (header === undefined) {
      // RFC 6750 §3.1: no error code when the request carried no credentials.
      return next(
        new UnauthorizedError('Include a valid access token in the Authorization header.', {
          challenge: { scheme: 'Bearer', params: { realm: REALM } },
        }),
      );
    }
    // The auth scheme is case-insensitive (RFC 9110 §11.1).
    const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
    const scopes = token === undefined ? undefined : TOKENS[token];
    if (scopes === undefined) {
      return next(
        new UnauthorizedError('The access token is invalid or expired.', {
          code: 'invalid_token',
          challenge: { scheme: 'Bearer', params: { realm: REALM, error: 'invalid_token' } },
        }),
      );
    }
    if (!scopes.includes(scope)) {
      return next(
        appErrors.create('insufficient_scope', undefined, {
          details: { required_scope: scope },
          headers: { 'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${scope}"` },
        }),
      );
    }
    next();
  };
}
