import express from 'express';
import request from 'supertest';
import type { IncomingMessage } from 'node:http';
import { checkPreconditions, preconditions } from '../../src/http';
import { buildApp } from '../helpers/app';

// RFC 9110 §13.2.2: If-Match (step 1), If-Unmodified-Since only without If-Match (step 2),
// If-None-Match (step 3: 304 for GET/HEAD, 412 otherwise), If-Modified-Since for GET/HEAD only
// without If-None-Match (step 4). The resource here has an ETag but no modification date, so the
// date conditions are ignored as §13.1.3 and §13.1.4 require.

function requestWith(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

describe('checkPreconditions evaluates the RFC 9110 §13.2.2 order', () => {
  test.each([
    // If-Match true, If-None-Match false: step 3 still runs.
    ['PUT', { 'if-match': '"v1"', 'if-none-match': '"v1"' }, 412],
    ['PUT', { 'if-match': '"v1"', 'if-none-match': '*' }, 412],
    ['PUT', { 'if-match': '*', 'if-none-match': 'W/"v1"' }, 412],
    ['PUT', { 'if-match': '"v1"', 'if-none-match': '"v2"' }, 'proceed'],
    // If-Match false wins, whatever If-None-Match says.
    ['PUT', { 'if-match': '"v0"', 'if-none-match': '"v2"' }, 412],
    ['GET', { 'if-match': '"v0"', 'if-none-match': '"v1"' }, 412],
    // If-None-Match false on GET/HEAD is 304, on other methods 412.
    ['GET', { 'if-none-match': '"v1"' }, 'not-modified'],
    ['HEAD', { 'if-none-match': '"v0", W/"v1"' }, 'not-modified'],
    ['GET', { 'if-match': '"v1"', 'if-none-match': '"v1"' }, 'not-modified'],
    ['DELETE', { 'if-none-match': '"v1"' }, 412],
    ['GET', { 'if-none-match': '"v2"' }, 'proceed'],
    // No modification date: If-Unmodified-Since / If-Modified-Since are ignored.
    ['PUT', { 'if-match': '"v1"', 'if-unmodified-since': 'Sun, 06 Nov 1994 08:49:37 GMT' }, 'proceed'],
    ['GET', { 'if-modified-since': 'Sun, 06 Nov 2994 08:49:37 GMT' }, 'proceed'],
  ] as const)('%s %j on "v1" -> %s', (method, headers, expected) => {
    const req = requestWith(method, headers);
    if (expected === 412) {
      expect(() => checkPreconditions(req, '"v1"')).toThrow(expect.objectContaining({ status: 412, code: 'precondition_failed' }));
    } else {
      expect(checkPreconditions(req, '"v1"')).toBe(expected);
    }
  });

  test('428 only for methods that change state: a safe GET or HEAD is never required to be conditional', () => {
    expect(checkPreconditions(requestWith('GET', {}), '"v1"')).toBe('proceed');
    expect(checkPreconditions(requestWith('HEAD', {}), undefined)).toBe('proceed');
    expect(() => checkPreconditions(requestWith('PATCH', {}), '"v1"')).toThrow(expect.objectContaining({ status: 428 }));
  });

  test('a malformed If-None-Match after a true If-Match -> 400', () => {
    expect(() => checkPreconditions(requestWith('PUT', { 'if-match': '"v1"', 'if-none-match': 'v1' }), '"v1"')).toThrow(
      expect.objectContaining({ status: 400, code: 'bad_request' }),
    );
  });
});

describe('preconditions middleware answers 304 and 412 per RFC 9110 §13.2.2', () => {
  const app = buildApp((root) => {
    const router = express.Router();
    router.use(preconditions({ etag: () => '"v1"', methods: ['GET', 'HEAD', 'PUT'] }));
    router.get('/', (_req, res) => void res.set('ETag', '"v1"').set('Cache-Control', 'max-age=60').json({ data: 'doc' }));
    router.put('/', (_req, res) => void res.json({ data: 'saved' }));
    root.use('/doc', router);
  });

  test('PUT with If-Match "v1" and If-None-Match "v1" on "v1" -> 412', async () => {
    const res = await request(app).put('/doc').set('If-Match', '"v1"').set('If-None-Match', '"v1"').set('X-Request-Id', 'req-412');
    expect(res.status).toBe(412);
    expect(res.body).toEqual({
      error: { code: 'precondition_failed', message: 'The resource already exists or matches If-None-Match.' },
      meta: { request_id: 'req-412' },
    });
  });

  test.each(['get', 'head'] as const)('%s with a matching If-None-Match -> 304 with the ETag and no body', async (method) => {
    const res = await request(app)[method]('/doc').set('If-None-Match', '"v1"');
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"v1"');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.text ?? '').toBe('');
  });

  test('GET without conditionals or with a non-matching If-None-Match reaches the route', async () => {
    expect((await request(app).get('/doc')).status).toBe(200);
    const res = await request(app).get('/doc').set('If-None-Match', '"v0"');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: 'doc' });
  });

  test('GET with a failing If-Match -> 412, not 304', async () => {
    const res = await request(app).get('/doc').set('If-Match', '"v0"').set('If-None-Match', '"v1"');
    expect(res.status).toBe(412);
    expect(res.body.error.code).toBe('precondition_failed');
  });
});
