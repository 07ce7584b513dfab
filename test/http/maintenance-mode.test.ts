import request from 'supertest';
import { maintenanceMode, type MaintenanceModeOptions } from '../../src/http';
import { buildApp } from '../helpers/app';

function appWith(options: MaintenanceModeOptions) {
  return buildApp((root) => {
    root.use(maintenanceMode(options));
    root.get('/health', (_req, res) => void res.json({ status: 'ok' }));
    root.get('/status/db', (_req, res) => void res.json({ status: 'ok' }));
    root.get('/users', (_req, res) => void res.json({ data: [] }));
  });
}

describe('maintenanceMode (503)', () => {
  test('answers 503 maintenance with Retry-After in seconds', async () => {
    const res = await request(appWith({ enabled: true, retryAfter: 120 }))
      .get('/users')
      .set('X-Request-Id', 'req-503');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('120');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      error: { code: 'maintenance', message: 'The service is down for maintenance.' },
      meta: { request_id: 'req-503' },
    });
  });

  test('Retry-After as an HTTP date (IMF-fixdate)', async () => {
    const until = new Date('2030-01-01T06:00:00Z');
    const res = await request(appWith({ enabled: true, retryAfter: until })).get('/users');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('Tue, 01 Jan 2030 06:00:00 GMT');
  });

  test('the allow-list still answers (health checks)', async () => {
    const app = appWith({ enabled: true, allow: ['/health', /^\/status\//] });
    expect((await request(app).get('/health')).status).toBe(200);
    expect((await request(app).get('/status/db')).status).toBe(200);
    expect((await request(app).get('/health/x')).status).toBe(503);
    expect((await request(app).get('/users')).headers['retry-after']).toBeUndefined();
  });

  test('default allow-list is /health, query strings ignored', async () => {
    expect((await request(appWith({ enabled: true })).get('/health?probe=1')).status).toBe(200);
  });

  test('a function switches it on and off per request', async () => {
    let on = false;
    const app = appWith({ enabled: () => on, retryAfter: () => 30 });
    expect((await request(app).get('/users')).status).toBe(200);
    on = true;
    const res = await request(app).get('/users');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
  });

  test('the functions receive the Express request: maintenance for one tenant, its own Retry-After', async () => {
    const app = appWith({
      enabled: (req) => req.get('X-Tenant') === 'acme',
      retryAfter: (req) => (req.query.export === '1' ? 3600 : 60),
    });
    expect((await request(app).get('/users').set('X-Tenant', 'globex')).status).toBe(200);
    const blocked = await request(app).get('/users').set('X-Tenant', 'acme');
    expect(blocked.status).toBe(503);
    expect(blocked.headers['retry-after']).toBe('60');
    expect((await request(app).get('/users?export=1').set('X-Tenant', 'acme')).headers['retry-after']).toBe('3600');
  });
});
