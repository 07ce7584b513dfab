import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ValidationError } from '../../src';
import { validate, type StandardSchemaV1 } from '../../src/validation';

// The middleware called directly, to pin what a real app cannot show: when `next` runs (no
// promise for a sync schema), that a failing request is left as it was, how `query` is replaced.

type Req = IncomingMessage & { body?: unknown; query?: unknown; params?: unknown };

const res = {} as ServerResponse;

function requestWith(parts: { body?: unknown; query?: unknown; params?: unknown; headers?: Record<string, string> }): Req {
  return { headers: {}, ...parts } as unknown as Req;
}

// Express 5 defines `query` as a getter on its request prototype, re-parsing the URL each read.
function expressFiveRequest(query: Record<string, string>): Req {
  const prototype = Object.defineProperty({}, 'query', { configurable: true, enumerable: true, get: () => ({ ...query }) });
  return Object.assign(Object.create(prototype) as Req, { headers: {} });
}

function run(middleware: unknown, req: Req): jest.Mock {
  const next = jest.fn();
  (middleware as (req: Req, res: ServerResponse, next: (error?: unknown) => void) => void)(req, res, next);
  return next;
}

function asyncSchema<T>(validate: (value: unknown) => Promise<StandardSchemaV1.Result<T>>): StandardSchemaV1<unknown, T> {
  return { '~standard': { version: 1, vendor: 'test', validate } };
}

const Body = z.object({ n: z.coerce.number() });
const Query = z.object({ page: z.coerce.number() });

test('a sync schema calls next before the middleware returns: no promise, no microtask', () => {
  for (const middleware of [validate({ body: Body }), validate({ body: Body, query: Query })]) {
    const req = requestWith({ body: { n: '1' }, query: { page: '2' } });
    const next = run(middleware, req);
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith();
    expect(req.body).toEqual({ n: 1 });
  }
  const failing = run(validate({ body: Body }), requestWith({ body: { n: 'x' } }));
  expect(failing).toHaveBeenCalledTimes(1);
  expect(failing.mock.calls[0][0]).toBeInstanceOf(ValidationError);
});

test('an async schema calls next once it settles', async () => {
  const Later = asyncSchema(async (value) => ({ value: { later: value } }));
  for (const middleware of [validate({ body: Later }), validate({ body: Later, query: Query })]) {
    const req = requestWith({ body: 1, query: { page: '2' } });
    const next = run(middleware, req);
    expect(next).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith();
    expect(req.body).toEqual({ later: 1 });
  }
});

test('a rejecting async schema hands its error to next', async () => {
  const boom = new Error('boom');
  const Rejecting = asyncSchema(() => Promise.reject(boom));
  for (const middleware of [validate({ body: Rejecting }), validate({ body: Rejecting, query: Query })]) {
    const next = run(middleware, requestWith({ body: 1, query: { page: '1' } }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith(boom);
  }
});

test('a sync throw after an async part: next gets the throw, the pending part cannot reject unhandled', async () => {
  const boom = new Error('boom');
  const Throwing: StandardSchemaV1 = {
    '~standard': {
      version: 1,
      vendor: 'test',
      validate: () => {
        throw boom;
      },
    },
  };
  const unhandled = jest.fn();
  process.on('unhandledRejection', unhandled);
  try {
    // params is checked before headers and body: the async part is pending when body throws.
    const next = run(
      validate({ params: asyncSchema(() => Promise.reject(new Error('late'))), body: Throwing }),
      requestWith({ params: {} }),
    );
    expect(next).toHaveBeenCalledTimes(1);
    expect(next).toHaveBeenCalledWith(boom);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).not.toHaveBeenCalled();
    expect(next).toHaveBeenCalledTimes(1);
  } finally {
    process.off('unhandledRejection', unhandled);
  }
});

test('a failing part leaves every part of the request as it was', () => {
  const body = { n: '1' };
  const query = { page: 'x' };
  const req = requestWith({ body, query });
  const next = run(validate({ body: Body, query: Query }), req);
  expect(next.mock.calls[0][0]).toBeInstanceOf(ValidationError);
  expect(req.body).toBe(body);
  expect(req.query).toBe(query);
});

test('the error lists details by part, and its cause names them without the values', () => {
  const next = run(validate({ body: Body, query: Query }), requestWith({ body: { n: 'secret-n' }, query: { page: 'secret-page' } }));
  const error = next.mock.calls[0][0] as ValidationError;
  expect(error.status).toBe(400);
  expect(error.code).toBe('validation_error');
  expect(error.details.map((detail) => detail.path)).toEqual(['query.page', 'body.n']);
  expect(error.cause).toEqual({ source: 'validate' });
  expect(JSON.stringify(error.cause)).not.toContain('secret');
});

test('query: an own property shadows the Express 5 prototype getter, writable and enumerable', () => {
  const req = expressFiveRequest({ page: '3' });
  run(validate({ query: Query }), req);
  expect(Object.getOwnPropertyDescriptor(req, 'query')).toEqual({
    value: { page: 3 },
    writable: true,
    configurable: true,
    enumerable: true,
  });
  expect(req.query).toBe(req.query);
  req.query = { page: 4 };
  expect(req.query).toEqual({ page: 4 });
});

test('headers are validated but never replaced', () => {
  const headers = { host: 'example.com', 'x-api-version': '2' };
  const req = requestWith({ headers });
  const next = run(validate({ headers: z.object({ 'x-api-version': z.coerce.number() }) }), req);
  expect(next).toHaveBeenCalledWith();
  expect(req.headers).toBe(headers);
  expect(req.headers).toEqual({ host: 'example.com', 'x-api-version': '2' });
});

test('params are replaced by the parsed output', () => {
  const req = requestWith({ params: { id: '7' } });
  run(validate({ params: z.object({ id: z.coerce.number() }) }), req);
  expect(req.params).toEqual({ id: 7 });
});

test('the schema is called with `~standard` as this, and the part as its only argument', () => {
  const seen: unknown[] = [];
  const standard = {
    version: 1 as const,
    vendor: 'test',
    validate(this: unknown, ...args: unknown[]) {
      seen.push(this === standard, args);
      return { value: 'ok' };
    },
  };
  const req = requestWith({ body: 'sent' });
  run(validate({ body: { '~standard': standard } }), req);
  expect(seen).toEqual([true, ['sent']]);
  expect(req.body).toBe('ok');
});
