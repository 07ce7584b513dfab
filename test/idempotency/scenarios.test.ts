import request from 'supertest';
import { eventually } from '../helpers/eventually';
import { delay, itemsApp, listen, post } from './app';
import { storeCases } from './stores';

// What a replay must repeat: status line, the stored headers, the body bytes.
function observable(res: request.Response) {
  return {
    status: res.status,
    phrase: (res as unknown as { res: { statusMessage: string } }).res.statusMessage,
    body: res.text,
    type: res.headers['content-type'],
    location: res.headers.location,
    length: res.headers['content-length'],
    etag: res.headers.etag,
    cacheControl: res.headers['cache-control'],
  };
}

for (const { name, create } of storeCases()) {
  describe(`idempotency() with ${name}`, () => {
    test('50 parallel requests with one key run the handler exactly once; the others get 409, later retries the replay', async () => {
      const { app, calls, gate } = itemsApp({ store: create() });
      const server = await listen(app);
      try {
        const settled: { status: number; headers: Headers; text: string }[] = [];
        const burst = Array.from({ length: 50 }, () =>
          post(`${server.url}/items`, 'hot-key', { action: 'wait', name: 'x' }).then((r) => (settled.push(r), r)),
        );
        // The one that won parks in the handler; every other one must come back 409 meanwhile.
        await gate.reached();
        await eventually(() => settled.length >= 49, 10_000);
        expect(calls.items).toBe(1);
        gate.open();
        const results = await Promise.all(burst);
        const retries = await Promise.all(
          Array.from({ length: 10 }, () => post(`${server.url}/items`, 'hot-key', { action: 'wait', name: 'x' })),
        );
        expect(calls.items).toBe(1);
        const created = results.filter((r) => r.status === 201);
        const busy = results.filter((r) => r.status === 409);
        expect([created.length, busy.length]).toEqual([1, 49]);
        for (const conflict of busy) {
          expect(conflict.headers.get('retry-after')).toBe('1');
          expect(JSON.parse(conflict.text).error.code).toBe('idempotency_key_in_use');
        }
        for (const replay of retries) {
          expect([replay.status, replay.headers.get('idempotent-replayed'), replay.text]).toEqual([
            201,
            'true',
            (created[0] as { text: string }).text,
          ]);
          expect(replay.headers.get('location')).toBe('/items/1');
        }
      } finally {
        await server.close();
      }
    });

    test('a handler that throws: the error response errorHandler wrote is replayed byte for byte', async () => {
      const { app, calls } = itemsApp({ store: create() });
      const first = await request(app).post('/items').set('Idempotency-Key', 'throws').send({ action: 'fail' });
      expect(first.status).toBe(500);
      const replay = await request(app).post('/items').set('Idempotency-Key', 'throws').send({ action: 'fail' });
      expect(observable(replay)).toEqual(observable(first));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(calls.items).toBe(1);
    });

    test('a 201 with Location is replayed byte for byte', async () => {
      const { app, calls } = itemsApp({ store: create() });
      const first = await request(app).post('/items').set('Idempotency-Key', 'created').send({ name: 'n' });
      expect([first.status, first.headers.location]).toEqual([201, '/items/1']);
      const replay = await request(app).post('/items').set('Idempotency-Key', 'created').send({ name: 'n' });
      expect(observable(replay)).toEqual(observable(first));
      expect(calls.items).toBe(1);
    });

    test('a handler that hangs past the lock timeout releases the key; the retry runs and its response is replayed byte for byte', async () => {
      const { app, calls, gate } = itemsApp({ store: create(), lockTimeoutMs: 150 });
      const hung = request(app)
        .post('/items')
        .set('Idempotency-Key', 'hangs')
        .send({ action: 'wait' })
        .then((res) => res);
      await gate.reached();
      const early = await request(app).post('/items').set('Idempotency-Key', 'hangs').send({ action: 'wait' });
      expect(early.status).toBe(409);
      await delay(200);
      // The lock expired: this retry claims the key; its handler parks too, then both finish.
      const retry = request(app)
        .post('/items')
        .set('Idempotency-Key', 'hangs')
        .send({ action: 'wait' })
        .then((res) => res);
      await gate.reached(2);
      gate.open();
      const [late, second] = await Promise.all([hung, retry]);
      expect([late.status, second.status, calls.items]).toEqual([201, 201, 2]);
      const replay = await request(app).post('/items').set('Idempotency-Key', 'hangs').send({ action: 'wait' });
      // The retry's response is the one kept: the hung request's late answer could not overwrite its claim.
      expect(late.text).not.toBe(second.text);
      expect(observable(replay)).toEqual(observable(second));
      const again = await request(app).post('/items').set('Idempotency-Key', 'hangs').send({ action: 'wait' });
      expect(again.text).toBe(replay.text);
      expect(calls.items).toBe(2);
    });
  });
}
