// A Redis that accepts TCP connections but never answers (a hung server, a black-holing proxy):
// what waits for it must be bounded in time and in number.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import request from 'supertest';
import { RedisStore } from '../../src/idempotency';
import { expectErrorResponse } from '../helpers/app';
import { itemsApp } from './app';

let silent: Server;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Reads and drops every byte: ioredis connects, sends its ready check, and never hears back.
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  url = `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

const settle = (promise: Promise<unknown>): Promise<{ outcome: string; ms: number }> => {
  const started = Date.now();
  return promise.then(
    () => ({ outcome: 'claimed', ms: Date.now() - started }),
    () => ({ outcome: 'failed', ms: Date.now() - started }),
  );
};

test('RedisStore({ url }): a claim waits at most readyTimeoutMs for the connection, then fails; the waiting set drains', async () => {
  // timeoutMs is long on purpose: the connection wait has its own, shorter limit.
  const store = new RedisStore({ url, timeoutMs: 10_000, readyTimeoutMs: 200 });
  try {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => settle(store.claim(`k${i}`, 'f', 1000))));
    expect(results.map((r) => r.outcome)).toEqual(Array(20).fill('failed'));
    for (const { ms } of results) expect(ms).toBeLessThan(1000);
    expect(store.waiting).toBe(0);
  } finally {
    await store.close();
  }
});

test('past maxWaitingRequests waiting for the connection, a claim fails at once instead of joining the queue', async () => {
  const store = new RedisStore({ url, timeoutMs: 10_000, readyTimeoutMs: 300, maxWaitingRequests: 5 });
  try {
    const first = Array.from({ length: 5 }, (_, i) => settle(store.claim(`w${i}`, 'f', 1000)));
    // Let the first five reach the wait (the client is created on first use).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.waiting).toBe(5);
    const overflow = await Promise.all(Array.from({ length: 50 }, (_, i) => settle(store.claim(`o${i}`, 'f', 1000))));
    for (const result of overflow) {
      expect(result.outcome).toBe('failed');
      // Below readyTimeoutMs (300): a claim that joined the wait would fail only then.
      expect(result.ms).toBeLessThan(250);
    }
    expect(store.waiting).toBe(5);
    expect((await Promise.all(first)).map((r) => r.outcome)).toEqual(Array(5).fill('failed'));
    expect(store.waiting).toBe(0);
  } finally {
    await store.close();
  }
});

test("a client you own, with ioredis's offline queue: nothing is queued for a connection that never becomes ready, and the middleware answers 503 with Retry-After in time", async () => {
  // ioredis's defaults: commands wait in its offline queue until the connection is ready.
  const client = new Redis(url, { retryStrategy: () => 50 });
  client.on('error', () => undefined);
  try {
    const store = new RedisStore({ client, timeoutMs: 10_000, readyTimeoutMs: 250 });
    const { app, calls } = itemsApp({ store });
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => request(app).post('/items').set('Idempotency-Key', `q${i}`).send({})),
    );
    expect(Date.now() - started).toBeLessThan(1500);
    for (const res of responses) {
      expect(expectErrorResponse(res, 503).error.code).toBe('idempotency_store_unavailable');
      expect(res.headers['retry-after']).toBe('1');
    }
    expect(calls.items).toBe(0);
    // What ioredis keeps for commands sent before `ready` (each with our script, key and token).
    expect((client as unknown as { offlineQueue: { length: number } }).offlineQueue.length).toBe(0);
    expect(store.waiting).toBe(0);
  } finally {
    client.disconnect();
  }
});

test('start-up: readyTimeoutMs and maxWaitingRequests must be positive', () => {
  expect(() => new RedisStore({ url, readyTimeoutMs: 0 })).toThrow(RangeError);
  expect(() => new RedisStore({ url, maxWaitingRequests: -1 })).toThrow(RangeError);
});
