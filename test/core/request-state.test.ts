import http from 'node:http';
import express from 'express';
import request from 'supertest';
import type * as Core from '../../src';
import type * as Http from '../../src/http';
import type * as Metrics from '../../src/metrics';
import { getState, setState, sharedKey } from '../../src/request-state';
import { captureLogger, flushLogs } from '../helpers/app';

function exchange(): { req: http.IncomingMessage; res: http.ServerResponse } {
  const req = new http.IncomingMessage(null as never);
  return { req, res: new http.ServerResponse(req) };
}

describe('getState / setState', () => {
  const COUNT = sharedKey<number>('test.count');

  test('a value set through the response is read through the request, and back', () => {
    const { req, res } = exchange();
    expect(getState(req, COUNT)).toBeUndefined();
    setState(res, COUNT, 1);
    expect(getState(req, COUNT)).toBe(1);
    setState(req, COUNT, 2);
    expect(getState(res, COUNT)).toBe(2);
    setState(req, COUNT, undefined);
    expect(getState(res, COUNT)).toBeUndefined();
  });

  test('one property on the request, none on the response, whatever the number of entries', () => {
    const { req, res } = exchange();
    const before = { req: Reflect.ownKeys(req).length, res: Reflect.ownKeys(res).length };
    setState(req, COUNT, 1);
    setState(res, sharedKey<string>('test.other'), 'x');
    setState(res, sharedKey<string>('test.third'), 'y');
    expect(Reflect.ownKeys(req).length).toBe(before.req + 1);
    expect(Reflect.ownKeys(res).length).toBe(before.res);
    // A symbol: invisible to JSON, Object.keys and for...in over the request.
    expect(Object.keys(req)).not.toContain('requestState');
    expect(Reflect.ownKeys(req)).toContain(Symbol.for('express-api-errors.requestState'));
  });

  test('a request is known as one without reading a `req` of it (a miss through its prototype chain)', () => {
    const { req } = exchange();
    let reads = 0;
    Object.defineProperty(req, 'req', { get: () => ((reads += 1), undefined) });
    setState(req, COUNT, 4);
    expect(getState(req, COUNT)).toBe(4);
    expect(reads).toBe(0);
  });

  test('requests do not share state', () => {
    const a = exchange();
    const b = exchange();
    setState(a.req, COUNT, 1);
    expect(getState(b.req, COUNT)).toBeUndefined();
  });

  test('clearing on a request that has no state adds nothing', () => {
    const { req } = exchange();
    const keys = Reflect.ownKeys(req).length;
    setState(req, COUNT, undefined);
    expect(Reflect.ownKeys(req).length).toBe(keys);
  });

  test('a frozen request keeps no state and does not throw', () => {
    const { req } = exchange();
    Object.freeze(req);
    expect(() => setState(req, COUNT, 1)).not.toThrow();
    expect(getState(req, COUNT)).toBeUndefined();
  });

  test('a response without a request (a mock) holds its own state', () => {
    const res = Object.create(http.ServerResponse.prototype) as http.ServerResponse;
    setState(res, COUNT, 3);
    expect(getState(res, COUNT)).toBe(3);
  });

  test('a shared key is one entry for every key of that name (another copy makes its own key object)', () => {
    const { req } = exchange();
    setState(req, sharedKey<number>('test.same'), 1);
    expect(getState(req, sharedKey<number>('test.same'))).toBe(1);
    expect(getState(req, sharedKey<number>('test.different'))).toBeUndefined();
  });
});

// Two copies of the package in one process (the ESM and CommonJS builds side by side, or two
// versions): each feature's state is read by the other copy's middleware.
describe('two copies of the package share per-request state', () => {
  function load(): { core: typeof Core; http: typeof Http; metrics: typeof Metrics } {
    let copy: { core: typeof Core; http: typeof Http; metrics: typeof Metrics } | undefined;
    jest.isolateModules(() => {
      copy = {
        core: jest.requireActual<typeof Core>('../../src'),
        http: jest.requireActual<typeof Http>('../../src/http'),
        metrics: jest.requireActual<typeof Metrics>('../../src/metrics'),
      };
    });
    return copy!;
  }
  const a = load();
  const b = load();

  test('they are two copies', () => {
    expect(a.core.errorHandler).not.toBe(b.core.errorHandler);
    expect(a.core.ApiError).not.toBe(b.core.ApiError);
  });

  test("one copy's requestId({ header }) is the header the other's errorHandler writes", async () => {
    const app = express();
    app.use(a.core.requestId({ header: 'X-Trace-Id' }));
    app.get('/', () => {
      throw new b.core.NotFoundError('No such thing');
    });
    app.use(b.core.errorHandler({ logger: false }));
    const res = await request(app).get('/').set('X-Trace-Id', 'trace-42');
    expect(res.status).toBe(404);
    expect(res.headers['x-trace-id']).toBe('trace-42');
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(res.body).toEqual({ error: { code: 'resource_not_found', message: 'No such thing' }, meta: { request_id: 'trace-42' } });
  });

  test("one copy's statusMetrics counts the code the other's errorHandler answered, and its route reaches the log line", async () => {
    const { logger, lines } = captureLogger();
    const metrics = a.metrics.statusMetrics();
    const app = express();
    app.use(metrics);
    app.get('/users/:id', () => {
      throw new b.core.NotFoundError('No such user');
    });
    app.use(b.core.errorHandler({ logger }));
    const res = await request(app).get('/users/u_1');
    expect(res.status).toBe(404);
    await flushLogs();
    expect(lines).toEqual([expect.objectContaining({ status: 404, path: '/users/u_1', route: '/users/:id' })]);
    expect(metrics.snapshot().codes).toEqual([expect.objectContaining({ code: 'resource_not_found', count: 1 })]);
  });

  test("one copy's requestTimeout signal is read by the other copy's timeoutSignal, and produces() likewise", async () => {
    const app = express();
    app.get('/', a.http.requestTimeout({ timeoutMs: 1000 }), a.http.produces(['text/csv', 'application/json']), (req, res) => {
      res.json({ signal: b.http.timeoutSignal(req) instanceof AbortSignal, type: b.http.negotiatedType(req) });
    });
    const res = await request(app).get('/').set('Accept', 'application/json');
    expect(res.body).toEqual({ signal: true, type: 'application/json' });
  });
});
