// Regressions found in review: each test names what it guards.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../src';
import { idempotency, MemoryStore, RedisStore, type ClaimResult, type IdempotencyStore, type StoredResponse } from '../../src/idempotency';
import { preconditions } from '../../src/http';

/** A MemoryStore that answers asynchronously, as RedisStore does, so responses are held until stored. */
class AsyncStore implements IdempotencyStore {
  private readonly inner = new MemoryStore();
  claim(key: string, fingerprint: string, lockTimeoutMs: number): Promise<ClaimResult> {
    return new Promise((resolve) => setImmediate(() => resolve(this.inner.claim(key, fingerprint, lockTimeoutMs))));
  }
  complete(key: string, token: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<boolean> {
    return new Promise((resolve) => setTimeout(() => resolve(this.inner.complete(key, token, fingerprint, response, ttlMs)), 20));
  }
  release(key: string, token: string): Promise<void> {
    return Promise.resolve(this.inner.release(key, token));
  }
}

function appWith(route: express.RequestHandler) {
  const app = express();
  app.use(express.json());
  app.post('/items', idempotency({ store: new AsyncStore() }), route);
  app.use(errorHandler({ logger: false }));
  return app;
}

test('a held response that the handler follows with a throw reaches the client whole', async () => {
  const app = appWith((_req, res) => {
    res.status(201).json({ ok: 1 });
    throw new Error('after the answer');
  });
  const res = await request(app).post('/items').set('Idempotency-Key', 'k-1').send({});
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ ok: 1 });
  const replay = await request(app).post('/items').set('Idempotency-Key', 'k-1').send({});
  expect(replay.status).toBe(201);
  expect(replay.headers['idempotent-replayed']).toBe('true');
});

test('res.end() with a value Node cannot write throws to the handler instead of hanging the request', async () => {
  const unhandled = jest.fn();
  process.on('unhandledRejection', unhandled);
  try {
    const app = appWith((_req, res) => {
      (res.end as (chunk: unknown) => void)(123);
    });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k-2').send({}).timeout(3000);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).not.toHaveBeenCalled();
  } finally {
    process.off('unhandledRejection', unhandled);
  }
});

test.each([undefined, null, 0, ''])('a guard whose check throws %p still refuses the request', async (thrown) => {
  let wrote = false;
  const app = express();
  app.put(
    '/doc',
    preconditions({
      etag: () => {
        throw thrown;
      },
    }),
    (_req, res) => {
      wrote = true;
      res.json({ ok: 1 });
    },
  );
  app.use(errorHandler({ logger: false }));
  const res = await request(app).put('/doc').set('If-Match', '"x"');
  expect(res.status).toBe(500);
  expect(wrote).toBe(false);
});

test('an idempotency identify() that throws undefined does not run the handler unguarded', async () => {
  let ran = false;
  const app = express();
  app.use(express.json());
  app.post(
    '/items',
    idempotency({
      identify: () => {
        throw undefined;
      },
    }),
    (_req, res) => {
      ran = true;
      res.json({});
    },
  );
  app.use(errorHandler({ logger: false }));
  const res = await request(app).post('/items').set('Idempotency-Key', 'k-3').send({});
  expect(res.status).toBe(500);
  expect(ran).toBe(false);
});

test('requests waiting for a Redis that accepts but never answers share one ready listener', async () => {
  const { Redis } = await import('ioredis');
  const once = jest.spyOn(Redis.prototype, 'once');
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  const store = new RedisStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: 100 });
  try {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.claim(`k${i}`, 'f', 1000).then(
          () => 'claimed',
          () => 'failed',
        ),
      ),
    );
    expect(results).toEqual(Array(20).fill('failed'));
    const readyListeners = once.mock.calls.filter(([event]) => event === 'ready').length;
    expect(readyListeners).toBeLessThanOrEqual(2);
  } finally {
    once.mockRestore();
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});
