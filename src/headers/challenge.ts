import type { Challenge } from '../catalog';
import { isToken } from './safe-header';


/** Writes one auth-param value as a quoted-string, escaping only `"` and `\` (RFC 9110 §5.6.4). */
function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

// A challenge whose scheme is not a token cannot be written; plain JavaScript callers may also
// pass null or numbers where a challenge is typed.
function formatOne(challenge: unknown): string | undefined {
  if (typeof challenge === 'string') return challenge === '' ? undefined : challenge;
  if (typeof challenge !== 'object' || challenge === null) return undefined;
  const { scheme, params } = challenge as Challenge;
  if (typeof scheme !== 'string' || !isToken(scheme)) return undefined;
  const written =
    typeof params === 'object' && params !== null
      ? Object.entries(params)
          .filter(([name]) => isToken(name))
          .map(([name, value]) => `${name}=${quote(String(value))}`)
      : [];
  return written.length === 0 ? scheme : `${scheme} ${written.join(', ')}`;
}

/**
 * Formats a WWW-Authenticate / Proxy-Authenticate value: `#challenge`, with params as
 * quoted-strings (RFC 9110 §11.6.1). Challenges that cannot be written (a scheme that is not a
 * token) are left out; with none left the result is `''`.
 *
 * @example
 * formatChallenge({ scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token' } });
 * // 'Bearer realm="api", error="invalid_token"'
 */
export function formatChallenge(value: string | Challenge | readonly (string | Challenge)[]): string {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return list
    .map(formatOne)
    .filter((one): one is string => one !== undefined)
    .join(', ');
}
