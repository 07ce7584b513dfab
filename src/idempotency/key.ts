import type { IncomingMessage } from 'node:http';

/** The header the draft defines; clients may send it quoted (a Structured Field String) or bare. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The longest key accepted, in characters (Stripe's limit; the draft sets none). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** What the `Idempotency-Key` header of a request holds. */
export type ParsedIdempotencyKey =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'key'; readonly key: string };

const MISSING: ParsedIdempotencyKey = { kind: 'missing' };
const INVALID: ParsedIdempotencyKey = { kind: 'invalid' };
// Printable ASCII, space included (RFC 9651 §3.3.3); Node has already trimmed the ends.
const BARE_KEY = /^[\x20-\x7e]+$/;
const QUOTED_KEY = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;

/**
 * Reads one key from a header value: `"abc"` (a Structured Field String, RFC 9651 §3.3.3, with
 * `\"` and `\\` unescaped) or `abc` (as Stripe's clients send it). Anything else, an empty key
 * or one longer than {@link MAX_IDEMPOTENCY_KEY_LENGTH} characters is `invalid`.
 *
 * @example
 * parseIdempotencyKey('"8e03978e-40d5"'); // { kind: 'key', key: '8e03978e-40d5' }
 */
export function parseIdempotencyKey(value: string | readonly string[] | undefined): ParsedIdempotencyKey {
  if (value === undefined) return MISSING;
  if (typeof value !== 'string') return value.length === 0 ? MISSING : INVALID;
  let key: string;
  if (value.charCodeAt(0) === 0x22) {
    const match = QUOTED_KEY.exec(value);
    if (match === null) return INVALID;
    key = (match[1] as string).replace(/\\(["\\])/g, '$1');
  } else {
    if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !BARE_KEY.test(value)) return INVALID;
    key = value;
  }
  return key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH ? INVALID : { kind: 'key', key };
}

/**
 * The key of a request from the header `lower` (a lower-case name), where the header may appear
 * only once: Node joins repeated fields with `, `, which would otherwise read as one bare key.
 */
export function readIdempotencyKey(req: IncomingMessage, lower: string): ParsedIdempotencyKey {
  const value = req.headers[lower];
  if (typeof value === 'string' && value.includes(',') && countFields(req.rawHeaders, lower) > 1) return INVALID;
  return parseIdempotencyKey(value);
}

function countFields(rawHeaders: readonly string[], lower: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === lower) count += 1;
  return count;
}
