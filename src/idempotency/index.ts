// `express-api-errors/idempotency`: the public API of the Idempotency-Key feature, listed by hand.
export { idempotency, type IdempotencyMiddleware } from './middleware';
export { DEFAULT_REPLAY_HEADERS, type IdempotencyOptions } from './options';
export type { ClaimResult, IdempotencyStore, StoredResponse } from './store';
export { MemoryStore, type MemoryStoreOptions } from './stores/memory-store';
export { RedisStore, type RedisClientLike, type RedisStoreOptions } from './stores/redis-store';
export { parseIdempotencyKey, IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH, type ParsedIdempotencyKey } from './key';
export { REPLAYED_HEADER } from './replay';
export { installResponseCapture } from './response-hook';
export type { IdempotencyErrorCode } from './errors';
