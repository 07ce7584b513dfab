import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import pino from 'pino';
import request from 'supertest';
import express from 'express';
import createHttpError from 'http-errors';
import {
  createError,
  ERROR_STATUSES,
  errorHandler,
  InternalServerError,
  NotFoundError,
  requestId,
  serializeError,
  TooManyRequestsError,
  type ErrorHandlerOptions,
  type ErrorLogger,
} from '../../src';
import { appThrowing, captureLogger, expectErrorResponse, flushLogs } from '../helpers/app';

async function logsOf(thrown: () => unknown, handler: ErrorHandlerOptions = {}, path = '/throw') {
  const { logger, lines } = captureLogger();
  const res = await request(appThrowing(thrown, { handler: { logger, ...handler } })).get(path);
  await flushLogs();
  return { res, lines };
}

// Secrets planted in errors; none may appear anywhere in a log line.
const SECRETS = ['sk_live_51Hx', 'sid=4f2a', 'session=9c1d', 'Basic dXNlcjpwYXNz', 'apikey-77'] as const;

test('a 4xx is logged once, at warn, with request id, method, path without query, status and code', async () => {
  const { res, lines } = await logsOf(() => new NotFoundError('User u_9 was not found'), {}, '/throw?token=secret-token');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: 40,
    request_id: res.body.meta.request_id,
    method: 'GET',
    path: '/throw',
    status: 404,
    code: 'resource_not_found',
    msg: 'GET /throw -> 404 resource_not_found',
    error: { type: 'NotFoundError', message: 'User u_9 was not found' },
  });
  expect(JSON.stringify(lines)).not.toContain('secret-token');
});

test('a 5xx is logged once, at error, with message, stack and the cause chain', async () => {
  const root = new Error('ECONNREFUSED 10.0.0.7:5432');
  const middle = new Error('query failed', { cause: root });
  const { res, lines } = await logsOf(() => middle);
  expect(res.status).toBe(500);
  expect(lines).toHaveLength(1);
  const line = lines[0] as { level: number; error: Record<string, unknown> };
  expect(line.level).toBe(50);
  // The logged error is the ApiError the client got; the thrown one is its cause, with its own stack.
  expect(line.error).toMatchObject({ type: 'InternalServerError', status: 500, code: 'internal_error' });
  expect(line.error.cause).toMatchObject({
    type: 'Error',
    message: 'query failed',
    stack: expect.stringMatching(/^Error: query failed\n\s+at /),
    cause: { type: 'Error', message: 'ECONNREFUSED 10.0.0.7:5432', stack: expect.stringContaining('at ') },
  });
});

test('a thrown InternalServerError keeps its own stack in the log', async () => {
  const { lines } = await logsOf(() => new InternalServerError('invariant broken'));
  expect(lines[0]).toMatchObject({
    level: 50,
    error: { message: 'invariant broken', stack: expect.stringMatching(/^InternalServerError: invariant broken\n\s+at /) },
  });
});

test('AggregateError members are logged', async () => {
  const { lines } = await logsOf(
    () => new AggregateError([new Error('shard 1 down'), createHttpError(404, 'shard 2 missing')], 'fan-out failed'),
  );
  const cause = (lines[0] as { error: { cause: { errors: unknown[]; message: string } } }).error.cause;
  expect(cause.message).toBe('fan-out failed');
  expect(cause.errors).toEqual([
    expect.objectContaining({ type: 'Error', message: 'shard 1 down' }),
    expect.objectContaining({ type: 'NotFoundError', message: 'shard 2 missing', status: 404 }),
  ]);
});

describe('a 4xx thrown on purpose is logged by what the line does not already say', () => {
  test('type and message only: no status, code, statusCode, expose, empty headers or one-line stack', async () => {
    const { lines } = await logsOf(() => new NotFoundError('User u_9 was not found'));
    expect(lines[0]?.error).toEqual({ type: 'NotFoundError', message: 'User u_9 was not found' });
  });

  test("details, headers and the app's own fields are kept, redacted as everywhere", async () => {
    const thrown = Object.assign(new TooManyRequestsError(undefined, { retryAfter: 30, details: { limit: 100, apiKey: SECRETS[4] } }), {
      tenant: 't_1',
    });
    const { lines } = await logsOf(() => thrown);
    expect(lines[0]?.error).toEqual({
      type: 'TooManyRequestsError',
      message: 'Too many requests. Retry later.',
      details: { limit: 100, apiKey: '[Redacted]' },
      headers: { 'Retry-After': '30' },
      tenant: 't_1',
    });
  });

  test('a 4xx with a captured stack or a cause is logged in full', async () => {
    const withStack = await logsOf(() => new NotFoundError('gone', { captureStack: true }));
    expect(withStack.lines[0]?.error).toMatchObject({
      type: 'NotFoundError',
      status: 404,
      code: 'resource_not_found',
      stack: expect.stringMatching(/^NotFoundError: gone\n\s+at /),
    });
    const withCause = await logsOf(() => createHttpError(404, 'no such user'));
    expect(withCause.lines[0]?.error).toMatchObject({
      type: 'NotFoundError',
      status: 404,
      cause: { message: 'no such user', stack: expect.stringContaining('\n') },
    });
  });

  test("the stack of one built without it is never read (V8 formats a stack on its first read): one of another copy's is", async () => {
    const reads: string[] = [];
    const watched = (error: Error, name: string): Error => {
      const stack = error.stack;
      Object.defineProperty(error, 'stack', { configurable: true, get: () => (reads.push(name), stack) });
      return error;
    };
    await logsOf(() => watched(new NotFoundError('gone'), 'ours'));
    // What another copy of the package throws: branded as ours, not built by this copy's class.
    const foreign = Object.assign(Object.create(NotFoundError.prototype) as Error, {
      ...{ status: 404, statusCode: 404, code: 'resource_not_found', expose: true, headers: {} },
      message: 'gone',
      stack: 'NotFoundError: gone',
    });
    const { lines } = await logsOf(() => watched(foreign, 'foreign'));
    expect(reads).toEqual(['foreign']);
    expect(lines[0]?.error).toMatchObject({ type: 'NotFoundError', message: 'gone' });
  });
});

test("the log line uses the key `error`, not pino's `err`", async () => {
  const { lines } = await logsOf(() => new NotFoundError());
  expect(lines[0]).toHaveProperty('error');
  expect(lines[0]).not.toHaveProperty('err');
});

describe('credentials never reach the log', () => {
  test('authorization and cookie headers in an error, at any depth (an axios-like error)', async () => {
    const axiosLike = Object.assign(new Error('Request failed with status code 502'), {
      isAxiosError: true,
      config: {
        url: 'https://billing/charge',
        headers: { Authorization: `Bearer ${SECRETS[0]}`, Cookie: SECRETS[1], 'X-Api-Key': SECRETS[4] },
      },
      response: { status: 502, headers: { 'set-cookie': [SECRETS[2]] } },
      request: { _header: 'x', headers: { 'proxy-authorization': SECRETS[3] } },
    });
    const { lines } = await logsOf(() => axiosLike);
    const text = JSON.stringify(lines);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // An HTTP client's error is logged as a summary of the call, never its config or response.
    expect((lines[0] as { error: { cause: unknown } }).error.cause).toEqual({
      type: 'Error',
      message: 'Request failed with status code 502',
      stack: expect.stringMatching(/^Error: Request failed with status code 502\n/),
      client: 'axios',
      url: 'https://billing/charge',
      status: 502,
    });
  });

  test('credentials under their usual names (axios `auth`, OAuth tokens, client secrets)', async () => {
    const failure = Object.assign(new Error('token exchange failed'), {
      config: { auth: { username: 'svc', password: 'pw-3f9a' }, data: { client_secret: 'cs-77b1', refresh_token: 'rt-0c2d' } },
      response: { data: { access_token: 'at-91ee', token: 'tk-5a5a', api_key: 'ak-1234' } },
    });
    const { lines } = await logsOf(() => failure);
    const text = JSON.stringify(lines);
    for (const secret of ['pw-3f9a', 'cs-77b1', 'rt-0c2d', 'at-91ee', 'tk-5a5a', 'ak-1234']) expect(text).not.toContain(secret);
    expect(text).toContain('svc');
  });

  test('a real upstream request and response on the error (ClientRequest, IncomingMessage, rawHeaders)', async () => {
    const upstream = http.createServer((_req, res) => {
      res.statusCode = 502;
      res.setHeader('Set-Cookie', `session=${SECRETS[2]}`);
      res.end('bad gateway');
    });
    await new Promise<void>((resolve) => upstream.listen(0, resolve));
    const { port } = upstream.address() as AddressInfo;
    const failure = await new Promise<Error>((resolve) => {
      const outgoing = http.request({ port, headers: { Authorization: `Bearer ${SECRETS[0]}`, Cookie: SECRETS[1] } }, (response) => {
        response.resume();
        response.on('end', () => resolve(Object.assign(new Error('Request failed with status code 502'), { request: outgoing, response })));
      });
      outgoing.end();
    });
    upstream.close();
    const { lines } = await logsOf(() => failure);
    const text = JSON.stringify(lines);
    for (const secret of SECRETS.slice(0, 3)) expect(text).not.toContain(secret);
    expect(text).toContain('Request failed with status code 502');
    expect(text.length).toBeLessThan(100_000);
  });

  test('in headers of an http-errors error', async () => {
    const { lines } = await logsOf(() => createHttpError(401, { headers: { 'WWW-Authenticate': 'Basic', Authorization: SECRETS[3] } }));
    expect(JSON.stringify(lines)).not.toContain(SECRETS[3]);
  });

  test('serializeError redacts case-insensitively and survives cycles and throwing getters', () => {
    const error = Object.assign(new Error('x'), { meta: { AUTHORIZATION: SECRETS[0], cookie: SECRETS[1] } }) as Error & { self?: unknown };
    error.self = error;
    Object.defineProperty(error, 'bad', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });
    const text = JSON.stringify(serializeError(error));
    for (const secret of SECRETS.slice(0, 2)) expect(text).not.toContain(secret);
    expect(typeof text).toBe('string');
    expect(JSON.stringify(serializeError({ a: { b: error } }))).not.toContain(SECRETS[0]);
  });
});

describe('levels', () => {
  test.each<[string, ErrorHandlerOptions['logLevel'], () => unknown, number | undefined]>([
    ['per status', { 404: 'info' }, () => new NotFoundError(), 30],
    ['per class', { '4xx': 'debug' }, () => new TooManyRequestsError(), 20],
    ['status wins over class', { 404: 'error', '4xx': 'debug' }, () => new NotFoundError(), 50],
    ['class for 5xx', { '5xx': 'fatal' }, () => new Error('x'), 60],
    ['a function', (error) => (error.status === 429 ? 'info' : 'warn'), () => new TooManyRequestsError(), 30],
    ['silent', { 404: 'silent' }, () => new NotFoundError(), undefined],
    [
      'a throwing function falls back to the default',
      () => {
        throw new Error('bad config');
      },
      () => new NotFoundError(),
      40,
    ],
    ['a function returning no level falls back to the default', () => 'verbose' as never, () => new Error('x'), 50],
  ])('%s', async (_label, logLevel, thrown, level) => {
    const { res, lines } = await logsOf(thrown, { logLevel });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(lines.filter((line) => line.status !== undefined).map((line) => line.level)).toEqual(level === undefined ? [] : [level]);
  });
});

test('a level table with a typo is refused when the handler is created', () => {
  expect(() => errorHandler({ logger: false, logLevel: { 404: 'warning' as never } })).toThrow(/logLevel 404 is "warning"/);
});

test('logger: false logs nothing, not even through req.log', async () => {
  const { logger, lines } = captureLogger();
  const app = express();
  app.use(pinoHttp({ logger: logger, autoLogging: false }));
  app.get('/throw', () => {
    throw new InternalServerError();
  });
  app.use(errorHandler({ logger: false }));
  const res = await request(app).get('/throw');
  expectErrorResponse(res, 500);
  await flushLogs();
  expect(lines).toEqual([]);
});

test('a logger that throws does not stand between the client and its answer', async () => {
  const broken = {
    error: () => {
      throw new Error('disk full');
    },
    warn: () => {
      throw new Error('disk full');
    },
  } as unknown as ErrorLogger;
  const res = await request(appThrowing(() => new NotFoundError('x'), { handler: { logger: broken } })).get('/throw');
  expect(expectErrorResponse(res, 404).error.message).toBe('x');
});

describe('pino-http', () => {
  test('req.log is preferred and req.id is the request id', async () => {
    const configured = captureLogger();
    const fromHttp = captureLogger();
    const app = express();
    app.use(pinoHttp({ logger: fromHttp.logger, autoLogging: false, genReqId: () => 'http-id-1' }));
    app.get('/throw', () => {
      throw new NotFoundError();
    });
    app.use(errorHandler({ logger: configured.logger }));
    const res = await request(app).get('/throw');
    const body = expectErrorResponse(res, 404);
    expect(body.meta.request_id).toBe('http-id-1');
    await flushLogs();
    expect(configured.lines).toEqual([]);
    expect(fromHttp.lines).toEqual([
      expect.objectContaining({ level: 40, request_id: 'http-id-1', req: expect.objectContaining({ id: 'http-id-1' }), status: 404 }),
    ]);
  });

  test("with pino redaction configured, the request's Authorization is not in the line either", async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
    const app = express();
    app.use(requestId());
    app.use(pinoHttp({ logger: pino({ redact: ['req.headers.authorization', 'req.headers.cookie'] }, stream), autoLogging: false }));
    app.get('/throw', () => {
      throw new InternalServerError();
    });
    app.use(errorHandler());
    const res = await request(app)
      .get('/throw')
      .set('Authorization', `Bearer ${SECRETS[0]}`)
      .set('Cookie', SECRETS[1])
      .set('X-Request-Id', 'abc');
    expect(res.body.meta.request_id).toBe('abc');
    await flushLogs();
    expect(lines).toEqual([expect.objectContaining({ level: 50, request_id: 'abc' })]);
    for (const secret of SECRETS) expect(JSON.stringify(lines)).not.toContain(secret);
  });
});

test.each(ERROR_STATUSES.map((status) => [status] as const))('%i is logged exactly once, at the level of its class', async (status) => {
  const { res, lines } = await logsOf(() => createError(status));
  expect(res.status).toBe(status);
  const errorLines = lines.filter((line) => line.msg === `GET /throw -> ${status} ${res.body.error.code}`);
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatchObject({
    level: status >= 500 ? 50 : 40,
    status,
    code: res.body.error.code,
    request_id: res.body.meta.request_id,
  });
  // Every required header has a default (426 too: `Upgrade: HTTP/2`), so no status adds a line.
  expect(lines.length - errorLines.length).toBe(0);
});

test('a malformed request body never reaches the log (body-parser keeps it on the error)', async () => {
  const { logger, lines } = captureLogger();
  const app = express();
  app.use(express.json());
  app.post('/login', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler({ logger }));
  for (const body of ['{"password": "hunter2-secret",', '{"password": hunter2-secret}', '"hunter2-secret']) {
    const res = await request(app).post('/login').set('Content-Type', 'application/json').send(body);
    expect(res.body.error.code).toBe('malformed_json');
  }
  await flushLogs();
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatchObject({ level: 40, code: 'malformed_json', error: { cause: { type: 'entity.parse.failed' } } });
  expect(JSON.stringify(lines)).not.toContain('hunter2');
});

test('a logger an app puts on app.request (every request inherits it) is used as req.log, in the app and in a sub-app', async () => {
  const configured = captureLogger();
  const inherited = captureLogger();
  const app = express();
  (app.request as unknown as { log: ErrorLogger }).log = inherited.logger;
  const sub = express();
  sub.get('/', () => {
    throw new NotFoundError();
  });
  app.use('/sub', sub);
  app.get('/', () => {
    throw new NotFoundError();
  });
  app.use(errorHandler({ logger: configured.logger }));
  sub.use(errorHandler({ logger: configured.logger }));
  await request(app).get('/').expect(404);
  await request(app).get('/sub').expect(404);
  await flushLogs();
  expect(configured.lines).toEqual([]);
  expect(inherited.lines).toEqual([
    expect.objectContaining({ level: 40, msg: 'GET / -> 404 resource_not_found' }),
    expect.objectContaining({ level: 40, msg: 'GET /sub -> 404 resource_not_found' }),
  ]);
});

test('a req.log without the method for the level falls back to the configured logger', async () => {
  const { logger, lines } = captureLogger();
  const app = express();
  app.use((req, _res, next) => {
    // A logger that only has what pino-http's type guarantees everywhere, minus `fatal`.
    (req as unknown as { log: unknown }).log = { error: () => undefined, warn: () => undefined, info: () => undefined };
    next();
  });
  app.get('/', () => {
    throw new NotFoundError();
  });
  app.use(errorHandler({ logger, logLevel: { 404: 'fatal' } }));
  await request(app).get('/').expect(404);
  await flushLogs();
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 60, status: 404 });
});
