/** A response as stored for replay: status line, the headers that matter and the body bytes. */
export interface StoredResponse {
  readonly status: number;
  /** The reason phrase sent, replayed as it was (HTTP/1 only). */
  readonly statusMessage?: string;
  /** `[name, value]` pairs, names lower-case, in the order they are replayed. */
  readonly headers: readonly (readonly [string, string | readonly string[]])[];
  /**
   * The bytes sent. They may be the handler's own buffer, so a store copies what it keeps beyond
   * the call to {@link IdempotencyStore.complete} (encoding them, as RedisStore does, is a copy).
   */
  readonly body: Buffer;
}

/** A value, or a promise of it: a store that works in process answers at once, without a promise. */
export type MaybePromise<T> = T | PromiseLike<T>;

/** What {@link IdempotencyStore.claim} found. */
export type ClaimResult =
  /** The caller owns the key until `complete`, `release` or the lock timeout. */
  | { readonly state: 'claimed'; readonly token: string }
  /** Another request holds the key and has not finished. */
  | { readonly state: 'in_progress'; readonly fingerprint: string }
  /** A request with this key finished; its response is replayed. */
  | { readonly state: 'completed'; readonly fingerprint: string; readonly response: StoredResponse };

/**
 * Where keys and stored responses live. Every method is atomic on its own: `claim` is the
 * check-and-set that lets exactly one of many concurrent requests run. A method that cannot reach
 * the store rejects (or throws); the middleware then fails closed (503) unless told to fail open.
 * A method may answer with a plain value when its work is done (MemoryStore): the request then
 * goes on at once, and a finished response leaves without waiting for a promise.
 *
 * @example
 * const store: IdempotencyStore = new MemoryStore();
 * const result = await store.claim('user_1:key_1', fingerprint, 60_000);
 */
export interface IdempotencyStore {
  /** Claims `key` for `lockTimeoutMs` unless it is held or completed, atomically. */
  claim(key: string, fingerprint: string, lockTimeoutMs: number): MaybePromise<ClaimResult>;
  /**
   * Stores the response of the claim `token` for `ttlMs`. Resolves `false`, storing nothing,
   * when another request took the key after this claim's lock expired.
   */
  complete(key: string, token: string, fingerprint: string, response: StoredResponse, ttlMs: number): MaybePromise<boolean>;
  /** Gives the key up, if `token` still holds it, so the next request runs the handler. */
  release(key: string, token: string): MaybePromise<void>;
}
