import type { ClaimResult, IdempotencyStore, StoredResponse } from '../store';
import { ByteArena } from './byte-arena';
import { packResponse, unpackResponse } from './packed-response';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Most keys held at once; the oldest finished ones are evicted first. Default 10 000. */
  readonly maxEntries?: number;
  /** Most bytes of stored responses (bodies, headers, keys) held at once. Default 64 MiB. */
  readonly maxBytes?: number;
  /** The clock, in milliseconds; for tests. Default `Date.now`. */
  readonly now?: () => number;
}

// A claim until `response` is set; completed in place, so it keeps its place in the Map's order.
// The token is kept as the number it was made from, and the response packed: the few objects an
// entry holds are what the garbage collector promotes, and marks again, for each stored response.
interface Entry {
  readonly token: number;
  readonly fingerprint: string;
  response: Buffer | undefined;
  expiresAt: number;
  bytes: number;
}

// Per-entry bookkeeping (the Map slot, the entry object, the token), roughly.
const ENTRY_OVERHEAD = 128;

// What an entry is counted for: its key and fingerprint, its packed response, and bookkeeping.
function sizeOf(key: string, fingerprint: string, packed?: Buffer): number {
  return ENTRY_OVERHEAD + key.length + fingerprint.length + (packed?.length ?? 0);
}

/**
 * The default store, inside the process: right for one instance (several instances need a shared
 * store such as {@link RedisStore}). Entries expire (locks after the lock timeout, responses after
 * the TTL) and the store is bounded in entries and bytes; when full, the oldest finished responses
 * are evicted (a tenth of the store at a time). It never grows without bound: with every entry
 * still in progress, a new claim is refused and the middleware answers 503.
 *
 * @example
 * app.post('/orders', idempotency({ store: new MemoryStore({ maxEntries: 50_000 }) }), createOrder);
 */
export class MemoryStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #now: () => number;
  readonly #responses = new ByteArena();
  #bytes = 0;
  #sequence = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = Math.max(1, Math.floor(options.maxEntries ?? 10_000));
    this.#maxBytes = Math.max(1, options.maxBytes ?? 64 * 1024 * 1024);
    this.#now = options.now ?? Date.now;
  }

  /** Keys held, finished or in progress (expired ones may linger until the next write). */
  get size(): number {
    return this.#entries.size;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  // Every method answers at once, without a promise: the request goes on in the same tick.
  claim(key: string, fingerprint: string, lockTimeoutMs: number): ClaimResult {
    const now = this.#now();
    const entry = this.#live(key, now);
    if (entry !== undefined) {
      return entry.response === undefined
        ? { state: 'in_progress', fingerprint: entry.fingerprint }
        : { state: 'completed', fingerprint: entry.fingerprint, response: unpackResponse(entry.response) };
    }
    const bytes = sizeOf(key, fingerprint);
    if (!this.#makeRoom(now, 1, bytes)) throw new Error('MemoryStore is full: every entry is still in progress');
    const token = ++this.#sequence;
    this.#entries.set(key, { token, fingerprint, response: undefined, expiresAt: now + lockTimeoutMs, bytes });
    this.#bytes += bytes;
    return { state: 'claimed', token: String(token) };
  }

  complete(key: string, token: string, fingerprint: string, response: StoredResponse, ttlMs: number): boolean {
    const now = this.#now();
    let entry = this.#live(key, now);
    // Once the lock expired another request may own the key, or have finished: theirs stands.
    if (entry !== undefined && (entry.response !== undefined || entry.token !== Number(token))) return false;
    const packed = packResponse(response, this.#responses);
    const bytes = sizeOf(key, fingerprint, packed);
    const held = entry?.bytes ?? 0;
    // Our own claim is in progress, so making room never evicts it.
    if (!this.#makeRoom(now, entry === undefined ? 1 : 0, bytes - held)) {
      if (entry !== undefined) this.#delete(key);
      return false;
    }
    if (entry === undefined) {
      // Our lock expired and nobody took the key: store the response all the same.
      entry = { token: Number(token), fingerprint, response: undefined, expiresAt: 0, bytes: 0 };
      this.#entries.set(key, entry);
    }
    entry.response = packed;
    entry.expiresAt = now + ttlMs;
    entry.bytes = bytes;
    this.#bytes += bytes - held;
    return true;
  }

  release(key: string, token: string): void {
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.response === undefined && entry.token === Number(token)) this.#delete(key);
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.expiresAt > now) return entry;
    this.#delete(key);
    return undefined;
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  // Map iteration runs oldest first: expired and finished entries go, in-progress ones stay
  // (evicting a live lock would let a concurrent retry run the handler twice). A tenth goes at
  // once: each pass walks over the holes earlier deletions left at the head of the Map, so one
  // pass per many inserts stays cheap where one per insert would not.
  #makeRoom(now: number, entries: 0 | 1, bytes: number): boolean {
    if (this.#fits(entries, bytes)) return true;
    const entryTarget = Math.floor(this.#maxEntries * 0.9);
    const byteTarget = this.#maxBytes * 0.9 - bytes;
    for (const [key, entry] of this.#entries) {
      if (entry.response === undefined && entry.expiresAt > now) continue;
      this.#delete(key);
      if (this.#entries.size <= entryTarget && this.#bytes <= byteTarget) break;
    }
    return this.#fits(entries, bytes);
  }

  #fits(entries: 0 | 1, bytes: number): boolean {
    return this.#entries.size + entries <= this.#maxEntries && this.#bytes + bytes <= this.#maxBytes;
  }
}
