import request from 'supertest';
import { allowedMethods, methodNotAllowed } from '../../src/http';
import { buildApp, EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';

function appFor(express: ExpressFactory) {
  return buildApp(
    (app) => {
      const users = express.Router();
      users.get('/', (_req, res) => void res.json({ data: [] }));
      users.post('/', (_req, res) => void res.status(201).json({}));
      users.get('/:id', (_req, res) => void res.json({}));
      users.delete('/:id', (_req, res) => void res.status(204).end());
      const nested = express.Router();
      nested.put('/items/:item', (_req, res) => void res.json({}));
      users.use('/:id/cart', nested);
      app.use('/users', users);

      app
        .route('/orders')
        .get((_req, res) => void res.json({}))
        .options((_req, res) => void res.status(204).end());
      app.patch('/orders/:id', (_req, res) => void res.json({}));
      // A route that matches but passes the request on: a 404, not a 405.
      app.get('/maybe', (_req, _res, next) => next());
      app.all('/anything', (_req, res) => void res.json({}));
      app.use(methodNotAllowed());
    },
    { express },
  );
}

describe.each(EXPRESS_VERSIONS)('methodNotAllowed on %s', (_name, express) => {
  const app = appFor(express);

  test.each([
    ['delete', '/users', 'GET, HEAD, POST'],
    ['put', '/users/user_123', 'GET, HEAD, DELETE'],
    ['patch', '/users/user_123/', 'GET, HEAD, DELETE'],
    ['post', '/users/user_123?x=1', 'GET, HEAD, DELETE'],
    ['get', '/users/u1/cart/items/i9', 'PUT'],
    ['delete', '/orders', 'GET, HEAD, OPTIONS'],
    ['get', '/orders/o1', 'PATCH'],
  ] as const)('%s %s -> 405, Allow: %s', async (method, path, allow) => {
    const res = await request(app)[method](path).set('X-Request-Id', 'req-405');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({
      error: { code: 'method_not_allowed', message: `The ${method.toUpperCase()} method is not allowed here; use ${allow}.` },
      meta: { request_id: 'req-405' },
    });
  });

  test.each([
    ['get', '/nowhere'],
    ['post', '/users/u1/cart'],
    ['get', '/maybe'],
    ['delete', '/users/a/b/c'],
  ] as const)('%s %s -> 404 (no route for that path, or it passed the request on)', async (method, path) => {
    const res = await request(app)[method](path);
    expect(res.status).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });

  test('matching requests are answered by their route, HEAD by the GET route', async () => {
    expect((await request(app).get('/users/u1')).status).toBe(200);
    expect((await request(app).head('/users')).status).toBe(200);
    expect((await request(app).put('/anything')).status).toBe(200);
  });

  test('a HEAD request gets 405 headers without a body', async () => {
    const res = await request(app).head('/users/u1/cart/items/i9');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('PUT');
    expect(res.text).toBeUndefined();
  });

  test('a malformed percent-encoding in the path: Express answers 400 itself, allowedMethods does not throw', async () => {
    const res = await request(app).post('/users/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers.allow).toBeUndefined();
    expect(res.body.error).toEqual({ code: 'bad_request', message: "Failed to decode param '%E0%A4%A'" });
    expect(allowedMethods(app, '/users/%E0%A4%A')).toEqual([]);
  });

  test('requests that match a route never reach it: the router stack is read only for unmatched ones', async () => {
    let reads = 0;
    const probe = buildApp(
      (root) => {
        root.get('/things', (_req, res) => void res.json({}));
        const source = {
          get stack() {
            reads++;
            return (root as unknown as { router?: { stack: unknown }; _router?: { stack: unknown } })[
              express === EXPRESS_VERSIONS[1][1] ? '_router' : 'router'
            ]?.stack;
          },
        };
        root.use(methodNotAllowed({ router: source }));
      },
      { express },
    );
    for (let i = 0; i < 5; i++) expect((await request(probe).get('/things')).status).toBe(200);
    expect(reads).toBe(0);
    const res = await request(probe).post('/things');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(reads).toBe(1);
  });

  test('allowedMethods reads the app directly', () => {
    expect(allowedMethods(app, '/users/u1')).toEqual(['GET', 'HEAD', 'DELETE']);
    expect(allowedMethods(app, '/nowhere')).toEqual([]);
  });

  test('an explicit router is inspected with the path relative to it', async () => {
    const api = express.Router();
    api.get('/things', (_req, res) => void res.json({}));
    api.use(methodNotAllowed({ router: api }));
    const mounted = buildApp((root) => root.use('/api', api), { express });
    const res = await request(mounted).post('/api/things');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
