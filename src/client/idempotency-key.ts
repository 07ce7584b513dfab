// The two members of Web Crypto's `Crypto` used here: declared, so the sources need no DOM library.
interface WebCrypto {
  randomUUID(): string;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A new Idempotency-Key: a random UUID, as the IETF draft recommends (draft-06 §2.2). Uses
 * `globalThis.crypto` (browsers, Node 19+, edge runtimes); `randomUUID` exists only in secure
 * contexts, so `getRandomValues` is the fallback. `undefined` when the runtime has no Web Crypto
 * (Node 18 without a flag): the caller then sends no key and does not retry POST or PATCH.
 */
export function generateIdempotencyKey(): string | undefined {
  const crypto = (globalThis as { crypto?: Partial<WebCrypto> }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues !== 'function') return undefined;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The key as a Structured Field String (draft-06 §2.1, RFC 9651 §3.3.3): quoted, with `"` and `\`
 * escaped. `undefined` for a key that cannot be one (empty, over 255 characters, or not printable ASCII).
 */
export function formatIdempotencyKey(key: string): string | undefined {
  if (key.length === 0 || key.length > 255 || !/^[\x20-\x7e]+$/.test(key)) return undefined;
  return `"${key.replace(/(["\\])/g, '\\$1')}"`;
}
