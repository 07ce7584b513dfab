import express from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { errorHandler } from '../../src';
import { fingerprintRequest } from '../../src/idempotency/fingerprint';
import { idempotency } from '../../src/idempotency';
import type { FingerprintedRequest } from '../../src/idempotency/fingerprint';

const req = (method: string, url: string, body: unknown): FingerprintedRequest =>
  ({ method, originalUrl: url, body }) as FingerprintedRequest;

describe('fingerprintRequest', () => {
  test('a string body and the same bytes as a Buffer hash alike (one-shot and streaming hashes agree)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('POST', 'PATCH'), fc.webPath(), (body, method, path) => {
        expect(fingerprintRequest(req(method, path, Buffer.from(body)))).toBe(fingerprintRequest(req(method, path, body)));
      }),
    );
  });

  test('method, path with query and body each change the fingerprint; a missing body is the empty one', () => {
    const base = fingerprintRequest(req('POST', '/a', { x: 1 }));
    expect(fingerprintRequest(req('POST', '/a', { x: 1 }))).toBe(base);
    expect(
      new Set([
        base,
        fingerprintRequest(req('PATCH', '/a', { x: 1 })),
        fingerprintRequest(req('POST', '/a?q', { x: 1 })),
        fingerprintRequest(req('POST', '/a', { x: 2 })),
      ]).size,
    ).toBe(4);
    expect(fingerprintRequest(req('POST', '/a', undefined))).toBe(fingerprintRequest(req('POST', '/a', '')));
    expect(base).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('idempotency() with other body parsers and bodies', () => {
  function app() {
    const a = express();
    let calls = 0;
    a.post('/raw', express.raw({ type: '*/*' }), idempotency(), (_req, res) => {
      calls += 1;
      res
        .status(200)
        .type('application/octet-stream')
        .end(new Uint8Array([calls, 0, 255]));
    });
    a.post('/empty', idempotency(), (_req, res) => {
      calls += 1;
      res.status(204).end();
    });
    a.use(errorHandler({ logger: false }));
    return { a, calls: () => calls };
  }

  test('a raw (Buffer) request body is fingerprinted and a Uint8Array response replayed', async () => {
    const { a, calls } = app();
    const first = await request(a)
      .post('/raw')
      .set('Idempotency-Key', 'r')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from([1, 2, 3]));
    const replay = await request(a)
      .post('/raw')
      .set('Idempotency-Key', 'r')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from([1, 2, 3]));
    expect([...(replay.body as Buffer)]).toEqual([...(first.body as Buffer)]);
    expect(replay.headers['content-length']).toBe('3');
    const other = await request(a)
      .post('/raw')
      .set('Idempotency-Key', 'r')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from([1, 2, 4]));
    expect([other.status, calls()]).toEqual([422, 1]);
  });

  test('a 204 is replayed without a body or Content-Length', async () => {
    const { a, calls } = app();
    await request(a).post('/empty').set('Idempotency-Key', 'e');
    const replay = await request(a).post('/empty').set('Idempotency-Key', 'e');
    expect([replay.status, replay.text, replay.headers['content-length'], replay.headers['idempotent-replayed'], calls()]).toEqual([
      204,
      '',
      undefined,
      'true',
      1,
    ]);
  });
});
