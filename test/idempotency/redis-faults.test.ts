import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { RedisStore } from '../../src/idempotency';
import { expectErrorResponse } from '../helpers/app';
import { requireRedisServer, startRedisServer, type RedisServer } from '../helpers/redis-server';
import { delay, itemsApp } from './app';
import { connectRedis } from './stores';

// A real Redis: a missing redis-server fails this file (npm run test:unit leaves it out).
requireRedisServer();

describe('RedisStore when Redis goes away', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];

  beforeAll(async () => {
    redis = await startRedisServer({ persist: true });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  test('stopped mid-test: 503 with Retry-After and no handler run; restarted: service resumes, nothing ran twice', async () => {
    const client = await connectRedis(redis.url);
    clients.push(client);
    const errors: unknown[] = [];
    const { app, calls, gate } = itemsApp({
      store: new RedisStore({ client, prefix: `faults:${randomUUID()}:` }),
      lockTimeoutMs: 30_000,
      onError: (error) => errors.push(error),
    });

    const done = await request(app).post('/items').set('Idempotency-Key', 'before').send({ name: 'a' });
    expect([done.status, calls.items]).toEqual([201, 1]);

    // A request in flight when Redis stops still gets its answer; the store failure is reported.
    const inFlight = request(app)
      .post('/items')
      .set('Idempotency-Key', 'in-flight')
      .send({ action: 'wait' })
      .then((res) => res);
    await gate.reached();
    await redis.stop();
    gate.open();
    expect((await inFlight).status).toBe(201);
    expect(calls.items).toBe(2);
    expect(errors).toHaveLength(1);

    for (const key of ['before', 'new', 'in-flight']) {
      const res = await request(app)
        .post('/items')
        .set('Idempotency-Key', key)
        .send(key === 'before' ? { name: 'a' } : { action: 'wait' });
      expect(expectErrorResponse(res, 503).error.code).toBe('idempotency_store_unavailable');
      expect(res.headers['retry-after']).toBe('1');
    }
    // Requests without a key do not touch the store.
    expect((await request(app).post('/items').send({ name: 'no key' })).status).toBe(201);
    expect(calls.items).toBe(3);

    await redis.restart();
    let resumed = await request(app).post('/items').set('Idempotency-Key', 'new').send({ name: 'b' });
    for (let attempt = 0; resumed.status === 503 && attempt < 100; attempt += 1) {
      await delay(50);
      resumed = await request(app).post('/items').set('Idempotency-Key', 'new').send({ name: 'b' });
    }
    expect([resumed.status, resumed.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(calls.items).toBe(4);

    // What Redis held survived the restart: the finished key replays, the in-flight one is still locked.
    const replay = await request(app).post('/items').set('Idempotency-Key', 'before').send({ name: 'a' });
    expect([replay.status, replay.headers['idempotent-replayed'], replay.text]).toEqual([201, 'true', done.text]);
    const locked = await request(app).post('/items').set('Idempotency-Key', 'in-flight').send({ action: 'wait' });
    expect(expectErrorResponse(locked, 409).error.code).toBe('idempotency_key_in_use');
    expect(calls.items).toBe(4);
  });

  test('a client that queues commands while disconnected: 503 after timeoutMs, and the late claim is given back', async () => {
    // ioredis's defaults: commands wait in the offline queue until Redis is back.
    const client = new Redis(redis.url, { retryStrategy: () => 50 });
    client.on('error', () => undefined);
    clients.push(client);
    await new Promise((resolve) => client.once('ready', resolve));
    const { app, calls } = itemsApp({ store: new RedisStore({ client, prefix: `queued:${randomUUID()}:`, timeoutMs: 200 }) });

    await redis.stop();
    const started = Date.now();
    const res = await request(app).post('/items').set('Idempotency-Key', 'queued').send({ name: 'q' });
    expect(expectErrorResponse(res, 503).error.code).toBe('idempotency_store_unavailable');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(calls.items).toBe(0);

    await redis.restart();
    // The queued claim runs once Redis is back; the store releases it, so the key is free, not locked for a minute.
    let retry = await request(app).post('/items').set('Idempotency-Key', 'queued').send({ name: 'q' });
    for (let attempt = 0; retry.status !== 201 && attempt < 100; attempt += 1) {
      await delay(50);
      retry = await request(app).post('/items').set('Idempotency-Key', 'queued').send({ name: 'q' });
    }
    expect([retry.status, calls.items]).toEqual([201, 1]);
  });

  test('RedisStore({ url }) creates its own fail-fast client and close() ends it', async () => {
    const store = new RedisStore({ url: redis.url, prefix: `url:${randomUUID()}:` });
    const { app, calls } = itemsApp({ store });
    const first = await request(app).post('/items').set('Idempotency-Key', 'u').send({});
    const replay = await request(app).post('/items').set('Idempotency-Key', 'u').send({});
    expect([first.status, replay.headers['idempotent-replayed'], calls.items]).toEqual([201, 'true', 1]);
    await store.close();
    const closed = await request(app).post('/items').set('Idempotency-Key', 'v').send({});
    expect(closed.status).toBe(503);
  });

  test('RedisStore({ url }) with nothing listening answers 503 quickly', async () => {
    const store = new RedisStore({ url: 'redis://127.0.0.1:1', timeoutMs: 300 });
    const { app, calls } = itemsApp({ store });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([res.status, calls.items]).toEqual([503, 0]);
    await store.close();
  });
});
