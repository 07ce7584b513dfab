import request from 'supertest';
import { createApp } from '../../examples/app';
import { captureLogger, expectErrorResponse, flushLogs } from '../helpers/app';

// The core scenarios of a public API status-code page (users API), against the example API.
const USER = { Authorization: 'Bearer user-token' };

describe('the example API answers the status-code page scenarios', () => {
  const app = createApp({ logger: false });

  test('200: GET /users/user_123', async () => {
    const res = await request(app).get('/users/user_123').set(USER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ data: { id: 'user_123', name: 'Alice', email: 'alice@example.com' } });
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
  });

  test('304: GET /users/user_123 with a matching If-None-Match', async () => {
    const first = await request(app).get('/users/user_123').set(USER);
    const res = await request(app)
      .get('/users/user_123')
      .set(USER)
      .set('If-None-Match', first.headers.etag as string);
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expect(res.headers.etag).toBe(first.headers.etag);
    const stale = await request(app).get('/users/user_123').set(USER).set('If-None-Match', '"etag_abc"');
    expect(stale.status).toBe(200);
  });

  test('201 + Location, then 409 for the duplicate email, then 204 on DELETE', async () => {
    const created = await request(app).post('/users').set(USER).send({ name: 'Bob', email: 'bob@example.com' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ data: { id: expect.stringMatching(/^user_\d+$/), name: 'Bob', email: 'bob@example.com' } });
    expect(created.headers.location).toBe(`/users/${created.body.data.id}`);

    const duplicate = await request(app).post('/users').set(USER).send({ name: 'Bobby', email: 'BOB@example.com' });
    const body = expectErrorResponse(duplicate, 409, 'Conflict');
    expect(body.error).toEqual({ code: 'resource_conflict', message: 'A user with email BOB@example.com already exists' });
    expect(duplicate.headers.location).toBe(`/users/${created.body.data.id}`);

    const deleted = await request(app).delete(`/users/${created.body.data.id}`).set(USER);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(deleted.headers['content-length']).toBeUndefined();
    expectErrorResponse(await request(app).get(`/users/${created.body.data.id}`).set(USER), 404);
  });

  test('409: the documented alice@example.com', async () => {
    const res = await request(app).post('/users').set(USER).send({ name: 'Alice 2', email: 'alice@example.com' });
    expect(expectErrorResponse(res, 409).error.code).toBe('resource_conflict');
    expect(res.headers.location).toBe('/users/user_123');
  });

  test('400 validation_error with details: POST /users {"name": ""}', async () => {
    const res = await request(app).post('/users').set(USER).send({ name: '' });
    const body = expectErrorResponse(res, 400, 'Bad Request');
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The user is invalid.',
      details: [
        { path: 'body.name', code: 'required', message: 'name is required' },
        { path: 'body.email', code: 'required', message: 'email is required' },
      ],
    });
  });

  test('400 malformed_json for a broken body', async () => {
    const res = await request(app).post('/users').set(USER).set('Content-Type', 'application/json').send('{"name":');
    expect(expectErrorResponse(res, 400).error.code).toBe('malformed_json');
  });

  test('401 authentication_required + WWW-Authenticate: GET /users without a token', async () => {
    const res = await request(app).get('/users');
    const body = expectErrorResponse(res, 401, 'Unauthorized');
    expect(body.error).toEqual({ code: 'authentication_required', message: 'Include a valid access token in the Authorization header.' });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="example"');
  });

  test('the auth scheme is case-insensitive (RFC 9110 §11.1)', async () => {
    expect((await request(app).get('/users').set('Authorization', 'bearer user-token')).status).toBe(200);
  });

  test('401 invalid_token for a bad token (RFC 6750 error in the challenge)', async () => {
    const res = await request(app).get('/users').set('Authorization', 'Bearer nope');
    expect(expectErrorResponse(res, 401).error.code).toBe('invalid_token');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="example", error="invalid_token"');
  });

  test('403 insufficient_scope: GET /admin/reports without the admin scope', async () => {
    const res = await request(app).get('/admin/reports').set(USER);
    const body = expectErrorResponse(res, 403, 'Forbidden');
    expect(body.error).toEqual({
      code: 'insufficient_scope',
      message: 'The access token does not grant the scope this action needs.',
      details: { required_scope: 'admin' },
    });
    const admin = await request(app).get('/admin/reports').set('Authorization', 'Bearer admin-token');
    expect(admin.status).toBe(200);
  });

  test('404 resource_not_found: GET /users/nonexistent_user', async () => {
    const res = await request(app).get('/users/nonexistent_user').set(USER);
    const body = expectErrorResponse(res, 404, 'Not Found');
    expect(body.error).toEqual({ code: 'resource_not_found', message: 'User nonexistent_user was not found' });
  });

  test('404 for an unknown route, in the envelope', async () => {
    const res = await request(app).get('/nope?x=1');
    expect(expectErrorResponse(res, 404).error).toEqual({ code: 'resource_not_found', message: 'No route matches GET /nope' });
  });

  test('422 invalid_operation: POST /orders with total 0', async () => {
    const res = await request(app).post('/orders').set(USER).send({ user_id: 'user_123', total: 0 });
    const body = expectErrorResponse(res, 422, 'Unprocessable Content');
    expect(body.error).toEqual({
      code: 'invalid_operation',
      message: 'An order must have a positive total.',
      details: { field: 'total', value: 0 },
    });
    const ok = await request(app).post('/orders').set(USER).send({ user_id: 'user_123', total: 5 });
    expect(ok.status).toBe(201);
  });

  test('500 internal_error, masked: POST /data/process', async () => {
    const res = await request(app).post('/data/process').set('X-Request-Id', 'support-ticket-1');
    const body = expectErrorResponse(res, 500, 'Internal Server Error');
    expect(body).toEqual({
      error: { code: 'internal_error', message: 'An unexpected error occurred.' },
      meta: { request_id: 'support-ticket-1' },
    });
    expect(res.text).not.toContain('db-primary');
  });

  test('504 gateway_timeout: POST /analytics/report?scope=year', async () => {
    const res = await request(app).post('/analytics/report?scope=year');
    const body = expectErrorResponse(res, 504, 'Gateway Timeout');
    expect(body.error).toEqual({ code: 'gateway_timeout', message: 'The report query timed out; reduce its scope or split it.' });
    expect(res.text).not.toContain('warehouse');
    expect((await request(app).post('/analytics/report')).status).toBe(200);
  });
});

test('429 rate_limit_exceeded + Retry-After: createApp({ rateLimit: 2 })', async () => {
  const app = createApp({ rateLimit: 2, logger: false });
  expect((await request(app).get('/users').set(USER)).status).toBe(200);
  expect((await request(app).get('/users').set(USER)).status).toBe(200);
  const res = await request(app).get('/users?page=1').set(USER);
  const body = expectErrorResponse(res, 429, 'Too Many Requests');
  expect(body.error).toEqual({ code: 'rate_limit_exceeded', message: 'Too many requests. Retry later.' });
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
});

test('503 + Retry-After: createApp({ maintenance: 30 }); the 5xx is logged at error', async () => {
  const { logger, lines } = captureLogger();
  const app = createApp({ maintenance: 30, logger });
  const res = await request(app).get('/users').set(USER);
  const body = expectErrorResponse(res, 503, 'Service Unavailable');
  // The status-code page names no code for 503; the maintenance feature answers its own.
  expect(['service_unavailable', 'maintenance']).toContain(body.error.code);
  expect(body.error.message).toMatch(/maintenance/);
  expect(res.headers['retry-after']).toBe('30');
  expect((await request(app).get('/health')).status).toBe(200);
  await flushLogs();
  expect(lines).toEqual([expect.objectContaining({ level: 50, status: 503, request_id: body.meta.request_id, path: '/users' })]);
});
