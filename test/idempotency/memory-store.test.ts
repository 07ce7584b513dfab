import { MemoryStore, type StoredResponse } from '../../src/idempotency';

const body = (bytes: number): StoredResponse => ({
  status: 201,
  headers: [['content-type', 'text/plain']],
  body: Buffer.alloc(bytes, 120),
});

function finish(store: MemoryStore, key: string, bytes = 10, ttlMs = 60_000): void {
  const claim = store.claim(key, 'fp', 60_000);
  if (claim.state !== 'claimed') throw new Error(`${key} not claimed`);
  expect(store.complete(key, claim.token, 'fp', body(bytes), ttlMs)).toBe(true);
}

describe('MemoryStore bounds', () => {
  test('the default TTL is set by the middleware; entries expire on the store clock', () => {
    let now = 1_000;
    const store = new MemoryStore({ now: () => now });
    finish(store, 'a', 10, 24 * 60 * 60 * 1000);
    now += 24 * 60 * 60 * 1000 - 1;
    expect(store.claim('a', 'fp', 1).state).toBe('completed');
    now += 1;
    expect(store.claim('a', 'fp', 1).state).toBe('claimed');
  });

  test('maxEntries: the oldest finished entries are evicted, the size never exceeds the bound', () => {
    const store = new MemoryStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      finish(store, key);
      expect(store.size).toBeLessThanOrEqual(3);
    }
    expect(store.claim('a', 'fp', 1000).state).toBe('claimed');
    expect(store.claim('e', 'fp', 1000).state).toBe('completed');
  });

  test('in-progress entries are never evicted: when all are in progress, a new claim is refused', () => {
    const store = new MemoryStore({ maxEntries: 2 });
    expect(store.claim('a', 'fp', 60_000).state).toBe('claimed');
    expect(store.claim('b', 'fp', 60_000).state).toBe('claimed');
    expect(() => store.claim('c', 'fp', 60_000)).toThrow('MemoryStore is full');
    expect(store.claim('a', 'fp', 60_000).state).toBe('in_progress');
  });

  test('expired locks make room', () => {
    let now = 0;
    const store = new MemoryStore({ maxEntries: 1, now: () => now });
    store.claim('a', 'fp', 100);
    now = 100;
    expect(store.claim('b', 'fp', 100).state).toBe('claimed');
    expect(store.size).toBe(1);
  });

  test('maxBytes bounds the bytes held; a response alone larger than the bound is not stored', () => {
    const store = new MemoryStore({ maxBytes: 4096 });
    for (let i = 0; i < 20; i += 1) {
      finish(store, `k${i}`, 1000);
      expect(store.bytes).toBeLessThanOrEqual(4096);
    }
    expect(store.size).toBeLessThan(20);
    const claim = store.claim('huge', 'fp', 1000);
    if (claim.state !== 'claimed') throw new Error('not claimed');
    expect(store.complete('huge', claim.token, 'fp', body(10_000), 1000)).toBe(false);
    expect(store.bytes).toBeLessThanOrEqual(4096);
  });

  test('expired responses are swept as new keys arrive, and their bytes freed', () => {
    let now = 0;
    const store = new MemoryStore({ maxEntries: 2, now: () => now });
    finish(store, 'a', 1000, 10);
    finish(store, 'b', 1000, 10);
    const full = store.bytes;
    expect(full).toBeGreaterThan(2000);
    now = 20;
    expect(store.claim('c', 'fp', 60_000).state).toBe('claimed');
    expect(store.claim('d', 'fp', 60_000).state).toBe('claimed');
    expect(store.size).toBe(2);
    expect(store.bytes).toBeLessThan(1000);
  });
});
