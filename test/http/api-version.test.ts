import request from 'supertest';
import { retiredApiVersions } from '../../src/http';
import { buildApp } from '../helpers/app';

const MIGRATE = 'https://docs.example.com/migrate-to-v3';

const app = buildApp((root) => {
  root.use(retiredApiVersions({ current: 'v3', retired: ['v1', 'v2'], path: true, header: 'API-Version', migrationUrl: MIGRATE }));
  root.get(['/v3/users', '/users'], (_req, res) => void res.json({ data: [] }));
});

describe('retiredApiVersions (426)', () => {
  test.each([
    ['/v1/users', undefined, 'v1'],
    ['/V2/users?page=1', undefined, 'V2'],
    ['/v1', undefined, 'v1'],
    ['/users', 'v2', 'v2'],
    ['/users', ' V1 ', 'V1'],
  ])('GET %s (API-Version: %j) -> 426', async (path, header, requested) => {
    const req = request(app).get(path).set('X-Request-Id', 'req-426');
    if (header !== undefined) req.set('API-Version', header);
    const res = await req;
    expect(res.status).toBe(426);
    expect(res.headers.upgrade).toBe('api/v3');
    expect(res.headers.link).toBe(`<${MIGRATE}>; rel="deprecation"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      error: {
        code: 'api_version_retired',
        message: 'This API version has been retired; use v3.',
        details: { requested_version: requested, current_version: 'v3' },
      },
      meta: { request_id: 'req-426' },
    });
  });

  test.each([
    ['/v3/users', undefined],
    ['/users', undefined],
    ['/users', 'v3'],
    ['/users', 'v9'],
    ['/v10/users', undefined],
  ])('GET %s (API-Version: %j) passes through', async (path, header) => {
    const req = request(app).get(path);
    if (header !== undefined) req.set('API-Version', header);
    const res = await req;
    expect(res.status).not.toBe(426);
  });

  test('the path wins over the header', async () => {
    const res = await request(app).get('/v3/users').set('API-Version', 'v1');
    expect(res.status).toBe(200);
  });

  test('a custom Upgrade list and no Link', async () => {
    const custom = buildApp((root) =>
      root.use(
        retiredApiVersions({
          current: '2025-01-01',
          retired: ['2023-01-01'],
          header: 'Api-Version',
          upgrade: ['example-api/2025-01-01', 'example-api/2024-06-01'],
        }),
      ),
    );
    const res = await request(custom).get('/x').set('Api-Version', '2023-01-01');
    expect(res.status).toBe(426);
    expect(res.headers.upgrade).toBe('example-api/2025-01-01, example-api/2024-06-01');
    expect(res.headers.link).toBeUndefined();
  });

  test('rejects an Upgrade value that is not a protocol and a migration URL that could inject', () => {
    expect(() => retiredApiVersions({ current: 'v 3', retired: [] })).toThrow(TypeError);
    expect(() => retiredApiVersions({ current: 'v3', retired: [], migrationUrl: 'https://x\r\nSet-Cookie: a=b' })).toThrow(TypeError);
    expect(() => retiredApiVersions({ current: 'v3', retired: [], migrationUrl: 'https://x>; rel="evil"' })).toThrow(TypeError);
  });
});
