import request from 'supertest';
import { negotiatedType, produces } from '../../src/http';
import { buildApp } from '../helpers/app';

const app = buildApp(
  (root) => {
    root.get('/report', produces(['application/json', 'text/csv']), (req, res) => {
      if (negotiatedType(req) === 'text/csv') res.type('text/csv').send('day,amount\n');
      else res.json({ data: [] });
    });
  },
  { handler: { format: 'negotiate' } },
);

describe('produces (406)', () => {
  test.each([
    ['application/xml', 406],
    ['text/html', 406],
    ['image/png, text/plain;q=0.5', 406],
    ['text/csv;q=0, application/xml', 406],
    ['application/json', 200],
    ['text/csv', 200],
    ['*/*', 200],
    ['text/*', 200],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 200],
  ] as const)('Accept %j -> %i', async (accept, status) => {
    const res = await request(app).get('/report').set('Accept', accept).set('X-Request-Id', 'req-406');
    expect(res.status).toBe(status);
    expect(res.headers.vary).toBe('Accept');
    if (status === 406) {
      // The error body is JSON even though the client asked for something else.
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body).toEqual({
        error: {
          code: 'not_acceptable',
          message: 'No available representation matches the Accept header; available: application/json, text/csv.',
          details: { available: ['application/json', 'text/csv'] },
        },
        meta: { request_id: 'req-406' },
      });
    }
  });

  test('the chosen type is the best match', async () => {
    const csv = await request(app).get('/report').set('Accept', 'application/json;q=0.5, text/csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toBe('day,amount\n');
    const json = await request(app).get('/report').unset('Accept');
    expect(json.body).toEqual({ data: [] });
  });

  test('an Accept preferring problem+json gets the 406 as problem details', async () => {
    const res = await request(app).get('/report').set('Accept', 'application/problem+json');
    expect(res.status).toBe(406);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: 'Not Acceptable',
      status: 406,
      errors: { available: ['application/json', 'text/csv'] },
    });
  });

  test('keeps an existing Vary and refuses an empty list', async () => {
    const withVary = buildApp((root) => {
      root.get(
        '/x',
        (_req, res, next) => {
          res.setHeader('Vary', 'Origin');
          next();
        },
        produces(['application/json']),
        (_req, res) => void res.json({}),
      );
    });
    expect((await request(withVary).get('/x')).headers.vary).toBe('Origin, Accept');
    expect(() => produces([])).toThrow(TypeError);
  });
});
