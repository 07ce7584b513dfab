import fc from 'fast-check';
import request from 'supertest';
import { itemsApp } from './app';
import { storeCases } from './stores';

type Body = { name: string } | { action: 'fail'; status: 400 } | { action: 'fail'; status: 500 };
interface Step {
  readonly key: string | undefined;
  readonly body: Body;
}

const step: fc.Arbitrary<Step> = fc.record({
  key: fc.constantFrom('k1', 'k2', '"k3"', 'k3', undefined),
  body: fc.constantFrom<Body>({ name: 'a' }, { name: 'b' }, { action: 'fail', status: 400 }, { action: 'fail', status: 500 }),
});

// The reference model: a map from key to the first body and the exact text answered to it.
interface Observed {
  readonly status: number;
  readonly replayed: boolean;
  readonly text: string;
}

/** What the handler answers on its `n`th run: status, and the body fields that do not depend on the request id. */
function handlerAnswer(n: number, body: Body): { status: number; check(text: string): void } {
  if ('name' in body) {
    return { status: 201, check: (text) => expect(JSON.parse(text)).toEqual({ data: { id: n, name: body.name } }) };
  }
  if (body.status === 400) {
    return {
      status: 400,
      check: (text) =>
        expect(JSON.parse(text).error).toEqual({
          code: 'validation_error',
          message: `Item ${n} is invalid.`,
          details: [{ path: 'body.name', call: n }],
        }),
    };
  }
  return { status: 500, check: (text) => expect(JSON.parse(text).error.code).toBe('internal_error') };
}

const unquote = (key: string): string => key.replace(/^"(.*)"$/, '$1');

for (const { name, create } of storeCases()) {
  test(`${name}: random (key, body) sequences answer as the reference model`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const { app, calls } = itemsApp({ store: create() });
        const model = new Map<string, { body: string; first: Observed }>();
        let runs = 0;
        for (const { key, body } of steps) {
          let req = request(app).post('/items');
          if (key !== undefined) req = req.set('Idempotency-Key', key);
          const res = await req.send(body);
          const actual: Observed = { status: res.status, replayed: res.headers['idempotent-replayed'] === 'true', text: res.text };
          const known = key === undefined ? undefined : model.get(unquote(key));
          if (known !== undefined && known.body !== JSON.stringify(body)) {
            expect([actual.status, actual.replayed, JSON.parse(actual.text).error.code]).toEqual([422, false, 'idempotency_key_reused']);
          } else if (known !== undefined) {
            expect(actual).toEqual({ ...known.first, replayed: true });
          } else {
            runs += 1;
            const answer = handlerAnswer(runs, body);
            expect([actual.status, actual.replayed]).toEqual([answer.status, false]);
            answer.check(actual.text);
            if (key !== undefined) model.set(unquote(key), { body: JSON.stringify(body), first: actual });
          }
          expect(calls.items).toBe(runs);
        }
      }),
      { numRuns: 25 },
    );
  });
}
