// RFC 9110 §15.5.6: a 405 MUST carry Allow, the methods the target resource supports (§10.2.1;
// an empty list is allowed when there are none). §15.5.16 / §12.5.3: a 415 for a content coding
// SHOULD list in Accept-Encoding the codings the server decodes: body-parser 2 (Express 5)
// decodes br too, body-parser 1 (Express 4) does not.
import request from 'supertest';
import express5 from 'express';
import express4 from 'express4';
import { errorHandler, MethodNotAllowedError, toApiError } from '../../src';
import { EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory } from '../helpers/app';

describe.each(EXPRESS_VERSIONS)('405 Allow on %s', (_name, express: ExpressFactory) => {
  function app(): ReturnType<ExpressFactory> {
    const root = express();
    const users = express.Router();
    users.get('/:id', (_req, res) => void res.json({}));
    users.delete('/:id', (_req, res) => void res.status(204).end());
    users.put('/:id', () => {
      throw new MethodNotAllowedError('Users are replaced through PATCH');
    });
    root.use('/users', users);
    root.get('/reports', (_req, res) => void res.json([]));
    root.post('/reports', () => {
      throw new MethodNotAllowedError();
    });
    // A middleware, not a route: no route answers this path.
    root.use('/nothing', () => {
      throw new MethodNotAllowedError();
    });
    root.patch('/given', () => {
      throw new MethodNotAllowedError(undefined, { allow: ['GET'] });
    });
    root.use(errorHandler({ logger: false }));
    return root;
  }

  test('a thrown 405 without `allow` lists the methods the routes answer for the path, less the one refused', async () => {
    const res = await request(app()).put('/users/u_1');
    const body = expectErrorResponse(res, 405, 'Method Not Allowed');
    expect(res.headers.allow).toBe('GET, HEAD, DELETE');
    expect(body.error.message).toBe('Users are replaced through PATCH');
  });

  test('the path is matched without its query string', async () => {
    const res = await request(app()).post('/reports?x=1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  test("the thrower's list wins", async () => {
    const res = await request(app()).patch('/given');
    expect(res.headers.allow).toBe('GET');
  });

  test('nothing to compute (no route for the path) keeps the empty list', async () => {
    const res = await request(app()).get('/nothing');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('');
  });
});

describe('415 Accept-Encoding lists what the running body-parser decodes', () => {
  test.each<[string, ExpressFactory, string]>([
    ['express 5 (body-parser 2)', express5, 'gzip, deflate, br, identity'],
    ['express 4 (body-parser 1)', express4 as unknown as ExpressFactory, 'gzip, deflate, identity'],
  ])('%s', async (_name, express, expected) => {
    const app = express();
    app.use(express.json());
    app.post('/items', (_req, res) => void res.json({}));
    app.use(errorHandler({ logger: false }));
    const res = await request(app).post('/items').set('Content-Type', 'application/json').set('Content-Encoding', 'compress').send('{}');
    const body = expectErrorResponse(res, 415, 'Unsupported Media Type');
    expect(body.error.code).toBe('unsupported_content_encoding');
    expect(res.headers['accept-encoding']).toBe(expected);
  });

  test.each<[string, ExpressFactory]>([
    ['express 5', express5],
    ['express 4', express4 as unknown as ExpressFactory],
  ])('%s with inflate: false decodes nothing: Accept-Encoding: identity', async (_name, express) => {
    const app = express();
    app.use(express.json({ inflate: false }));
    app.post('/items', (_req, res) => void res.json({}));
    app.use(errorHandler({ logger: false }));
    const res = await request(app).post('/items').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}');
    expect(res.status).toBe(415);
    expect(res.headers['accept-encoding']).toBe('identity');
  });

  test('a look-alike without a stack gets the codings both majors decode', () => {
    const error = Object.assign(new Error('unsupported content encoding "compress"'), {
      type: 'encoding.unsupported',
      status: 415,
      encoding: 'compress',
      stack: undefined,
    });
    expect(toApiError(error).headers).toEqual({ 'Accept-Encoding': 'gzip, deflate, identity' });
  });
});
