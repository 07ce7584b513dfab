// Public API of this feature, listed by hand.
export { idempotency, type IdempotencyMiddleware } from './middleware';
export { DEFAULT_REPLAY_HEADERS, type IdempotencyOptions } from './options';
export type { ClaimResult, IdempotencyStore, MaybePromise, StoredResponse } from './store';
export { MemoryStore, type MemoryStoreOptions } from './stores/memory-store';
export { RedisStore, type RedisClientLike, type RedisStoreOptions } from './stores/redis-store';
export { parseIdempotencyKey, IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH, type ParsedIdempotencyKey } from './key';
export { fingerprintRequest } from './fingerprint';
export { REPLAYED_HEADER } from './replay';
export type { IdempotencyErrorCode } from './errors';
