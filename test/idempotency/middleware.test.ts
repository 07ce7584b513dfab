import request from 'supertest';
import { idempotency, installResponseCapture, MemoryStore, type IdempotencyStore } from '../../src/idempotency';
import { EXPRESS_VERSIONS, expectErrorResponse } from '../helpers/app';
import { delay, itemsApp } from './app';

// Headers a replay must repeat exactly as the first response sent them.
const REPLAYED = ['content-type', 'location', 'etag', 'content-length', 'cache-control', 'x-content-type-options', 'retry-after'];

function expectReplayOf(replay: request.Response, first: request.Response): void {
  expect(replay.status).toBe(first.status);
  expect((replay as unknown as { res: { statusMessage: string } }).res.statusMessage).toBe(
    (first as unknown as { res: { statusMessage: string } }).res.statusMessage,
  );
  expect(replay.text).toBe(first.text);
  for (const name of REPLAYED) expect([name, replay.headers[name]]).toEqual([name, first.headers[name]]);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
}

describe.each(EXPRESS_VERSIONS)('idempotency() on %s', (_name, express) => {
  test('a retry with the same key and body replays the 201 with its Location, byte for byte, without running the handler', async () => {
    const { app, calls } = itemsApp({}, express);
    const first = await request(app).post('/items').set('Idempotency-Key', 'key-1').send({ name: 'a' });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe('/items/1');
    expect(first.body).toEqual({ data: { id: 1, name: 'a' } });
    const replay = await request(app).post('/items').set('Idempotency-Key', 'key-1').send({ name: 'a' });
    expectReplayOf(replay, first);
    expect(calls.items).toBe(1);
    // The replay keeps its own request id header; the stored body is the first response's.
    expect(replay.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  test.each([
    ['per-response capture', false],
    ['installResponseCapture(app)', true],
  ])(
    'with %s, a replay repeats the named headers as sent (numbers, lists, writeHead) in their order, and no other',
    async (_capture, installed) => {
      const app = express();
      if (installed) installResponseCapture(app);
      app.use(express.json());
      let runs = 0;
      app.post('/exports', idempotency({ replayHeaders: ['X-Export-Id', 'Link'] }), (_req, res) => {
        runs += 1;
        res.setHeader('Link', ['</exports/1>; rel="self"', '</exports>; rel="collection"']);
        res.setHeader('X-Export-Id', 7);
        res.setHeader('X-Debug', 'not replayed');
        res.writeHead(202, { Location: '/exports/1', 'Content-Type': 'application/json' });
        res.end('{"id":1}');
      });
      const send = () => request(app).post('/exports').set('Idempotency-Key', 'k-1').send({});
      const first = await send();
      const replay = await send();
      const named = (res: request.Response) => [
        res.headers.link,
        res.headers['x-export-id'],
        res.headers.location,
        res.headers['content-type'],
      ];
      expect(named(first)).toEqual(['</exports/1>; rel="self", </exports>; rel="collection"', '7', '/exports/1', 'application/json']);
      expect([replay.status, replay.text, ...named(replay), replay.headers['x-debug'], runs]).toEqual([
        202,
        '{"id":1}',
        ...named(first),
        undefined,
        1,
      ]);
      // In the order the handler set them (a list is one field line per value, as Node sends it).
      const rawNames = (replay as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders.filter((_value, index) => index % 2 === 0);
      expect(rawNames.filter((name) => /^(link|x-export-id|location|content-type)$/i.test(name)).map((name) => name.toLowerCase())).toEqual(
        ['link', 'link', 'x-export-id', 'location', 'content-type'],
      );
    },
  );

  test('requests without a key run the handler every time', async () => {
    const { app, calls } = itemsApp({}, express);
    const a = await request(app).post('/items').send({ name: 'a' });
    const b = await request(app).post('/items').send({ name: 'a' });
    expect([a.status, b.status, a.headers.location, b.headers.location]).toEqual([201, 201, '/items/1', '/items/2']);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.items).toBe(2);
  });

  test('a quoted key (Structured Field String) and the same key bare are one key', async () => {
    const { app, calls } = itemsApp({}, express);
    await request(app).post('/items').set('Idempotency-Key', '"k\\"1"').send({});
    const replay = await request(app).post('/items').set('Idempotency-Key', 'k"1').send({});
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(calls.items).toBe(1);
  });

  test('required: true answers 400 idempotency_key_missing without running the handler', async () => {
    const { app, calls } = itemsApp({ required: true }, express);
    const res = await request(app).post('/items').send({});
    const body = expectErrorResponse(res, 400);
    expect(body.error).toEqual({
      code: 'idempotency_key_missing',
      message: 'This request requires an Idempotency-Key header; this is permanent: send it again with one.',
    });
    expect(calls.items).toBe(0);
  });

  test.each([
    ['empty quoted', '""'],
    ['unterminated quote', '"abc'],
    ['bad escape', '"a\\b"'],
    ['256 characters', 'k'.repeat(256)],
    ['quoted 256 characters', `"${'k'.repeat(256)}"`],
    ['non-ASCII', 'caf\u00e9'],
    ['malformed parameters', '"abc";X=1'],
    ['text after the string', '"abc" x'],
  ])('a malformed key (%s) is a 400 idempotency_key_invalid', async (_case, key) => {
    const { app, calls } = itemsApp({}, express);
    const res = await request(app).post('/items').set('Idempotency-Key', key).send({});
    expect(expectErrorResponse(res, 400).error.code).toBe('idempotency_key_invalid');
    expect(calls.items).toBe(0);
  });

  test('an sf-string with parameters is its string: `"abc";v=1` and `abc` are one key (RFC 9651 §3.1.2)', async () => {
    const { app, calls } = itemsApp({}, express);
    const first = await request(app).post('/items').set('Idempotency-Key', '"abc";v=1;note="x, y"').send({});
    const replay = await request(app).post('/items').set('Idempotency-Key', 'abc').send({});
    expect([first.status, replay.status, replay.headers['idempotent-replayed'], calls.items]).toEqual([201, 201, 'true', 1]);
  });

  test('two Idempotency-Key fields are a 400, not one key "a, b"', async () => {
    const { app, calls } = itemsApp({}, express);
    const res = await request(app)
      .post('/items')
      .set('Idempotency-Key', ['a', 'b'] as unknown as string)
      .send({});
    expect(expectErrorResponse(res, 400).error.code).toBe('idempotency_key_invalid');
    const single = await request(app).post('/items').set('Idempotency-Key', 'a, b').send({});
    expect(single.status).toBe(201);
    expect(calls.items).toBe(1);
  });

  test('a 255-character key is accepted', async () => {
    const { app } = itemsApp({}, express);
    const res = await request(app).post('/items').set('Idempotency-Key', 'k'.repeat(255)).send({});
    expect(res.status).toBe(201);
  });

  test('the key reused with another body or on another path is a 422 idempotency_key_reused', async () => {
    const { app, calls } = itemsApp({}, express);
    await request(app).post('/items').set('Idempotency-Key', 'key-2').send({ name: 'a' });
    const otherBody = await request(app).post('/items').set('Idempotency-Key', 'key-2').send({ name: 'b' });
    expect(expectErrorResponse(otherBody, 422, 'Unprocessable Content').error).toEqual({
      code: 'idempotency_key_reused',
      message: 'This Idempotency-Key was used with a different request; this is permanent: use a new key for a new request.',
    });
    const otherPath = await request(app).post('/other').set('Idempotency-Key', 'key-2').send({ name: 'a' });
    expect(expectErrorResponse(otherPath, 422).error.code).toBe('idempotency_key_reused');
    const otherQuery = await request(app).post('/items?dry_run=1').set('Idempotency-Key', 'key-2').send({ name: 'a' });
    expect(otherQuery.status).toBe(422);
    expect(calls.items).toBe(1);
  });

  test('fingerprint: false compares nothing: another body replays the first response', async () => {
    const { app, calls } = itemsApp({ fingerprint: false }, express);
    await request(app).post('/items').set('Idempotency-Key', 'k').send({ name: 'a' });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({ name: 'b' });
    expect([res.status, res.body]).toEqual([201, { data: { id: 1, name: 'a' } }]);
    expect(calls.items).toBe(1);
  });

  test('a retry while the first request runs is a 409 idempotency_key_in_use with Retry-After, not stored', async () => {
    const { app, calls, gate } = itemsApp({ retryAfter: 2 }, express);
    const first = request(app)
      .post('/items')
      .set('Idempotency-Key', 'busy')
      .send({ action: 'wait' })
      .then((res) => res);
    await gate.reached();
    const busy = await request(app).post('/items').set('Idempotency-Key', 'busy').send({ action: 'wait' });
    expect(expectErrorResponse(busy, 409).error).toEqual({
      code: 'idempotency_key_in_use',
      message: 'A request with this Idempotency-Key is still being processed; this is temporary: retry after the time in Retry-After.',
    });
    expect(busy.headers['retry-after']).toBe('2');
    // Another body while the first runs is a misuse, not a retry.
    const reused = await request(app).post('/items').set('Idempotency-Key', 'busy').send({ action: 'create' });
    expect(reused.status).toBe(422);
    gate.open();
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await request(app).post('/items').set('Idempotency-Key', 'busy').send({ action: 'wait' });
    expectReplayOf(replay, done);
    expect(calls.items).toBe(1);
  });

  test('a thrown 5xx is stored and replayed byte for byte (first request id included), without its internals', async () => {
    const { app, calls } = itemsApp({}, express);
    const first = await request(app).post('/items').set('Idempotency-Key', 'boom').send({ action: 'fail' });
    const body = expectErrorResponse(first, 500);
    expect(first.text).not.toContain('hunter2');
    const replay = await request(app).post('/items').set('Idempotency-Key', 'boom').send({ action: 'fail' });
    expectReplayOf(replay, first);
    expect((replay.body as typeof body).meta.request_id).toBe(body.meta.request_id);
    expect(calls.items).toBe(1);
  });

  test('a thrown 400 with details is stored and replayed', async () => {
    const { app, calls } = itemsApp({}, express);
    const first = await request(app).post('/items').set('Idempotency-Key', 'bad').send({ action: 'fail', status: 400 });
    expect(expectErrorResponse(first, 400).error.details).toEqual([{ path: 'body.name', call: 1 }]);
    const replay = await request(app).post('/items').set('Idempotency-Key', 'bad').send({ action: 'fail', status: 400 });
    expectReplayOf(replay, first);
    expect(calls.items).toBe(1);
  });

  test('storeServerErrors: false leaves a 5xx retryable: the retry runs the handler again', async () => {
    const { app, calls } = itemsApp({ storeServerErrors: false }, express);
    await request(app).post('/items').set('Idempotency-Key', 'flaky').send({ action: 'fail' });
    const retry = await request(app).post('/items').set('Idempotency-Key', 'flaky').send({ action: 'fail' });
    expect(retry.status).toBe(500);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.items).toBe(2);
    await request(app).post('/items').set('Idempotency-Key', 'flaky-400').send({ action: 'fail', status: 400 });
    const stored = await request(app).post('/items').set('Idempotency-Key', 'flaky-400').send({ action: 'fail', status: 400 });
    expect(stored.headers['idempotent-replayed']).toBe('true');
  });

  test.each([408, 425, 429, 503])('a %i (come back later) is not stored: the retry runs the handler again', async (status) => {
    const { app, calls } = itemsApp({}, express);
    await request(app).post('/items').set('Idempotency-Key', `later-${status}`).send({ action: 'fail', status });
    const retry = await request(app).post('/items').set('Idempotency-Key', `later-${status}`).send({ action: 'fail', status });
    expect(retry.status).toBe(status);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.items).toBe(2);
  });

  test('a streamed body (several write() calls, chunked) replays with the same bytes', async () => {
    const { app, calls } = itemsApp({}, express);
    const first = await request(app).post('/items').set('Idempotency-Key', 's').send({ action: 'stream' });
    expect(first.text).toBe('part one of 1\npart two\nend\n');
    const replay = await request(app).post('/items').set('Idempotency-Key', 's').send({ action: 'stream' });
    expect([replay.status, replay.text, replay.headers['content-type']]).toEqual([200, first.text, first.headers['content-type']]);
    expect(calls.items).toBe(1);
  });

  test('headers and reason phrase given to writeHead() are replayed', async () => {
    const { app } = itemsApp({}, express);
    const first = await request(app).post('/items').set('Idempotency-Key', 'w').send({ action: 'write-head' });
    expect([first.status, first.headers.location]).toEqual([202, '/jobs/1']);
    const replay = await request(app).post('/items').set('Idempotency-Key', 'w').send({ action: 'write-head' });
    expectReplayOf(replay, first);
    expect((replay as unknown as { res: { statusMessage: string } }).res.statusMessage).toBe('Accepted For Later');
  });

  test("keys are scoped by identify(): one client never gets another client's response", async () => {
    const { app, calls } = itemsApp({ identify: (req) => req.get('x-client') }, express);
    const a = await request(app).post('/items').set('Idempotency-Key', 'same').set('X-Client', 'alice').send({ name: 'x' });
    const b = await request(app).post('/items').set('Idempotency-Key', 'same').set('X-Client', 'bob').send({ name: 'x' });
    expect([a.headers.location, b.headers.location]).toEqual(['/items/1', '/items/2']);
    const again = await request(app).post('/items').set('Idempotency-Key', 'same').set('X-Client', 'alice').send({ name: 'x' });
    expect(again.headers.location).toBe('/items/1');
    // "a:b" + "c" and "a" + "b:c" are distinct scopes.
    await request(app).post('/items').set('Idempotency-Key', 'c').set('X-Client', 'a:b').send({});
    const other = await request(app).post('/items').set('Idempotency-Key', 'b:c').set('X-Client', 'a').send({});
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(calls.items).toBe(4);
  });

  test('GET (not in methods) ignores the key', async () => {
    const { app } = itemsApp({}, express);
    const res = await request(app).get('/items').set('Idempotency-Key', 'g');
    const again = await request(app).get('/items').set('Idempotency-Key', '"bad');
    expect([res.status, again.status, again.headers['idempotent-replayed']]).toEqual([200, 200, undefined]);
  });

  test('a response larger than maxBodyBytes is sent but not stored: the key is released', async () => {
    const { app, calls } = itemsApp({ maxBodyBytes: 16 }, express);
    const first = await request(app).post('/items').set('Idempotency-Key', 'big').send({ name: 'a long enough name' });
    expect(first.status).toBe(201);
    const retry = await request(app).post('/items').set('Idempotency-Key', 'big').send({ name: 'a long enough name' });
    expect([retry.status, retry.headers['idempotent-replayed'], calls.items]).toEqual([201, undefined, 2]);
  });
});

describe('idempotency() when the store fails', () => {
  const broken: IdempotencyStore = {
    claim: () => Promise.reject(new Error('ECONNREFUSED')),
    complete: () => Promise.reject(new Error('ECONNREFUSED')),
    release: () => Promise.reject(new Error('ECONNREFUSED')),
  };

  test('fails closed: 503 idempotency_store_unavailable with Retry-After, the handler does not run', async () => {
    const errors: unknown[] = [];
    const { app, calls } = itemsApp({ store: broken, onError: (error) => errors.push(error) });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect(expectErrorResponse(res, 503).error).toEqual({
      code: 'idempotency_store_unavailable',
      message: 'The idempotency store is unavailable; this is temporary: retry after the time in Retry-After.',
    });
    expect(res.headers['retry-after']).toBe('1');
    expect(calls.items).toBe(0);
    expect(errors).toEqual([new Error('ECONNREFUSED')]);
  });

  test('an onError that throws changes nothing: still a 503, and a stored response still sent', async () => {
    const onError = () => {
      throw new Error('logger down');
    };
    const down = itemsApp({ store: broken, onError });
    expect((await request(down.app).post('/items').set('Idempotency-Key', 'k').send({})).status).toBe(503);
    const memory = new MemoryStore();
    const failing: IdempotencyStore = { claim: (...args) => memory.claim(...args), complete: broken.complete, release: broken.release };
    const up = itemsApp({ store: failing, onError });
    expect((await request(up.app).post('/items').set('Idempotency-Key', 'k').send({})).status).toBe(201);
  });

  test('failOpen: true runs the handler unprotected', async () => {
    const { app, calls } = itemsApp({ store: broken, failOpen: true });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([res.status, calls.items]).toEqual([201, 1]);
  });

  test('a store that fails after the claim still lets the response through, and reports it', async () => {
    const memory = new MemoryStore();
    const errors: unknown[] = [];
    const failing: IdempotencyStore = { claim: (...args) => memory.claim(...args), complete: broken.complete, release: broken.release };
    const { app } = itemsApp({ store: failing, onError: (error) => errors.push(error) });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect(res.status).toBe(201);
    expect(errors).toHaveLength(1);
  });

  test('a response whose lock expired and was taken over is not stored over the new owner, and is reported', async () => {
    const errors: unknown[] = [];
    const { app, gate, calls } = itemsApp({ lockTimeoutMs: 50, onError: (error) => errors.push(error) });
    const slow = request(app)
      .post('/items')
      .set('Idempotency-Key', 'k')
      .send({ action: 'wait' })
      .then((res) => res);
    await gate.reached();
    await delay(80);
    const takeover = request(app)
      .post('/items')
      .set('Idempotency-Key', 'k')
      .send({ action: 'wait' })
      .then((res) => res);
    await gate.reached(2);
    gate.open();
    const [a, b] = await Promise.all([slow, takeover]);
    expect([a.status, b.status, calls.items]).toEqual([201, 201, 2]);
    const replay = await request(app).post('/items').set('Idempotency-Key', 'k').send({ action: 'wait' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect([a.text, b.text]).toContain(replay.text);
    expect(errors).toHaveLength(1);
  });
});

describe('idempotency() with stores that answer at once', () => {
  test('a claim that throws (MemoryStore full of requests in progress) is a 503, and the handler does not run', async () => {
    const store = new MemoryStore({ maxEntries: 1 });
    store.claim(':held', 'fp', 60_000);
    const errors: unknown[] = [];
    const { app, calls } = itemsApp({ store, onError: (error) => errors.push(error) });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect(expectErrorResponse(res, 503).error.code).toBe('idempotency_store_unavailable');
    expect(res.headers['retry-after']).toBe('1');
    expect(calls.items).toBe(0);
    expect(errors).toEqual([new Error('MemoryStore is full: every entry is still in progress')]);
  });

  test('a complete() that throws still lets the response through, and reports it', async () => {
    const memory = new MemoryStore();
    const errors: unknown[] = [];
    const store: IdempotencyStore = {
      claim: (...args) => memory.claim(...args),
      complete: () => {
        throw new Error('disk full');
      },
      release: (...args) => memory.release(...args),
    };
    const { app } = itemsApp({ store, onError: (error) => errors.push(error) });
    const res = await request(app).post('/items').set('Idempotency-Key', 'k').send({});
    expect([res.status, res.body]).toEqual([201, { data: { id: 1, name: null } }]);
    expect(errors).toEqual([new Error('disk full')]);
  });

  test('a store answering with thenables that are not Promises is awaited like one', async () => {
    const memory = new MemoryStore();
    // A minimal PromiseLike, as some clients return: `then` only, settled on a later tick.
    const later = <T>(value: () => T): PromiseLike<T> => ({
      then: (onFulfilled, onRejected) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 5)).then(onFulfilled, onRejected),
    });
    const store: IdempotencyStore = {
      claim: (...args) => later(() => memory.claim(...args)),
      complete: (...args) => later(() => memory.complete(...args)),
      release: (...args) => later(() => memory.release(...args)),
    };
    const { app, calls } = itemsApp({ store });
    const first = await request(app).post('/items').set('Idempotency-Key', 'k').send({ name: 'a' });
    const replay = await request(app).post('/items').set('Idempotency-Key', 'k').send({ name: 'a' });
    expect([first.status, replay.status, calls.items]).toEqual([201, 201, 1]);
    expect(replay.text).toBe(first.text);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  test('MemoryStore keeps its own copy of the body: a buffer the handler reuses afterwards does not change the replay', async () => {
    const express = (await import('express')).default;
    const app = express();
    const buffer = Buffer.from('{"id":"original"}');
    app.post('/reuse', express.json(), idempotency(), (_req, res) => {
      res.type('application/json').end(buffer, () => buffer.fill(0x20));
    });
    const first = await request(app).post('/reuse').set('Idempotency-Key', 'k').send({});
    expect(buffer.toString()).toBe(' '.repeat(buffer.length));
    const replay = await request(app).post('/reuse').set('Idempotency-Key', 'k').send({});
    expect([first.text, replay.text, replay.headers['idempotent-replayed']]).toEqual(['{"id":"original"}', '{"id":"original"}', 'true']);
  });
});

describe('idempotency() options', () => {
  test.each([{ ttlMs: 0 }, { lockTimeoutMs: -1 }, { retryAfter: Number.NaN }, { maxBodyBytes: 0 }])('rejects %p', (options) => {
    expect(() => itemsApp(options)).toThrow(RangeError);
  });
});
