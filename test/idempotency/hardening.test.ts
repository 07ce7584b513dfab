import request from 'supertest';
import { createError, errorHandler } from '../../src';
import { idempotency, MemoryStore, type ClaimResult, type IdempotencyStore, type StoredResponse } from '../../src/idempotency';
import { requestTimeout, timeoutSignal } from '../../src/http';
import { LIBRARY_CODES } from '../../src/catalog/codes';
import { EXPRESS_VERSIONS, expectErrorResponse } from '../helpers/app';
import { delay, itemsApp } from './app';

/** A MemoryStore that records every key name it is asked for, as a Redis client would send it. */
class RecordingStore implements IdempotencyStore {
  readonly inner = new MemoryStore();
  readonly keys: string[] = [];
  claim(key: string, fingerprint: string, lockTimeoutMs: number): ClaimResult {
    this.keys.push(key);
    return this.inner.claim(key, fingerprint, lockTimeoutMs);
  }
  complete(key: string, token: string, fingerprint: string, response: StoredResponse, ttlMs: number): boolean {
    return this.inner.complete(key, token, fingerprint, response, ttlMs);
  }
  release(key: string, token: string): void {
    this.inner.release(key, token);
  }
}

describe.each(EXPRESS_VERSIONS)('idempotency() hardening on %s', (_name, factory) => {
  test("by default two clients with different Authorization and the same key never see each other's response", async () => {
    const { app, calls } = itemsApp({}, factory);
    const alice = await request(app)
      .post('/items')
      .set('Authorization', 'Bearer alice-token')
      .set('Idempotency-Key', 'same')
      .send({ name: 'x' });
    const bob = await request(app)
      .post('/items')
      .set('Authorization', 'Bearer bob-token')
      .set('Idempotency-Key', 'same')
      .send({ name: 'x' });
    expect([alice.status, alice.headers.location, bob.status, bob.headers.location]).toEqual([201, '/items/1', 201, '/items/2']);
    expect(bob.headers['idempotent-replayed']).toBeUndefined();
    // Without credentials there is no client to tell apart: a scope of its own, shared by such requests.
    const anonymous = await request(app).post('/items').set('Idempotency-Key', 'same').send({ name: 'x' });
    expect([anonymous.status, anonymous.headers.location, anonymous.headers['idempotent-replayed']]).toEqual([201, '/items/3', undefined]);
    const again = await request(app)
      .post('/items')
      .set('Authorization', 'Bearer alice-token')
      .set('Idempotency-Key', 'same')
      .send({ name: 'x' });
    expect([again.headers.location, again.headers['idempotent-replayed']]).toEqual(['/items/1', 'true']);
    expect(calls.items).toBe(3);
  });

  test('identities and keys reach the store only as SHA-256 digests: no `:`, no length, no raw value shapes the name', async () => {
    const store = new RecordingStore();
    const { app } = itemsApp({ store, identify: (req) => req.get('x-client') }, factory);
    const longIdentity = 'tenant:'.repeat(50);
    const key = `a:b:${'k'.repeat(250)}`;
    await request(app).post('/items').set('X-Client', longIdentity).set('Idempotency-Key', key).send({});
    await request(app).post('/items').set('Authorization', 'Basic c2VjcmV0').set('Idempotency-Key', 'plain').send({});
    await request(app).post('/items').set('Idempotency-Key', 'x').send({});
    expect(store.keys).toHaveLength(3);
    for (const name of store.keys) expect(name).toMatch(/^[A-Za-z0-9_-]{43}:[A-Za-z0-9_-]{43}$/);
    expect(store.keys.join()).not.toMatch(/tenant|kkkk|plain|c2VjcmV0/);
  });

  test('the in-progress cap is per identity: one client at its cap gets 429, another client still gets through', async () => {
    const { app, calls, gate } = itemsApp({ identify: (req) => req.get('x-client'), maxInProgressPerIdentity: 2 }, factory);
    const server = app.listen(0);
    try {
      const agent = request(server);
      const parked = [1, 2].map((n) =>
        agent
          .post('/items')
          .set('X-Client', 'greedy')
          .set('Idempotency-Key', `p${n}`)
          .send({ action: 'wait' })
          .then((res) => res),
      );
      await gate.reached(2);
      const refused = await agent.post('/items').set('X-Client', 'greedy').set('Idempotency-Key', 'p3').send({});
      expect(expectErrorResponse(refused, 429).error.code).toBe('rate_limit_exceeded');
      expect(refused.headers['retry-after']).toBe('1');
      const other = await agent.post('/items').set('X-Client', 'polite').set('Idempotency-Key', 'p1').send({});
      expect(other.status).toBe(201);
      gate.open();
      expect((await Promise.all(parked)).map((res) => res.status)).toEqual([201, 201]);
      // The refused request claimed nothing: its key is free once the client is under its cap.
      const retry = await agent.post('/items').set('X-Client', 'greedy').set('Idempotency-Key', 'p3').send({});
      expect([retry.status, retry.headers['idempotent-replayed'], calls.items]).toEqual([201, undefined, 4]);
    } finally {
      server.close();
    }
  });

  test('a JSON body nested 10 000 deep is 413 content_too_large, not a 500, and the handler does not run', async () => {
    const { app, calls } = itemsApp({}, factory);
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const res = await request(app).post('/items').set('Idempotency-Key', 'deep').set('Content-Type', 'application/json').send(deep);
    expect(expectErrorResponse(res, 413).error).toEqual({
      code: 'content_too_large',
      message: 'The request body is nested too deeply to be processed; this is permanent: send a flatter body.',
    });
    expect(calls.items).toBe(0);
  });

  test.each([
    [502, 'upstream_unavailable'],
    [504, 'upstream_timeout'],
  ] as const)('a %i the handler answers (%s) is not stored: the retry with the same key runs and succeeds', async (status, code) => {
    const app = factory();
    let runs = 0;
    app.use(factory.json());
    app.post('/pay', idempotency(), (_req, res, next) => {
      runs += 1;
      if (runs === 1) return next(createError(status, 'The payment service failed.', { code }));
      res.status(201).json({ run: runs });
    });
    app.use(errorHandler({ logger: false }));
    const failed = await request(app).post('/pay').set('Idempotency-Key', 'gw').send({ amount: 1 });
    expect(expectErrorResponse(failed, status).error.code).toBe(code);
    const retry = await request(app).post('/pay').set('Idempotency-Key', 'gw').send({ amount: 1 });
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body]).toEqual([201, undefined, { run: 2 }]);
    const replay = await request(app).post('/pay').set('Idempotency-Key', 'gw').send({ amount: 1 });
    expect([replay.status, replay.headers['idempotent-replayed'], runs]).toEqual([201, 'true', 2]);
  });
});

describe.each(EXPRESS_VERSIONS)('idempotency() behind requestTimeout() on %s', (_name, factory) => {
  // A handler that honours timeoutSignal(req): it stops at the abort and answers nothing more.
  function timedApp(lockTimeoutMs: number, workMs: () => number) {
    const app = factory();
    const state = { runs: 0, running: 0, mostAtOnce: 0, stopped: 0 };
    app.use(factory.json());
    app.post('/jobs', requestTimeout({ timeoutMs: 50 }), idempotency({ lockTimeoutMs }), async (req, res) => {
      state.runs += 1;
      state.running += 1;
      state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
      try {
        const signal = timeoutSignal(req);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, workMs());
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new Error('stopped'));
          });
        });
        res.status(201).json({ run: state.runs });
      } catch {
        state.stopped += 1;
      } finally {
        state.running -= 1;
      }
    });
    app.use(errorHandler({ logger: false }));
    return { app, state };
  }

  test('a 504 handler_timeout is not replayed, and the handler never runs twice at once: a retry gets 409 until the lock ends, then succeeds', async () => {
    let work = 200;
    const { app, state } = timedApp(300, () => work);
    const first = await request(app).post('/jobs').set('Idempotency-Key', 'slow').send({});
    expect(expectErrorResponse(first, 504).error.code).toBe('handler_timeout');
    // The first run may still be working as far as the middleware knows: the key stays held.
    const early = await request(app).post('/jobs').set('Idempotency-Key', 'slow').send({});
    expect(expectErrorResponse(early, 409).error.code).toBe('idempotency_key_in_use');
    expect(state.runs).toBe(1);
    work = 0;
    await delay(350);
    const retry = await request(app).post('/jobs').set('Idempotency-Key', 'slow').send({});
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body]).toEqual([201, undefined, { run: 2 }]);
    expect([state.runs, state.stopped, state.mostAtOnce]).toEqual([2, 1, 1]);
    const replay = await request(app).post('/jobs').set('Idempotency-Key', 'slow').send({});
    expect([replay.status, replay.headers['idempotent-replayed'], state.runs]).toEqual([201, 'true', 2]);
  });
});

test('start-up: maxInProgressPerIdentity must be a positive number', () => {
  expect(() => idempotency({ maxInProgressPerIdentity: 0 })).toThrow(RangeError);
});

// RFC 9110 §15.5 and §15.6: the content SHOULD say "whether it is a temporary or permanent condition".
test.each([
  ['idempotency_key_missing', 'permanent'],
  ['idempotency_key_invalid', 'permanent'],
  ['idempotency_key_reused', 'permanent'],
  ['idempotency_key_in_use', 'temporary'],
  ['idempotency_store_unavailable', 'temporary'],
] as const)('the default message of %s says the condition is %s', (code, condition) => {
  expect(LIBRARY_CODES[code].message).toMatch(new RegExp(`; this is ${condition}: .+\\.$`));
  if (condition === 'temporary') expect(LIBRARY_CODES[code].message).toMatch(/Retry-After/);
});
