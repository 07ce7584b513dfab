import express from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { checkPreconditions, entityTagsMatch, parseEntityTagList, preconditions } from '../../src/http';
import type { IncomingMessage } from 'node:http';
import { buildApp } from '../helpers/app';

describe('entity tag comparison (RFC 9110 §8.8.3.2)', () => {
  // The RFC's own table.
  test.each([
    ['W/"1"', 'W/"1"', false, true],
    ['W/"1"', 'W/"2"', false, false],
    ['W/"1"', '"1"', false, true],
    ['"1"', '"1"', true, true],
  ])('%s vs %s: strong %s, weak %s', (a, b, strong, weak) => {
    expect(entityTagsMatch(a, b, 'strong')).toBe(strong);
    expect(entityTagsMatch(a, b, 'weak')).toBe(weak);
  });

  test('lists: commas inside quotes, empty members, * and malformed values', () => {
    expect(parseEntityTagList('"a,b", W/"c" ,, "d"')).toEqual([
      { weak: false, opaque: '"a,b"' },
      { weak: true, opaque: '"c"' },
      { weak: false, opaque: '"d"' },
    ]);
    expect(parseEntityTagList(' * ')).toBe('*');
    for (const bad of ['abc', '"a" "b"', 'w/"a"', '"a', '', '"a"x', '"a\x01"']) expect(parseEntityTagList(bad)).toBeUndefined();
  });

  test('property: weak comparison is strong comparison ignoring W/, and strong implies weak', () => {
    const etag = fc.tuple(fc.boolean(), fc.stringMatching(/^[a-z0-9]{0,4}$/)).map(([weak, value]) => `${weak ? 'W/' : ''}"${value}"`);
    fc.assert(
      fc.property(etag, etag, (a, b) => {
        const strong = entityTagsMatch(a, b, 'strong');
        const weak = entityTagsMatch(a, b, 'weak');
        if (strong) expect(weak).toBe(true);
        expect(weak).toBe(entityTagsMatch(a.replace(/^W\//, ''), b.replace(/^W\//, ''), 'strong'));
        expect(entityTagsMatch(a, b, 'weak')).toBe(entityTagsMatch(b, a, 'weak'));
      }),
    );
  });
});

test('etag receives the Express request: route params and headers of the guarded resource', async () => {
  const etags = new Map([['d_1', '"d1-v3"']]);
  const seen: string[] = [];
  const app = buildApp((root) => {
    root.use(
      '/documents/:id',
      preconditions({
        etag: (req) => {
          const id = String(req.params.id);
          seen.push(`${id} ${req.get('If-Match') ?? '-'}`);
          return etags.get(id);
        },
      }),
    );
    root.put('/documents/:id', (_req, res) => void res.json({ data: 'saved' }));
  });
  expect((await request(app).put('/documents/d_1').set('If-Match', '"d1-v3"')).status).toBe(200);
  const stale = await request(app).put('/documents/d_1').set('If-Match', '"d1-v2"');
  expect(stale.status).toBe(412);
  expect(stale.body.error.code).toBe('precondition_failed');
  // No such document: If-Match cannot hold (RFC 9110 §13.1.1).
  expect((await request(app).put('/documents/d_9').set('If-Match', '"d1-v3"')).status).toBe(412);
  expect(seen).toEqual(['d_1 "d1-v3"', 'd_1 "d1-v2"', 'd_9 "d1-v3"']);
});

describe('preconditions (428, 412)', () => {
  let etag: string | undefined = '"v1"';
  const app = buildApp((root) => {
    const router = express.Router();
    router.use(preconditions({ etag: async () => etag }));
    router.get('/', (_req, res) => void res.set('ETag', etag ?? '').json({ data: 'doc' }));
    router.put('/', (_req, res) => void res.json({ data: 'saved' }));
    router.delete('/', (_req, res) => void res.status(204).end());
    root.use('/doc', express.json(), router);
  });

  beforeEach(() => {
    etag = '"v1"';
  });

  test('a GET is not guarded', async () => {
    expect((await request(app).get('/doc')).status).toBe(200);
  });

  test('a PUT without If-Match -> 428, not cached', async () => {
    const res = await request(app).put('/doc').send({}).set('X-Request-Id', 'req-428');
    expect(res.status).toBe(428);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      error: {
        code: 'precondition_required',
        message: 'This request must be conditional: send If-Match with the ETag from your last GET.',
      },
      meta: { request_id: 'req-428' },
    });
  });

  test.each([
    ['put', '"v1"', 200],
    ['put', '"v0", "v1"', 200],
    ['put', '*', 200],
    ['delete', '"v1"', 204],
    ['put', '"v0"', 412],
    ['put', 'W/"v1"', 412],
    ['delete', '"v2"', 412],
    ['patch', '"v0"', 412],
    ['put', 'v1', 400],
  ] as const)('%s with If-Match %s -> %i', async (method, ifMatch, status) => {
    const res = await request(app)[method]('/doc').set('If-Match', ifMatch).send({});
    expect(res.status).toBe(status);
    if (status === 412) expect(res.body.error.code).toBe('precondition_failed');
    if (status === 400)
      expect(res.body.error).toEqual({
        code: 'bad_request',
        message: 'The If-Match header is malformed: send entity tags in double quotes, e.g. If-Match: "abc".',
      });
  });

  test('a weak current ETag never satisfies If-Match (strong comparison)', async () => {
    etag = 'W/"v1"';
    expect((await request(app).put('/doc').set('If-Match', 'W/"v1"').send({})).status).toBe(412);
  });

  test('If-Match: * on a missing resource -> 412; If-None-Match: * creates only when absent', async () => {
    etag = undefined;
    expect((await request(app).put('/doc').set('If-Match', '*').send({})).status).toBe(412);
    expect((await request(app).put('/doc').set('If-None-Match', '*').send({})).status).toBe(200);
    etag = '"v1"';
    expect((await request(app).put('/doc').set('If-None-Match', '*').send({})).status).toBe(412);
    expect((await request(app).put('/doc').set('If-None-Match', 'W/"v1"').send({})).status).toBe(412);
    expect((await request(app).put('/doc').set('If-None-Match', '"v2"').send({})).status).toBe(200);
  });

  test('a failing etag getter goes to the error handler', async () => {
    const broken = buildApp((root) => {
      root.put('/x', preconditions({ etag: () => Promise.reject(new Error('db down')) }), (_req, res) => void res.json({}));
      root.put(
        '/y',
        preconditions({
          etag: () => {
            throw new Error('db down');
          },
        }),
        (_req, res) => void res.json({}),
      );
    });
    expect((await request(broken).put('/x').set('If-Match', '"a"')).status).toBe(500);
    expect((await request(broken).put('/y').set('If-Match', '"a"')).status).toBe(500);
  });

  test('checkPreconditions with required: false lets unconditional writes through', () => {
    const req = { headers: {} } as IncomingMessage;
    expect(() => checkPreconditions(req, '"v1"', { required: false })).not.toThrow();
    expect(() => checkPreconditions(req, 'not-quoted')).toThrow(TypeError);
  });
});
