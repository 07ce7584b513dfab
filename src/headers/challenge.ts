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

/** One challenge of a WWW-Authenticate / Proxy-Authenticate value, as {@link parseChallenges} reads it. */
export interface ParsedChallenge {
  /** The auth scheme as written (compare case-insensitively, RFC 9110 §11.1). */
  readonly scheme: string;
  /** The token68 form (`Negotiate abc==`), when the challenge uses it instead of params. */
  readonly token68?: string;
  /** The auth-params, `[name, value]` with quoted-strings unescaped, in order. */
  readonly params: readonly (readonly [string, string])[];
}

interface Located extends ParsedChallenge {
  /** Where the challenge's params (or token68) begin and end in the value; `start === end` for none. */
  readonly start: number;
  readonly end: number;
  /** Each param's value as written (a token, or a quoted-string with its quotes). */
  readonly written: readonly string[];
}

const TOKEN_AT = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const TOKEN68_AT = /[A-Za-z0-9\-._~+/]+=*/y;
// quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4)
const QUOTED_AT = /"((?:[\t \x21\x23-\x5b\x5d-\x7e\x80-\xff]|\\[\t \x21-\x7e\x80-\xff])*)"/y;

function at(pattern: RegExp, value: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(value);
}

function skipSpace(value: string, index: number): number {
  while (value[index] === ' ' || value[index] === '\t') index += 1;
  return index;
}

/** After a list element: OWS, then `,` or the end. Returns the index after the comma, or -1. */
function elementEnd(value: string, index: number): number {
  const next = skipSpace(value, index);
  if (next === value.length) return next;
  return value[next] === ',' ? next + 1 : -1;
}

/** An auth-param at `index`: token BWS "=" BWS ( token / quoted-string ), then the element's end. */
function authParam(value: string, index: number): { name: string; value: string; written: string; end: number; next: number } | undefined {
  const name = at(TOKEN_AT, value, index);
  if (name === null) return undefined;
  let cursor = skipSpace(value, index + name[0].length);
  if (value[cursor] !== '=') return undefined;
  cursor = skipSpace(value, cursor + 1);
  const quoted = at(QUOTED_AT, value, cursor);
  const token = quoted === null ? at(TOKEN_AT, value, cursor) : null;
  const raw = quoted ?? token;
  if (raw === null) return undefined;
  const end = cursor + raw[0].length;
  const next = elementEnd(value, end);
  if (next === -1) return undefined;
  const text = quoted === null ? raw[0] : (quoted[1] ?? '').replace(/\\(.)/g, '$1');
  return { name: name[0], value: text, written: raw[0], end, next };
}

function locate(value: string): Located[] | undefined {
  const found: Located[] = [];
  let current: { scheme: string; token68?: string; params: [string, string][]; written: string[]; start: number; end: number } | undefined;
  let index = 0;
  const close = (): void => {
    if (current !== undefined) found.push(current);
    current = undefined;
  };
  for (;;) {
    // Empty list elements (`, ,`) are allowed and ignored (RFC 9110 §5.6.1.2).
    while (index < value.length && (value[index] === ',' || value[index] === ' ' || value[index] === '\t')) index += 1;
    if (index === value.length) break;
    // An element is either the next auth-param of the current challenge or a new challenge.
    const param = current !== undefined && current.token68 === undefined ? authParam(value, index) : undefined;
    if (param !== undefined && current !== undefined) {
      current.params.push([param.name, param.value]);
      current.written.push(param.written);
      current.end = param.end;
      index = param.next;
      continue;
    }
    close();
    const scheme = at(TOKEN_AT, value, index);
    if (scheme === null) return undefined;
    index += scheme[0].length;
    const afterScheme = elementEnd(value, index);
    if (afterScheme !== -1) {
      found.push({ scheme: scheme[0], params: [], written: [], start: index, end: index });
      index = afterScheme;
      continue;
    }
    // auth-scheme 1*SP ( token68 / #auth-param )
    if (value[index] !== ' ') return undefined;
    const start = skipSpace(value, index);
    const first = authParam(value, start);
    if (first !== undefined) {
      current = { scheme: scheme[0], params: [[first.name, first.value]], written: [first.written], start, end: first.end };
      index = first.next;
      continue;
    }
    const token68 = at(TOKEN68_AT, value, start);
    if (token68 === null) return undefined;
    const end = start + token68[0].length;
    const next = elementEnd(value, end);
    if (next === -1) return undefined;
    found.push({ scheme: scheme[0], token68: token68[0], params: [], written: [], start, end });
    index = next;
  }
  close();
  return found.length === 0 ? undefined : found;
}

/**
 * Parses a WWW-Authenticate / Proxy-Authenticate value (`#challenge`, RFC 9110 §11.6.1 and the
 * auth-param grammar of §11.2: `token BWS "=" BWS ( token / quoted-string )`). Returns the
 * challenges in order, or `undefined` when the value is not such a list or holds no challenge.
 *
 * @example
 * parseChallenges('Bearer realm="api", error="invalid_token", Basic realm="x"');
 * // [{ scheme: 'Bearer', params: [['realm', 'api'], ['error', 'invalid_token']] },
 * //  { scheme: 'Basic', params: [['realm', 'x']] }]
 */
export function parseChallenges(value: string): ParsedChallenge[] | undefined {
  return locate(value)?.map(({ scheme, token68, params }) => (token68 === undefined ? { scheme, params } : { scheme, token68, params }));
}

/** The realm of the first challenge of `scheme` among `located`, as written there (quoted or token). */
function realmSourceOf(located: readonly Located[], scheme: string): string | undefined {
  const match = located.find((one) => one.scheme.toLowerCase() === scheme && one.token68 === undefined);
  const index = match?.params.findIndex(([name]) => name.toLowerCase() === 'realm') ?? -1;
  return index === -1 ? undefined : match?.written[index];
}

/**
 * Gives each challenge in `value` that names no realm the realm of the default challenge of the
 * same scheme (`Bearer error="invalid_token"` with default `Bearer realm="api"` becomes
 * `Bearer realm="api", error="invalid_token"`). Challenges with a realm, in token68 form or of a
 * scheme the default lacks are left as they are. Returns `undefined` when `value` holds no valid
 * challenge list; returns `value` unchanged when there is nothing to add.
 */
export function inheritRealm(value: string, defaults: string): string | undefined {
  const located = locate(value);
  if (located === undefined) return undefined;
  const fromDefaults = locate(defaults) ?? [];
  let result = '';
  let copied = 0;
  for (const challenge of located) {
    if (challenge.token68 !== undefined || challenge.params.some(([name]) => name.toLowerCase() === 'realm')) continue;
    const realm = realmSourceOf(fromDefaults, challenge.scheme.toLowerCase());
    if (realm === undefined) continue;
    const params = value.slice(challenge.start, challenge.end);
    const schemeEnd = challenge.params.length === 0 ? challenge.end : challenge.start;
    // Everything up to the scheme's end is copied as it was; the realm goes first, RFC 6750 §3 style.
    result += value.slice(copied, schemeEnd).trimEnd() + ` realm=${realm}` + (params === '' ? '' : `, ${params}`);
    copied = challenge.end;
  }
  return copied === 0 ? value : result + value.slice(copied);
}
