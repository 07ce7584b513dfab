import type { Challenge } from '../catalog';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Writes one auth-param value as a quoted-string, escaping only `"` and `\` (RFC 9110 §5.6.4). */
function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

function formatOne(challenge: string | Challenge): string {
  if (typeof challenge === 'string') return challenge;
  const params = Object.entries(challenge.params ?? {})
    .filter(([name]) => TOKEN.test(name))
    .map(([name, value]) => `${name}=${quote(String(value))}`);
  return params.length === 0 ? challenge.scheme : `${challenge.scheme} ${params.join(', ')}`;
}

/**
 * Formats a WWW-Authenticate / Proxy-Authenticate value: `#challenge`, with params as
 * quoted-strings, e.g. `Bearer realm="api", error="invalid_token"` (RFC 9110 §11.6.1).
 */
export function formatChallenge(value: string | Challenge | readonly (string | Challenge)[]): string {
  return Array.isArray(value)
    ? (value as readonly (string | Challenge)[]).map(formatOne).join(', ')
    : formatOne(value as string | Challenge);
}
