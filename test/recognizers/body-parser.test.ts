import { PassThrough } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import request from 'supertest';
import { errorHandler, toApiError, type ApiError } from '../../src';
import { EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory } from '../helpers/app';

// A real app parsing with the given body-parser middleware; the error it raised is kept, so
// a test reads both the response and what `toApiError` made of the very same error.
function parserApp(express: ExpressFactory, parser: RequestHandler): { app: ReturnType<ExpressFactory>; raised: () => unknown } {
  let raised: unknown;
  const app = express();
  app.use(parser);
  app.post('/items', (req, res) => void res.status(201).json(req.body));
  const keep: ErrorRequestHandler = (error, _req, _res, next) => {
    raised = error;
    next(error);
  };
  app.use(keep);
  app.use(errorHandler({ logger: false }));
  return { app, raised: () => raised };
}

// body-parser run on a stand-in request stream: the failures a client causes by closing the
// connection or sending fewer bytes than its Content-Length, which a live socket cannot answer.
function readWith(parser: RequestHandler, end: (req: PassThrough) => void): Promise<unknown> {
  const req = Object.assign(new PassThrough(), {
    headers: { 'content-type': 'application/octet-stream', 'content-length': '10' },
    method: 'POST',
    url: '/',
  });
  return new Promise((resolve) => {
    parser(req as never, {} as never, resolve);
    req.write('abc');
    setImmediate(() => end(req));
  });
}

const summary = (error: ApiError): unknown[] => [error.status, error.code, error.message, error.cause];

describe.each(EXPRESS_VERSIONS)('body-parser failures on %s', (name, express) => {
  test('too many urlencoded parameters: 413 too_many_parameters', async () => {
    const { app, raised } = parserApp(express, express.urlencoded({ extended: false, parameterLimit: 2 }));
    const res = await request(app).post('/items').type('form').send('a=1&b=2&c=3');
    expect(expectErrorResponse(res, 413, 'Content Too Large').error).toEqual({
      code: 'too_many_parameters',
      message: 'The request has too many parameters.',
    });
    expect(toApiError(raised()).cause).toEqual({ type: 'parameters.too.many' });
  });

  test("a verify callback's refusal: 403 forbidden, its message not sent", async () => {
    const { app, raised } = parserApp(
      express,
      express.json({
        verify: () => {
          throw new Error('HMAC mismatch for key k_live_1');
        },
      }),
    );
    const res = await request(app).post('/items').send({ a: 1 });
    expect(expectErrorResponse(res, 403, 'Forbidden').error).toEqual({
      code: 'forbidden',
      message: 'You do not have permission to perform this action.',
    });
    expect(res.text).not.toContain('HMAC');
    expect(toApiError(raised()).cause).toEqual({ type: 'entity.verify.failed' });
  });

  test('a body over the limit: the cause keeps the limit and the length, not the body', async () => {
    const { app, raised } = parserApp(express, express.json({ limit: 8 }));
    const res = await request(app).post('/items').send({ password: 'hunter2-SECRET' });
    expect(expectErrorResponse(res, 413).error.code).toBe('content_too_large');
    expect(toApiError(raised()).cause).toEqual({ type: 'entity.too.large', limit: 8, length: 29, expected: 29 });
  });

  test('malformed JSON: the cause is the type only (V8 quotes the body in its message)', async () => {
    const { app, raised } = parserApp(express, express.json());
    const res = await request(app).post('/items').set('Content-Type', 'application/json').send('{"password": "hunter2-SECRET",');
    expect(expectErrorResponse(res, 400).error.code).toBe('malformed_json');
    expect(toApiError(raised()).cause).toEqual({ type: 'entity.parse.failed' });
    expect(JSON.stringify(toApiError(raised()))).not.toContain('hunter2');
  });

  test('an unsupported charset: the cause names it', async () => {
    const { app, raised } = parserApp(express, express.json());
    await request(app).post('/items').set('Content-Type', 'application/json; charset=klingon').send('{}');
    expect(summary(toApiError(raised()))).toEqual([
      415,
      'unsupported_charset',
      'The request body charset is not supported.',
      { type: 'charset.unsupported', charset: 'klingon' },
    ]);
  });

  test('an unsupported coding: the cause names it, Accept-Encoding lists what this major decodes', async () => {
    const { app, raised } = parserApp(express, express.json());
    const res = await request(app).post('/items').set('Content-Type', 'application/json').set('Content-Encoding', 'x-snappy').send('{}');
    expect(res.headers['accept-encoding']).toBe(name === 'express 5' ? 'gzip, deflate, br, identity' : 'gzip, deflate, identity');
    const error = toApiError(raised());
    expect(summary(error)).toEqual([
      415,
      'unsupported_content_encoding',
      'The request body content encoding is not supported.',
      { type: 'encoding.unsupported', encoding: 'x-snappy' },
    ]);
  });

  test('inflate: false takes only unencoded bodies: Accept-Encoding: identity', async () => {
    const { app, raised } = parserApp(express, express.json({ inflate: false }));
    const res = await request(app).post('/items').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}');
    expect(expectErrorResponse(res, 415).error.code).toBe('unsupported_content_encoding');
    expect(res.headers['accept-encoding']).toBe('identity');
    expect(toApiError(raised()).cause).toEqual({ type: 'encoding.unsupported', encoding: 'gzip' });
  });

  test('fewer bytes than Content-Length: 400 bad_request', async () => {
    const error = toApiError(await readWith(express.raw(), (req) => req.end()));
    expect(summary(error)).toEqual([
      400,
      'bad_request',
      'The request is invalid.',
      { type: 'request.size.invalid', expected: 10, length: 10, received: 3 },
    ]);
    expect(error.headers).toEqual({});
    // No stack of its own: body-parser's frames are in the error it raised.
    expect(error.stack).toBe(`BadRequestError: ${error.message}`);
  });

  test('a client that went away mid-body: 400 request_aborted', async () => {
    const error = toApiError(
      await readWith(express.raw(), (req) => {
        req.emit('aborted');
        req.end();
        req.resume();
      }),
    );
    expect(summary(error)).toEqual([
      400,
      'request_aborted',
      'The request was aborted before its body was read.',
      { type: 'request.aborted', expected: 10, length: 10, received: 3 },
    ]);
  });
});

describe('recognizeBodyParser on its own', () => {
  test("the stack tells body-parser 2's decoder from body-parser 1's; no stack promises what both decode", () => {
    const at = (frame: string): ApiError =>
      toApiError({
        type: 'encoding.unsupported',
        status: 415,
        message: 'unsupported content encoding "x"',
        stack: `UnsupportedMediaTypeError: x\n    ${frame} (read.js:1:1)`,
      });
    expect(at('at createDecompressionStream').headers['Accept-Encoding']).toBe('gzip, deflate, br, identity');
    expect(at('at contentstream').headers['Accept-Encoding']).toBe('gzip, deflate, identity');
    expect(toApiError({ type: 'encoding.unsupported', message: 'x', stack: 42 }).headers['Accept-Encoding']).toBe(
      'gzip, deflate, identity',
    );
  });

  test('only the Accept-Encoding of a coding failure: other failures carry no header', () => {
    expect(toApiError({ type: 'charset.unsupported', message: 'content encoding unsupported', charset: 'x' }).headers).toEqual({});
  });

  test('cause fields: numbers kept, strings cut at 64 characters, anything else left out', () => {
    const error = toApiError({
      type: 'charset.unsupported',
      charset: 'c'.repeat(100),
      limit: '1mb',
      length: { n: 1 },
      received: 5,
      body: 'hunter2',
    });
    expect(error.cause).toEqual({ type: 'charset.unsupported', charset: 'c'.repeat(64), limit: '1mb', received: 5 });
  });

  test.each(['querystring.parse.rangeError', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'a type it does not know (%s) is left to the status reader',
    (type) => {
      const thrown = { type, status: 400, message: 'The input exceeded the depth' };
      const error = toApiError(thrown);
      expect(summary(error)).toEqual([400, 'bad_request', 'The input exceeded the depth', thrown]);
    },
  );

  test('a non-string type is no body-parser error', () => {
    const thrown = { type: 413, status: 413, message: 'x' };
    expect(toApiError(thrown).cause).toBe(thrown);
  });
});
