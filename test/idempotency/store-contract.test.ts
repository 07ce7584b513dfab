import { randomBytes } from 'node:crypto';
import type { StoredResponse } from '../../src/idempotency';
import { delay } from './app';
import { storeCases } from './stores';

const response = (text: string): StoredResponse => ({
  status: 201,
  statusMessage: 'Created',
  headers: [
    ['content-type', 'application/json; charset=utf-8'],
    ['location', '/items/1'],
    ['link', ['</a>; rel="next"', '</b>; rel="prev"']],
  ],
  body: Buffer.from(text),
});

for (const store of storeCases()) {
  describe(`${store.name}: the IdempotencyStore contract`, () => {
    test('claim, then in_progress for the others, then completed with the stored response', async () => {
      const s = store.create();
      const claim = await s.claim('k', 'fp', 10_000);
      expect(claim.state).toBe('claimed');
      expect(await s.claim('k', 'fp2', 10_000)).toEqual({ state: 'in_progress', fingerprint: 'fp' });
      if (claim.state !== 'claimed') throw new Error('unreachable');
      expect(await s.complete('k', claim.token, 'fp', response('{"id":1}'), 10_000)).toBe(true);
      expect(await s.claim('k', 'other', 10_000)).toEqual({ state: 'completed', fingerprint: 'fp', response: response('{"id":1}') });
    });

    test('binary bodies and empty ones round-trip exactly', async () => {
      const s = store.create();
      const bytes = randomBytes(4096);
      for (const [key, body] of [
        ['bin', bytes],
        ['empty', Buffer.alloc(0)],
      ] as const) {
        const claim = await s.claim(key, 'fp', 10_000);
        if (claim.state !== 'claimed') throw new Error('not claimed');
        await s.complete(key, claim.token, 'fp', { status: 204, headers: [], body }, 10_000);
        const found = await s.claim(key, 'fp', 10_000);
        expect(found.state === 'completed' && found.response.body.equals(body)).toBe(true);
        expect(found.state === 'completed' && found.response.statusMessage).toBeUndefined();
      }
    });

    test('release frees the key for its holder only', async () => {
      const s = store.create();
      const claim = await s.claim('k', 'fp', 10_000);
      if (claim.state !== 'claimed') throw new Error('not claimed');
      await s.release('k', 'someone-else');
      expect((await s.claim('k', 'fp', 10_000)).state).toBe('in_progress');
      await s.release('k', claim.token);
      expect((await s.claim('k', 'fp', 10_000)).state).toBe('claimed');
    });

    test('an expired lock can be taken over, and the late holder cannot overwrite the new one', async () => {
      const s = store.create();
      const old = await s.claim('k', 'fp', 40);
      await delay(70);
      const fresh = await s.claim('k', 'fp', 10_000);
      if (old.state !== 'claimed' || fresh.state !== 'claimed') throw new Error('not claimed');
      expect(fresh.token).not.toBe(old.token);
      expect(await s.complete('k', old.token, 'fp', response('old'), 10_000)).toBe(false);
      await s.release('k', old.token);
      expect(await s.complete('k', fresh.token, 'fp', response('new'), 10_000)).toBe(true);
      expect(await s.complete('k', old.token, 'fp', response('old'), 10_000)).toBe(false);
      const found = await s.claim('k', 'fp', 10_000);
      expect(found.state === 'completed' && found.response.body.toString()).toBe('new');
    });

    test('a holder whose lock expired with nobody else waiting still stores its response', async () => {
      const s = store.create();
      const claim = await s.claim('k', 'fp', 30);
      await delay(60);
      if (claim.state !== 'claimed') throw new Error('not claimed');
      expect(await s.complete('k', claim.token, 'fp', response('late'), 10_000)).toBe(true);
      expect((await s.claim('k', 'fp', 10_000)).state).toBe('completed');
    });

    test('stored responses expire after their TTL', async () => {
      const s = store.create();
      const claim = await s.claim('k', 'fp', 10_000);
      if (claim.state !== 'claimed') throw new Error('not claimed');
      // A TTL long enough that a stalled CI machine still finds the response before it expires.
      await s.complete('k', claim.token, 'fp', response('x'), 300);
      expect((await s.claim('k', 'fp', 10_000)).state).toBe('completed');
      await delay(350);
      expect((await s.claim('k', 'fp', 10_000)).state).toBe('claimed');
    });

    test('50 concurrent claims of one key: exactly one wins', async () => {
      const s = store.create();
      const results = await Promise.all(Array.from({ length: 50 }, async () => s.claim('hot', 'fp', 10_000)));
      expect(results.filter((r) => r.state === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r.state === 'in_progress')).toHaveLength(49);
    });

    test('keys are independent', async () => {
      const s = store.create();
      expect((await s.claim('a', 'fp', 10_000)).state).toBe('claimed');
      expect((await s.claim('b', 'fp', 10_000)).state).toBe('claimed');
    });
  });
}
