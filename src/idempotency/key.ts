// Makes the declaration of structured-headers part of every program that compiles this file (the
// docs sample check, tsup's d.ts build), not only of those that list src/ (see that file for why).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./structured-headers.d.ts" />
import type { IncomingMessage } from 'node:http';
import { parseItem } from 'structured-headers';

/** The header the draft defines; clients may send it quoted (a Structured Field String) or bare. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The longest key accepted, in characters (Stripe's limit; the draft sets none). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** What the `Idempotency-Key` header of a request holds. */
export type ParsedIdempotencyKey =
  { readonly kind: 'missing' } | { readonly kind: 'invalid' } | { readonly kind: 'key'; readonly key: string };

const MISSING: ParsedIdempotencyKey = { kind: 'missing' };
const INVALID: ParsedIdempotencyKey = { kind: 'invalid' };
// Printable ASCII, space included (RFC 9651 §3.3.3); Node has already trimmed the ends.
const BARE_KEY = /^[\x20-\x7e]+$/;

// An Item (RFC 9651 §4.2.3) whose bare item is a String; its parameters are ignored. The parser
// throws on anything the grammar does not allow: that is a malformed key, never a server error.
function sfStringOf(value: string): string | undefined {
  try {
    const [item] = parseItem(value);
    return typeof item === 'string' ? item : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads one key from a header value: `"abc"` (an sf-string, as the IETF draft defines the field:
 * RFC 9651 §3.3.3, `\"` and `\\` unescaped, parameters such as `;foo=1` ignored) or `abc` (as
 * Stripe's clients send it). Anything else, an empty key or one longer than
 * {@link MAX_IDEMPOTENCY_KEY_LENGTH} characters is `invalid`.
 *
 * @example
 * parseIdempotencyKey('"8e03978e-40d5"'); // { kind: 'key', key: '8e03978e-40d5' }
 * parseIdempotencyKey('"8e03978e-40d5";v=1'); // { kind: 'key', key: '8e03978e-40d5' }
 */
export function parseIdempotencyKey(value: string | readonly string[] | undefined): ParsedIdempotencyKey {
  if (value === undefined) return MISSING;
  if (typeof value !== 'string') return value.length === 0 ? MISSING : INVALID;
  let key: string;
  if (value.charCodeAt(0) === 0x22) {
    const parsed = sfStringOf(value);
    if (parsed === undefined) return INVALID;
    key = parsed;
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
