import { rateLimit, type Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import request from 'supertest';
import { formatRateLimitHeaders, rateLimitHandler, rateLimitHeaders, type RateLimitHeadersOptions } from '../../src/http';
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../helpers/redis-server';
import { buildApp } from '../helpers/app';

const WINDOW_MS = 60_000;

function limitedApp(limit: number, options: { store?: Store; headers?: RateLimitHeadersOptions } = {}) {
  return buildApp((root) => {
    root.use(
      rateLimit({
        windowMs: WINDOW_MS,
        limit,
        standardHeaders: false,
        legacyHeaders: false,
        handler: rateLimitHandler({ form: options.headers?.form, policy: options.headers?.policy }),
        ...(options.store === undefined ? {} : { store: options.store }),
      }),
    );
    root.use(rateLimitHeaders({ windowMs: WINDOW_MS, ...options.headers }));
    root.get('/users', (_req, res) => void res.json({ data: [] }));
  });
}

async function driveOverLimit(app: ReturnType<typeof limitedApp>, limit: number) {
  const allowed = [];
  for (let i = 0; i < limit; i++) allowed.push(await request(app).get('/users'));
  const limited = await request(app).get('/users').set('X-Request-Id', 'req-429');
  return { allowed, limited };
}

function expectTooManyRequests(res: request.Response): void {
  expect(res.status).toBe(429);
  expect(res.headers['cache-control']).toBe('no-store');
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(59);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.body).toEqual({
    error: { code: 'rate_limit_exceeded', message: 'Too many requests. Retry later.' },
    meta: { request_id: 'req-429' },
  });
}

describe('express-rate-limit handler (429) with the memory store', () => {
  test('draft-10 headers on every response; over the limit a 429 through errorHandler with Retry-After', async () => {
    const app = limitedApp(3);
    const { allowed, limited } = await driveOverLimit(app, 3);
    expect(allowed.map((res) => res.status)).toEqual([200, 200, 200]);
    allowed.forEach((res, i) => expect(res.headers['ratelimit']).toMatch(new RegExp(`^"default";r=${2 - i};t=(59|60)$`)));
    expect(allowed[0]?.headers['ratelimit-policy']).toBe('"default";q=3;w=60');
    expectTooManyRequests(limited);
    expect(limited.headers['ratelimit-policy']).toBe('"default";q=3;w=60');
    expect(limited.headers['ratelimit']).toMatch(/^"default";r=0;t=(59|60)$/);
    expect(limited.headers['ratelimit-limit']).toBeUndefined();
  });

  test('the older draft-6 form and a named policy', async () => {
    const app = limitedApp(1, { headers: { form: 'draft-6' } });
    const { allowed, limited } = await driveOverLimit(app, 1);
    expect(allowed[0]?.headers['ratelimit-limit']).toBe('1');
    expect(allowed[0]?.headers['ratelimit-remaining']).toBe('0');
    expect(allowed[0]?.headers['ratelimit-reset']).toMatch(/^(59|60)$/);
    expect(allowed[0]?.headers['ratelimit']).toBeUndefined();
    expectTooManyRequests(limited);
    expect(limited.headers['ratelimit-limit']).toBe('1');
    expect(limited.headers['ratelimit-remaining']).toBe('0');

    const named = await request(limitedApp(5, { headers: { policy: 'per "user"' } })).get('/users');
    expect(named.headers['ratelimit-policy']).toBe('"per \\"user\\"";q=5;w=60');
  });

  test('form: false writes no RateLimit fields, the 429 still has Retry-After', async () => {
    const { allowed, limited } = await driveOverLimit(limitedApp(1, { headers: { form: false } }), 1);
    expect(Object.keys(allowed[0]?.headers ?? {}).filter((name) => name.startsWith('ratelimit'))).toEqual([]);
    expectTooManyRequests(limited);
  });
});

describe('formatRateLimitHeaders', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  test('rounds the reset up, clamps negatives, omits t without a reset time', () => {
    expect(formatRateLimitHeaders({ limit: 100, remaining: 42, resetTime: new Date(now + 29_001) }, { windowMs: 60_000 }, now)).toEqual({
      'RateLimit-Policy': '"default";q=100;w=60',
      RateLimit: '"default";r=42;t=30',
    });
    expect(formatRateLimitHeaders({ limit: 10, remaining: -3, resetTime: new Date(now - 5000) }, {}, now)).toEqual({
      'RateLimit-Policy': '"default";q=10',
      RateLimit: '"default";r=0;t=0',
    });
    expect(formatRateLimitHeaders({ limit: 10, remaining: 1, resetTime: undefined }, { form: 'draft-6' }, now)).toEqual({
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '1',
    });
    expect(() => formatRateLimitHeaders({ limit: 1, remaining: 1 }, { policy: 'bad\r\n' })).toThrow(TypeError);
  });
});

describe('rateLimitHandler without a reset time', () => {
  const call = (req: object) => {
    let forwarded: unknown;
    rateLimitHandler()(req as never, {} as never, (error) => (forwarded = error), { windowMs: 30_000 });
    return forwarded as { status: number; headers: Record<string, string> };
  };

  test('Retry-After falls back to the window, never 0', () => {
    expect(call({ rateLimit: { limit: 5, remaining: 0, resetTime: undefined } })).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '30', 'RateLimit-Policy': '"default";q=5;w=30', RateLimit: '"default";r=0' },
    });
    expect(call({}).headers).toEqual({ 'Retry-After': '30' });
    expect(call({ rateLimit: { limit: 5, remaining: 0, resetTime: new Date(Date.now() - 1000) } }).headers['Retry-After']).toBe('1');
  });
});

// Left out of the unit lane only (npm run test:unit); elsewhere a missing redis-server fails here.
(redisTestsEnabled() ? describe : describe.skip)('express-rate-limit handler with rate-limit-redis against a real Redis', () => {
  let server: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    await client.quit();
    await server.stop();
  });

  test('driven over its limit: 429 with Retry-After from the Redis reset time; the count lives in Redis', async () => {
    const store = new RedisStore({
      prefix: 'rl-test:',
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<number>,
    });
    const app = limitedApp(2, { store });
    const { allowed, limited } = await driveOverLimit(app, 2);
    expect(allowed.map((res) => res.status)).toEqual([200, 200]);
    expect(allowed[1]?.headers['ratelimit']).toMatch(/^"default";r=0;t=(59|60)$/);
    expectTooManyRequests(limited);
    const keys = await client.keys('rl-test:*');
    expect(keys).toHaveLength(1);
    expect(Number(await client.get(keys[0] as string))).toBe(3);
    // A second app on the same Redis shares the count: the limit is global, not per process.
    const other = limitedApp(2, {
      store: new RedisStore({
        prefix: 'rl-test:',
        sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<number>,
      }),
    });
    expect((await request(other).get('/users')).status).toBe(429);
  });
});

test('a policy name that can never be written is refused when the middleware is built, not per request', () => {
  expect(() => rateLimitHeaders({ policy: 'bad\nname' })).toThrow(TypeError);
  expect(() => rateLimitHandler({ policy: 'naïve' })).toThrow(TypeError);
  expect(() => rateLimitHandler({ policy: 'per-user' })).not.toThrow();
});
