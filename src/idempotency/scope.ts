import type { IncomingMessage } from 'node:http';
import { sha256 } from './digest';

/**
 * The default `identify`: the request's credentials (its `Authorization` field, RFC 9110 §11.6.2),
 * so two clients sending the same key never share a stored response. A request without them has
 * the empty identity: such requests share one scope.
 */
export function identifyByAuthorization(req: IncomingMessage): string {
  const value = req.headers.authorization;
  return typeof value === 'string' ? value : '';
}

const NO_IDENTITY = sha256('');

/** The digest an identity is known by in store key names and in the in-progress count. */
export function identityDigest(identity: string | undefined): string {
  return identity === undefined || identity === '' ? NO_IDENTITY : sha256(identity);
}

/**
 * The store key name of `key` sent by the identity `identityDigest`: two SHA-256 digests, so a
 * `:`, a length or a secret in either (an Authorization value) never shapes, or shows in, a Redis
 * key name, and `a:b` + `c` and `a` + `b:c` stay two keys.
 */
export function storeKey(digestOfIdentity: string, key: string): string {
  return `${digestOfIdentity}:${sha256(key)}`;
}
