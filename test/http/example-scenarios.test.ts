import request from 'supertest';
import { createApp } from '../../examples/app';

// Every scenario of five public API status-code pages, answered by the example API.
const USER = { Authorization: 'Bearer user-token' };
const app = createApp({ logger: false });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('example API: success and redirection (the five status-code pages)', () => {
  test('200 OK', async () => {
    const res = await request(app).get('/users/user_123').set(USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { id: 'user_123', name: 'Alice', email: 'alice@example.com' } });
  });

  test('201 Created with Location', async () => {
    const res = await request(createApp({ logger: false }))
      .post('/users')
      .set(USER)
      .send({ name: 'Bob', email: 'bob@example.com' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/users/${res.body.data.id}`);
  });

  test('202 data extraction pending, with a status monitor', async () => {
    const res = await request(app).get('/reports/2024-02');
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe('/reports/extractions/ext_2024-02');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({
      data: { status: 'pending', message: 'Data extraction pending: switch to webhooks or poll the status URL.' },
      links: { status: '/reports/extractions/ext_2024-02' },
    });
    const monitor = await request(app).get(res.headers.location as string);
    expect(monitor.status).toBe(200);
    expect(monitor.body).toEqual({ data: { id: 'ext_2024-02', status: 'pending', period: '2024-02' } });
  });

  test('204 no data extracted: no body, no Content-Length', async () => {
    const res = await request(app).get('/reports/2019-12');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-type']).toBeUndefined();
  });

  test('204 after a DELETE', async () => {
    const own = createApp({ logger: false });
    const res = await request(own).delete('/users/user_123').set(USER);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  test('300 multiple choices, 301 moved permanently, 302 found', async () => {
    const choices = await request(app).get('/reports/2024-01/formats');
    expect(choices.status).toBe(300);
    expect(choices.headers.location).toBe('/reports/2024-01.json');
    expect(choices.body).toEqual({
      data: [
        { type: 'application/json', href: '/reports/2024-01.json' },
        { type: 'text/csv', href: '/reports/2024-01.csv' },
      ],
    });
    const csv = await request(app).get('/reports/2024-01.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toBe('day,amount\n2024-01-01,120\n2024-01-02,80\n');
    const moved = await request(app).get('/report/2024-01');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/reports/2024-01');
    const found = await request(app).get('/reports/latest');
    expect(found.status).toBe(302);
    expect(found.headers.location).toBe('/reports/2024-01');
  });

  test('304 not modified on a conditional GET (users and reports)', async () => {
    const first = await request(app).get('/users/user_123').set(USER);
    const again = await request(app)
      .get('/users/user_123')
      .set(USER)
      .set('If-None-Match', first.headers.etag as string);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const report = await request(app).get('/reports/2024-01').set('If-None-Match', '"report-2024-01-v1"');
    expect(report.status).toBe(304);
    expect(report.headers.etag).toBe('"report-2024-01-v1"');
  });
});

describe('example API: client errors', () => {
  test.each([
    ['400 validation', () => request(app).post('/users').set(USER).send({ name: '' }), 400, 'validation_error'],
    ['401 no token', () => request(app).get('/users'), 401, 'authentication_required'],
    ['403 insufficient scope', () => request(app).get('/admin/reports').set(USER), 403, 'insufficient_scope'],
    ['404 unknown user', () => request(app).get('/users/nonexistent_user').set(USER), 404, 'resource_not_found'],
    [
      '409 duplicate email',
      () => request(app).post('/users').set(USER).send({ name: 'A', email: 'alice@example.com' }),
      409,
      'resource_conflict',
    ],
    ['422 invalid order', () => request(app).post('/orders').set(USER).send({ user_id: 'user_123', total: 0 }), 422, 'invalid_operation'],
  ])('%s', async (_label, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.meta.request_id).toMatch(/^req_/);
  });

  test('405 with the computed Allow (routes on nested routers)', async () => {
    const one = await request(app).post('/users/user_123').set(USER);
    expect(one.status).toBe(405);
    expect(one.headers.allow).toBe('GET, HEAD, DELETE');
    expect(one.body.error).toEqual({ code: 'method_not_allowed', message: 'The POST method is not allowed here; use GET, HEAD, DELETE.' });
    const collection = await request(app).delete('/users');
    expect(collection.status).toBe(405);
    expect(collection.headers.allow).toBe('GET, HEAD, POST');
    const settings = await request(app).post('/settings');
    expect(settings.headers.allow).toBe('GET, HEAD, PUT');
  });

  test('406 not acceptable lists the available types, in a JSON body', async () => {
    const res = await request(app).get('/reports/2024-01').set('Accept', 'application/xml');
    expect(res.status).toBe(406);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.error).toEqual({
      code: 'not_acceptable',
      message: 'No available representation matches the Accept header; available: application/json, text/csv.',
      details: { available: ['application/json', 'text/csv'] },
    });
  });

  test('412 and 428 on conditional writes', async () => {
    const own = createApp({ logger: false });
    const missing = await request(own).put('/settings').send({ currency: 'USD' });
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('precondition_required');
    const current = await request(own).get('/settings');
    const stale = await request(own).put('/settings').set('If-Match', '"stale"').send({ currency: 'USD' });
    expect(stale.status).toBe(412);
    const ok = await request(own)
      .put('/settings')
      .set('If-Match', current.headers.etag as string)
      .send({ currency: 'USD' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { currency: 'USD' } });
    expect(ok.headers.etag).not.toBe(current.headers.etag);
  });

  test('413 for a body over the limit, 415 for a body that is not JSON (Accept names JSON) or not UTF-8', async () => {
    const large = await request(app).post('/users').set(USER).set('Content-Type', 'application/json').send(Buffer.alloc(200_000));
    expect([large.status, large.body.error]).toEqual([413, { code: 'content_too_large', message: 'The request body is too large.' }]);
    const form = await request(app).post('/users').set(USER).type('form').send('name=Bob&email=bob@example.com');
    expect([form.status, form.headers.accept, form.body.error]).toEqual([
      415,
      'application/json',
      { code: 'unsupported_media_type', message: 'Send the request body as application/json.' },
    ]);
    const latin1 = await request(app)
      .post('/users')
      .set(USER)
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"name":"Bob"}');
    expect([latin1.status, latin1.body.error.code]).toEqual([415, 'unsupported_charset']);
    // No body at all is not a media type question: the route answers.
    expect((await request(app).post('/data/process')).status).toBe(500);
  });

  test('426 for the retired API version (path and header)', async () => {
    for (const res of [await request(app).get('/v1/users'), await request(app).get('/users').set('API-Version', 'v1')]) {
      expect(res.status).toBe(426);
      expect(res.headers.upgrade).toBe('api/v2');
      expect(res.headers.link).toBe('<https://docs.example.com/api/migrate-to-v2>; rel="deprecation"');
      expect(res.body.error).toEqual({
        code: 'api_version_retired',
        message: 'This API version has been retired; use v2.',
        details: { requested_version: 'v1', current_version: 'v2' },
      });
    }
  });

  test('429 too many requests with Retry-After and RateLimit fields', async () => {
    const limited = createApp({ logger: false, rateLimit: 2 });
    const first = await request(limited).get('/health');
    expect(first.status).toBe(200);
    await request(limited).get('/reports/2024-01');
    await request(limited).get('/reports/2024-01');
    const res = await request(limited).get('/reports/2024-01');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^(59|60)$/);
    expect(res.headers['ratelimit-policy']).toBe('"default";q=2;w=60');
    expect(res.headers['ratelimit']).toMatch(/^"default";r=0;t=(59|60)$/);
    expect(res.body.error).toEqual({ code: 'rate_limit_exceeded', message: 'Too many requests. Retry later.' });
  });
});

describe('example API: server errors', () => {
  test('500 masks the internal message and carries the request id', async () => {
    const res = await request(app).post('/data/process').set('X-Request-Id', 'req-page-500');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { code: 'internal_error', message: 'An unexpected error occurred.' },
      meta: { request_id: 'req-page-500' },
    });
  });

  test('501 for the declared-but-unbuilt exports', async () => {
    const res = await request(app).post('/reports/2024-01/exports');
    expect(res.status).toBe(501);
    expect(res.body.error).toEqual({ code: 'not_implemented', message: 'Report exports are not available yet.' });
  });

  test.each([
    ['error', 502, 'upstream_unavailable', 'An upstream service failed.'],
    ['down', 502, 'upstream_unavailable', 'An upstream service failed.'],
    ['slow', 504, 'upstream_timeout', 'An upstream service did not respond in time.'],
  ])('upstream %s -> %i %s, the upstream details never shown', async (mode, status, code, message) => {
    const res = await request(app).get(`/rates?upstream=${mode}`);
    expect(res.status).toBe(status);
    expect(res.body.error).toEqual({ code, message });
    expect(res.text).not.toMatch(/NullPointer|10\.0\.0\.12|ECONNREFUSED/);
    expect((await request(app).get('/rates')).body).toEqual({ data: { EUR: 1, USD: 1.08 } });
  });

  test('503 maintenance with Retry-After; /health still answers', async () => {
    const down = createApp({ logger: false, maintenance: 30 });
    const res = await request(down).get('/users').set(USER);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body.error).toEqual({ code: 'maintenance', message: 'The service is down for maintenance.' });
    expect((await request(down).get('/health')).status).toBe(200);
  });

  test('504 when the report query times out (operations) and when a handler is too slow', async () => {
    const analytics = await request(app).post('/analytics/report?scope=year');
    expect(analytics.status).toBe(504);
    const slow = await request(app).get('/reports/slow?delay_ms=600');
    expect(slow.status).toBe(504);
    expect(slow.body.error).toEqual({ code: 'handler_timeout', message: 'The request took too long to process.' });
    await sleep(350);
    expect((await request(app).get('/reports/slow?delay_ms=10')).body).toEqual({ data: { delay_ms: 10 } });
  });

  test('problem details when the client prefers them', async () => {
    const res = await request(app).get('/rates?upstream=down').set('Accept', 'application/problem+json');
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: 'An upstream service failed.',
      code: 'upstream_unavailable',
      instance: '/rates',
    });
  });
});
