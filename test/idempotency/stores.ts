import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MemoryStore, RedisStore, type IdempotencyStore } from '../../src/idempotency';
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../helpers/redis-server';

/** One store implementation under test; each `create()` is an empty store. */
export interface StoreCase {
  readonly name: string;
  create(): IdempotencyStore;
}

/** A client that fails fast while Redis is down (no offline queue) and reconnects quickly. */
export async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 50,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * The memory store, and a RedisStore on a real redis-server started for the calling test file
 * (stopped after it). A missing redis-server fails the file; only the unit lane
 * (`npm run test:unit`) leaves the RedisStore case out.
 */
export function storeCases(): StoreCase[] {
  const cases: StoreCase[] = [{ name: 'MemoryStore', create: () => new MemoryStore() }];
  if (!redisTestsEnabled()) return cases;
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
    client = await connectRedis(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });
  cases.push({
    name: 'RedisStore',
    // A fresh prefix per store: an empty store on the shared server.
    create: () => new RedisStore({ client: client as Redis, prefix: `test:${randomUUID()}:` }),
  });
  return cases;
}
