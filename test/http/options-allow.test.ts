import cors from 'cors';
import request from 'supertest';
import { methodNotAllowed } from '../../src/http';
import { buildApp, EXPRESS_VERSIONS } from '../helpers/app';

const ORIGIN = 'https://app.example';

// RFC 9110 §9.3.7: OPTIONS asks which methods a resource supports; the answer is a success with
// `Allow`, never a 405. A CORS preflight (Fetch standard, "CORS-preflight request") is an OPTIONS
// request too, and must reach the CORS middleware wherever it is mounted.
describe.each(EXPRESS_VERSIONS)('OPTIONS and methodNotAllowed on %s', (_name, express) => {
  function appWith(between: 'nothing' | 'cors-before' | 'cors-after') {
    return buildApp(
      (app) => {
        app.get('/things', (_req, res) => void res.json({ data: [] }));
        app.post('/things', (_req, res) => void res.status(201).json({}));
        app
          .route('/orders')
          .get((_req, res) => void res.json({}))
          .options((_req, res) => void res.set('Allow', 'GET, OPTIONS').status(200).end());
        const users = express.Router();
        users.get('/:id', (_req, res) => void res.json({}));
        app.use('/users', users);
        if (between === 'cors-before') app.use(cors({ origin: ORIGIN }));
        app.use(methodNotAllowed());
        if (between === 'cors-after') app.use(cors({ origin: ORIGIN }));
      },
      { express },
    );
  }

  test('OPTIONS on a path with routes but no OPTIONS handler -> 204 with Allow, OPTIONS included', async () => {
    const res = await request(appWith('nothing')).options('/things');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.text).toBe('');
  });

  test('a route with its own OPTIONS handler answers it; no route for the path is still a 404', async () => {
    const app = appWith('nothing');
    const own = await request(app).options('/orders');
    expect(own.status).toBe(200);
    expect(own.headers.allow).toBe('GET, OPTIONS');
    const none = await request(app).options('/nowhere');
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('resource_not_found');
  });

  test('other methods on the same path are still 405', async () => {
    const res = await request(appWith('nothing')).delete('/things');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
  });

  test('OPTIONS on a mounted router path is answered by Express itself, never a 405', async () => {
    const res = await request(appWith('nothing')).options('/users/u1');
    expect(res.status).toBe(200);
    // Express 4 joins with ",", Express 5 with ", ".
    expect(res.headers.allow).toMatch(/^GET, ?HEAD$/);
  });

  test.each(['cors-before', 'cors-after'] as const)(
    'a CORS preflight is answered by cors mounted after the routes (%s methodNotAllowed)',
    async (where) => {
      const res = await request(appWith(where))
        .options('/things')
        .set('Origin', ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(res.headers['access-control-allow-methods']).toBe('GET,HEAD,PUT,PATCH,POST,DELETE');
      expect(res.headers['access-control-allow-headers']).toBe('content-type');
    },
  );

  test('a preflight that no CORS middleware answers still gets 204 with Allow (and no CORS headers)', async () => {
    const res = await request(appWith('nothing')).options('/things').set('Origin', ORIGIN).set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('an explicit router: OPTIONS relative to it -> 204 with Allow', async () => {
    const api = express.Router();
    api.put('/things', (_req, res) => void res.json({}));
    api.use(methodNotAllowed({ router: api }));
    const res = await request(buildApp((root) => root.use('/api', api), { express })).options('/api/things');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('PUT, OPTIONS');
  });
});
