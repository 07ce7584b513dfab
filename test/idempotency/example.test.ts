import request from 'supertest';
import { createApp } from '../../examples/app';
import type { RedisStore } from '../../src/idempotency';
import { redisTestsEnabled, startRedisServer, type RedisServer } from '../helpers/redis-server';

const AUTH = 'Bearer user-token';

function exampleSuite(name: string, build: () => ReturnType<typeof createApp>) {
  describe(`example POST /users with Idempotency-Key (${name})`, () => {
    test('a retry replays the 201 + Location and creates no second user', async () => {
      const app = build();
      const send = () =>
        request(app)
          .post('/users')
          .set('Authorization', AUTH)
          .set('Idempotency-Key', 'signup-1')
          .send({ name: 'Bob', email: 'bob@example.com' });
      const first = await send();
      expect(first.status).toBe(201);
      expect(first.headers.location).toMatch(/^\/users\/user_\d+$/);
      const replay = await send();
      expect([replay.status, replay.headers.location, replay.text, replay.headers['idempotent-replayed']]).toEqual([
        201,
        first.headers.location,
        first.text,
        'true',
      ]);
      const list = await request(app).get('/users').set('Authorization', AUTH);
      expect((list.body as { data: { email: string }[] }).data.filter((u) => u.email === 'bob@example.com')).toHaveLength(1);
    });

    test('without a key the behaviour is unchanged: the second POST is a 409 duplicate email with Location', async () => {
      const app = build();
      const body = { name: 'Carol', email: 'carol@example.com' };
      expect((await request(app).post('/users').set('Authorization', AUTH).send(body)).status).toBe(201);
      const duplicate = await request(app).post('/users').set('Authorization', AUTH).send(body);
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers.location).toMatch(/^\/users\/user_\d+$/);
      expect(duplicate.headers['idempotent-replayed']).toBeUndefined();
    });

    test('a 400 validation_error is stored and replayed; the key with another body is a 422', async () => {
      const app = build();
      const bad = () => request(app).post('/users').set('Authorization', AUTH).set('Idempotency-Key', 'bad-1').send({ name: '' });
      const first = await bad();
      expect([first.status, first.body.error.code]).toEqual([400, 'validation_error']);
      const replay = await bad();
      expect([replay.text, replay.headers['idempotent-replayed']]).toEqual([first.text, 'true']);
      const reused = await request(app)
        .post('/users')
        .set('Authorization', AUTH)
        .set('Idempotency-Key', 'bad-1')
        .send({ name: 'Dan', email: 'dan@example.com' });
      expect([reused.status, reused.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    });

    test('a 401 is not stored (auth runs first), and keys are scoped by credentials', async () => {
      const app = build();
      const body = { name: 'Eve', email: 'eve@example.com' };
      expect((await request(app).post('/users').set('Idempotency-Key', 'k').send(body)).status).toBe(401);
      expect((await request(app).post('/users').set('Authorization', AUTH).set('Idempotency-Key', 'k').send(body)).status).toBe(201);
      const admin = await request(app).post('/users').set('Authorization', 'Bearer admin-token').set('Idempotency-Key', 'k').send(body);
      expect([admin.status, admin.headers['idempotent-replayed']]).toEqual([409, undefined]);
    });
  });
}

exampleSuite('memory store', () => createApp({ logger: false }));

if (redisTestsEnabled()) {
  let redis: RedisServer;
  const apps: ReturnType<typeof createApp>[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => (app.locals.idempotencyStore as RedisStore).close()));
    await redis.stop();
  });
  exampleSuite('RedisStore from redisUrl', () => {
    const app = createApp({ logger: false, redisUrl: redis.url });
    apps.push(app);
    return app;
  });
}
