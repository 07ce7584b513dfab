import request from 'supertest';
import pinoHttp from 'pino-http';
import pino from 'pino';
import { errorHandler, getRequestId, isValidRequestId, NotFoundError, requestId } from '../../src';
import { appThrowing, EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory } from '../helpers/app';

const GENERATED = /^req_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(EXPRESS_VERSIONS)('%s', (_name, express: ExpressFactory) => {
  const notFound = () => new NotFoundError();

  test.each(['abc-123', 'a', 'A.b_c-d:e', '0'.repeat(128), 'f47ac10b-58cc-4372-a567-0e02b2c3d479'])(
    'a safe incoming id is echoed: %s',
    async (id) => {
      const res = await request(appThrowing(notFound, { express })).get('/throw').set('X-Request-Id', id);
      expect(expectErrorResponse(res, 404).meta.request_id).toBe(id);
    },
  );

  test.each([
    ['too long (129)', '0'.repeat(129)],
    ['a space', 'abc 123'],
    ['a slash', '../etc/passwd'],
    ['quotes', '"abc"'],
    ['a comma (two ids joined)', 'a,b'],
    ['non-ASCII', 'id-\u00e9'],
    ['HTML', '<script>'],
    ['empty', ''],
  ])('an unsafe incoming id (%s) is replaced, never echoed', async (_case, id) => {
    const res = await request(appThrowing(notFound, { express })).get('/throw').set('X-Request-Id', id);
    const body = expectErrorResponse(res, 404);
    expect(body.meta.request_id).toMatch(GENERATED);
    if (id !== '') expect(res.text).not.toContain(id);
  });

  test('each request without an id gets a fresh one', async () => {
    const app = appThrowing(notFound, { express });
    const [a, b] = await Promise.all([request(app).get('/throw'), request(app).get('/throw')]);
    expect(a.body.meta.request_id).toMatch(GENERATED);
    expect(b.body.meta.request_id).toMatch(GENERATED);
    expect(a.body.meta.request_id).not.toBe(b.body.meta.request_id);
  });

  test('the id is on successful responses too', async () => {
    const res = await request(appThrowing(notFound, { express })).get('/ok').set('X-Request-Id', 'ok-1');
    expect(res.headers['x-request-id']).toBe('ok-1');
  });

  test('a custom header name is read and written, and errorHandler uses it', async () => {
    const res = await request(appThrowing(notFound, { express, requestId: { header: 'X-Correlation-Id' } }))
      .get('/throw')
      .set('X-Correlation-Id', 'corr-7');
    expect(res.headers['x-correlation-id']).toBe('corr-7');
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(res.body.meta.request_id).toBe('corr-7');
  });

  test('trustIncoming: false ignores the incoming id', async () => {
    const res = await request(appThrowing(notFound, { express, requestId: { trustIncoming: false } }))
      .get('/throw')
      .set('X-Request-Id', 'abc');
    expect(expectErrorResponse(res, 404).meta.request_id).toMatch(GENERATED);
  });

  test('generate is used for new ids; an unsafe generated id falls back to the default generator', async () => {
    const custom = await request(appThrowing(notFound, { express, requestId: { generate: () => 'custom-1' } })).get('/throw');
    expect(expectErrorResponse(custom, 404).meta.request_id).toBe('custom-1');
    const unsafe = await request(appThrowing(notFound, { express, requestId: { generate: () => 'bad id\r\n' } })).get('/throw');
    expect(expectErrorResponse(unsafe, 404).meta.request_id).toMatch(GENERATED);
  });

  test('without requestId(), errorHandler generates one: body and header agree', async () => {
    const app = appThrowing(notFound, { express, requestId: false });
    const res = await request(app).get('/throw').set('X-Request-Id', 'ignored-without-middleware');
    expect(expectErrorResponse(res, 404).meta.request_id).toMatch(GENERATED);
    expect(res.headers['x-request-id']).toBe(res.body.meta.request_id);
  });

  test('the header is configured once, on requestId(): errorHandler writes the id to it, even for an id an earlier handler overwrote', async () => {
    const app = appThrowing(notFound, {
      express,
      requestId: { header: 'X-Trace-Id' },
      before: (req) => {
        // pino-http with its own genReqId, mounted after requestId(), reassigns req.id: the id already in the header stays the one answered.
        (req as unknown as { id: unknown }).id = 'reassigned-later';
      },
    });
    const res = await request(app).get('/throw').set('X-Trace-Id', 'trace-1');
    expect(res.headers['x-trace-id']).toBe('trace-1');
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(res.status).toBe(404);
    expect(res.body.meta).toEqual({ request_id: 'trace-1' });
  });

  test("pino-http's req.id is used when it is safe", async () => {
    const app = express();
    let n = 0;
    app.use(pinoHttp({ logger: pino({ level: 'silent' }), genReqId: () => ++n }));
    app.get('/throw', () => {
      throw new NotFoundError();
    });
    app.use(errorHandler({ logger: false }));
    const res = await request(app).get('/throw');
    expect(expectErrorResponse(res, 404).meta.request_id).toBe('1');
  });
});

test('an invalid header name is refused when the middleware is created, not per request', () => {
  expect(() => requestId({ header: 'X Request Id' })).toThrow(TypeError);
  // The header is requestId()'s alone: the handler's old option is refused with the way to move it.
  expect(() => errorHandler({ logger: false, requestIdHeader: 'X-Trace-Id' } as never)).toThrow(
    'errorHandler: `requestIdHeader` is no longer an option; set the header on requestId({ header }), which errorHandler reads',
  );
});

test('isValidRequestId and getRequestId', () => {
  expect(isValidRequestId('abc')).toBe(true);
  expect(isValidRequestId('a'.repeat(129))).toBe(false);
  expect(isValidRequestId(123)).toBe(false);
  expect(getRequestId({ id: 'x y' } as never)).toBeUndefined();
  expect(getRequestId({ id: 7 } as never)).toBe('7');
  expect(getRequestId({ id: 1.5 } as never)).toBeUndefined();
  expect(getRequestId({} as never)).toBeUndefined();
  expect(requestId).toBeInstanceOf(Function);
});

test('requestId() exposes its header and generator for the handlers that answer without a request', () => {
  const ids = requestId({ header: 'X-Trace-Id', generate: () => 'trace-9' });
  expect(ids.header).toBe('X-Trace-Id');
  expect(ids.newId()).toBe('trace-9');
  expect(requestId({ generate: () => 'bad id' }).newId()).toMatch(GENERATED);
  expect(requestId().header).toBe('X-Request-Id');
  expect(() => {
    (ids as { header: string }).header = 'X-Other';
  }).toThrow(TypeError);
});
