import request from 'supertest';
import { retiredApiVersions } from '../../src/http';
import { buildApp, EXPRESS_VERSIONS } from '../helpers/app';

const MIGRATE = 'https://docs.example.com/migrate-to-v3';
const POLICY = 'https://docs.example.com/sunset-policy';
const SINCE = new Date('2025-07-01T00:00:00Z');
const FUTURE_SUNSET = new Date('2999-01-01T00:00:00Z');
const PAST_SUNSET = new Date('2026-01-01T00:00:00Z');

// RFC 9745 §2 (Deprecation: an sf-date, "@" and Unix seconds), RFC 8594 §3 (Sunset: an
// IMF-fixdate), RFC 8594's "sunset" and RFC 9745 §3's "deprecation" link relations.
describe.each(EXPRESS_VERSIONS)('retiredApiVersions deprecation period on %s', (_name, express) => {
  const app = buildApp(
    (root) => {
      root.use(
        retiredApiVersions({
          current: 'v3',
          retired: ['v0'],
          path: true,
          header: 'API-Version',
          migrationUrl: MIGRATE,
          deprecated: {
            v2: { since: SINCE, sunset: FUTURE_SUNSET, sunsetPolicyUrl: POLICY },
            v1: { since: SINCE, sunset: PAST_SUNSET },
          },
        }),
      );
      root.get(['/v1/users', '/v2/users', '/v3/users', '/users'], (_req, res) => void res.json({ data: [] }));
    },
    { express },
  );

  test.each([
    ['/v2/users', undefined],
    ['/users', 'V2'],
  ])('GET %s (API-Version: %j) is served with Deprecation, Sunset and Link', async (path, header) => {
    const req = request(app).get(path);
    if (header !== undefined) req.set('API-Version', header);
    const res = await req;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [] });
    expect(res.headers.deprecation).toBe('@1751328000');
    expect(res.headers.sunset).toBe('Tue, 01 Jan 2999 00:00:00 GMT');
    expect(res.headers.link).toBe(`<${MIGRATE}>; rel="deprecation", <${POLICY}>; rel="sunset"`);
  });

  test('a route that answers an error still carries the deprecation headers set before it', async () => {
    const res = await request(app).get('/v2/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.deprecation).toBe('@1751328000');
  });

  test('once the sunset has passed the version answers 426 like a retired one', async () => {
    const res = await request(app).get('/v1/users').set('X-Request-Id', 'req-426');
    expect(res.status).toBe(426);
    expect(res.headers.deprecation).toBeUndefined();
    expect(res.headers.sunset).toBeUndefined();
    expect(res.headers.link).toBe(`<${MIGRATE}>; rel="deprecation"`);
    expect(res.body).toEqual({
      error: {
        code: 'api_version_retired',
        message: 'This API version has been retired; use v3.',
        details: { requested_version: 'v1', current_version: 'v3' },
      },
      meta: { request_id: 'req-426' },
    });
  });

  test('retired and current versions are unchanged', async () => {
    expect((await request(app).get('/v0/users')).status).toBe(426);
    const current = await request(app).get('/v3/users');
    expect(current.status).toBe(200);
    expect(current.headers.deprecation).toBeUndefined();
    expect(current.headers.sunset).toBeUndefined();
    expect(current.headers.link).toBeUndefined();
  });

  test('a per-version link replaces migrationUrl; without any link no Link is sent', async () => {
    const own = buildApp(
      (root) => {
        root.use(
          retiredApiVersions({
            current: 'v3',
            retired: [],
            path: true,
            deprecated: { v2: { since: SINCE, sunset: FUTURE_SUNSET, migrationUrl: POLICY } },
          }),
        );
        root.use(
          retiredApiVersions({
            current: 'v3',
            retired: [],
            header: 'API-Version',
            deprecated: { v1: { since: FUTURE_SUNSET, sunset: FUTURE_SUNSET } },
          }),
        );
        root.use(
          retiredApiVersions({
            current: 'v3',
            retired: [],
            header: 'Old-Version',
            migrationUrl: MIGRATE,
            deprecated: { v1: { since: SINCE, sunset: PAST_SUNSET, migrationUrl: POLICY } },
          }),
        );
        root.get(['/v2/x', '/x'], (_req, res) => void res.json({}));
      },
      { express },
    );
    const linked = await request(own).get('/v2/x');
    expect(linked.headers.link).toBe(`<${POLICY}>; rel="deprecation"`);
    const sunsetPassed = await request(own).get('/x').set('Old-Version', 'v1');
    expect(sunsetPassed.status).toBe(426);
    expect(sunsetPassed.headers.link).toBe(`<${POLICY}>; rel="deprecation"`);
    // A Deprecation date in the future announces it (RFC 9745 §2.1).
    const bare = await request(own).get('/x').set('API-Version', 'v1');
    expect(bare.status).toBe(200);
    expect(bare.headers.deprecation).toBe('@32472144000');
    expect(bare.headers.link).toBeUndefined();
  });
});

test('the Link is added to one an earlier middleware set (RFC 8288 §3: one comma-separated field)', async () => {
  const app = buildApp((root) => {
    root.use((_req, res, next) => void (res.setHeader('Link', '</openapi.json>; rel="service-desc"'), next()));
    root.use(
      retiredApiVersions({
        current: 'v3',
        retired: [],
        path: true,
        deprecated: { v2: { since: SINCE, sunset: FUTURE_SUNSET, sunsetPolicyUrl: POLICY } },
      }),
    );
    root.get('/v2/x', (_req, res) => void res.json({}));
  });
  const res = await request(app).get('/v2/x');
  expect(res.headers.link).toBe(`</openapi.json>; rel="service-desc", <${POLICY}>; rel="sunset"`);
});

describe('retiredApiVersions validates the deprecation options at start-up', () => {
  const ok = { since: SINCE, sunset: FUTURE_SUNSET };
  test.each([
    ['an invalid since', { v1: { ...ok, since: new Date('nope') } }],
    ['an invalid sunset', { v1: { ...ok, sunset: new Date(Number.NaN) } }],
    ['a sunset that is not a Date', { v1: { ...ok, sunset: '2030-01-01' as unknown as Date } }],
    ['a sunset before the deprecation (RFC 9745)', { v1: { since: FUTURE_SUNSET, sunset: SINCE } }],
    ['a sunset past year 9999', { v1: { ...ok, sunset: new Date('+010000-01-01T00:00:00Z') } }],
    ['a link that injects a header', { v1: { ...ok, migrationUrl: 'https://x\r\nSet-Cookie: a=b' } }],
    ['a sunset link that closes the <>', { v1: { ...ok, sunsetPolicyUrl: 'https://x>; rel="evil"' } }],
    ['a link that is not a URI', { v1: { ...ok, migrationUrl: 'http://[bad' } }],
    ['a version also retired', { v0: ok }],
  ])('%s -> TypeError', (_label, deprecated) => {
    expect(() => retiredApiVersions({ current: 'v3', retired: ['v0'], path: true, deprecated })).toThrow(TypeError);
  });
});
