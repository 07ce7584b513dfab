import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { accepted, assertLocation, created, noContent } from '../../src/http';
import { buildApp } from '../helpers/app';

/** The raw response head as sent on the wire, to check what supertest would normalise away. */
async function rawHead(app: ReturnType<typeof buildApp>, method: string, path: string): Promise<string> {
  const server = app.listen(0);
  try {
    const port = (server.address() as AddressInfo).port;
    return await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('latin1')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
  } finally {
    server.close();
  }
}

const app = buildApp((root) => {
  root.post('/users', (req, res) => created(res, `/users/${String(req.query.id ?? 'user_456')}`, { data: { id: 'user_456' } }));
  root.post('/bare', (_req, res) => created(res, '/bare/1'));
  root.post('/evil', (req, res) => created(res, String(req.query.to), { data: {} }));
  root.post('/extractions', (_req, res) => accepted(res, { statusUrl: '/extractions/ext_1', retryAfter: 5 }));
  root.post('/extractions-at', (_req, res) =>
    accepted(res, { statusUrl: 'https://api.example.com/jobs/9', retryAfter: new Date('2030-01-01T00:00:05Z'), body: { job: 9 } }),
  );
  root.delete('/users/:id', (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', '99');
    noContent(res);
  });
});

describe('created (201)', () => {
  test('201 with Location and a JSON body', async () => {
    const res = await request(app).post('/users');
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/users/user_456');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ data: { id: 'user_456' } });
  });

  test('without a body: Content-Length 0', async () => {
    const res = await request(app).post('/bare');
    expect(res.status).toBe(201);
    expect(res.headers['content-length']).toBe('0');
    expect(res.text).toBe('');
  });

  test.each([
    ['/users/1#section', 'fragment'],
    ['/users/a b', 'space'],
    ['/users/ü', 'non-ASCII'],
  ])('refuses %j (%s): a 500, Location never written', async (location) => {
    const res = await request(app).post(`/evil?to=${encodeURIComponent(location)}`);
    expect(res.status).toBe(500);
    expect(res.headers.location).toBeUndefined();
    expect(res.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
  });

  test('a CR/LF injection attempt is refused, no header split', async () => {
    const res = await request(app).post(`/evil?to=${encodeURIComponent('/x\r\nSet-Cookie: sid=evil')}`);
    expect(res.status).toBe(500);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.location).toBeUndefined();
  });

  test('property: assertLocation accepts exactly visible-ASCII references without #', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const valid = value.length > 0 && /^[\x21-\x7e]+$/.test(value) && !value.includes('#');
        if (valid) expect(assertLocation(value)).toBe(value);
        else expect(() => assertLocation(value)).toThrow(TypeError);
      }),
      { numRuns: 500 },
    );
    expect(() => assertLocation(`/${'a'.repeat(5000)}`)).toThrow(TypeError);
  });
});

describe('accepted (202)', () => {
  test('202 pending with a status monitor link and Retry-After', async () => {
    const res = await request(app).post('/extractions');
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe('/extractions/ext_1');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({ data: { status: 'pending', status_url: '/extractions/ext_1' } });
  });

  test('a custom body and a date', async () => {
    const res = await request(app).post('/extractions-at');
    expect(res.headers.location).toBe('https://api.example.com/jobs/9');
    expect(res.headers['retry-after']).toBe('Tue, 01 Jan 2030 00:00:05 GMT');
    expect(res.body).toEqual({ job: 9 });
  });
});

describe('noContent (204)', () => {
  test('no body, no Content-Length, no Content-Type on the wire', async () => {
    const head = await rawHead(app, 'DELETE', '/users/user_123');
    expect(head).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(head).not.toMatch(/content-length/i);
    expect(head).not.toMatch(/content-type/i);
    expect(head).not.toMatch(/transfer-encoding/i);
    expect(head.endsWith('\r\n\r\n')).toBe(true);
  });
});
