import type { ClaimResult, StoredResponse } from '../store';

// Values stored under a key: a claim `p:<uuid>:<fingerprint>` (the claim is its own token) or a
// finished response `c{json}` with the body in base64, so one GET reads everything.
const UUID_LENGTH = 36;

interface Encoded {
  readonly f: string;
  readonly s: number;
  readonly m?: string;
  readonly h: StoredResponse['headers'];
  readonly b: string;
}

/** The claim value, which is also the token that owns the key. */
export function encodeClaim(uuid: string, fingerprint: string): string {
  return `p:${uuid}:${fingerprint}`;
}

export function encodeResponse(fingerprint: string, response: StoredResponse): string {
  const encoded: Encoded = {
    f: fingerprint,
    s: response.status,
    m: response.statusMessage,
    h: response.headers,
    b: response.body.toString('base64'),
  };
  return `c${JSON.stringify(encoded)}`;
}

/** Reads what holds a key; anything unreadable (another writer's data) is an error. */
export function decodeValue(value: unknown): Exclude<ClaimResult, { state: 'claimed' }> {
  if (typeof value === 'string' && value.startsWith('p:')) {
    return { state: 'in_progress', fingerprint: value.slice(UUID_LENGTH + 3) };
  }
  if (typeof value === 'string' && value.startsWith('c{')) {
    const encoded = JSON.parse(value.slice(1)) as Encoded;
    const response: StoredResponse = {
      status: encoded.s,
      statusMessage: encoded.m,
      headers: encoded.h,
      body: Buffer.from(encoded.b, 'base64'),
    };
    return { state: 'completed', fingerprint: encoded.f, response };
  }
  throw new Error('RedisStore: unexpected value under an idempotency key');
}
