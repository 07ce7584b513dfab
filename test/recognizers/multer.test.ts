import express, { type Express, type RequestHandler } from 'express';
import multer, { MulterError, type Options } from 'multer';
import request from 'supertest';
import { errorHandler, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, expectNoStackFrames, flushLogs, type ExpressFactory } from '../helpers/app';

// A real multer 2 app (memory storage): POST /upload runs the given middleware, then answers 201.
function uploadApp(
  middleware: (upload: multer.Multer) => RequestHandler,
  limits: Options['limits'] = {},
  options: { express?: ExpressFactory; handler?: ErrorHandlerOptions } = {},
): Express {
  const app = (options.express ?? express)();
  const upload = multer({ storage: multer.memoryStorage(), limits });
  app.post('/upload', middleware(upload), (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.use(errorHandler({ logger: false, ...options.handler }));
  return app;
}

const BOUNDARY = 'XyZboundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
// multer 2.5 raises codes its typings (@types/multer) do not list yet.
const code = (name: string): MulterError['code'] => name as MulterError['code'];
const crlf = (lines: string[]): string => lines.join('\r\n');

describe('multer limits (RFC 9110 §15.5.14: content too large is 413)', () => {
  it.each(EXPRESS_VERSIONS)('LIMIT_FILE_SIZE is 413 file_too_large naming the field (%s)', async (_name, factory) => {
    const app = uploadApp((upload) => upload.single('avatar'), { fileSize: 10 }, { express: factory });
    const res = await request(app).post('/upload').attach('avatar', Buffer.alloc(100, 1), 'me.png');
    const body = expectErrorResponse(res, 413, 'Content Too Large');
    expect(body.error).toEqual({
      code: 'file_too_large',
      message: 'An uploaded file is too large.',
      details: [{ path: 'files.avatar', code: 'too_big', message: 'This file is too large.' }],
    });
  });

  it('a file within the limit passes (the app answers)', async () => {
    const app = uploadApp((upload) => upload.single('avatar'), { fileSize: 10 });
    const res = await request(app).post('/upload').attach('avatar', Buffer.alloc(10, 1), 'me.png');
    expect(res.status).toBe(201);
  });

  it('LIMIT_FILE_COUNT is 413 too_many_files without details', async () => {
    const app = uploadApp((upload) => upload.array('photos'), { files: 1 });
    const res = await request(app).post('/upload').attach('photos', Buffer.from('a'), 'a.png').attach('photos', Buffer.from('b'), 'b.png');
    const body = expectErrorResponse(res, 413);
    expect(body.error).toEqual({ code: 'too_many_files', message: 'Too many files were uploaded.' });
  });

  it('LIMIT_PART_COUNT is 413 too_many_files', async () => {
    const app = uploadApp((upload) => upload.any(), { parts: 1 });
    const res = await request(app).post('/upload').field('title', 'x').attach('doc', Buffer.from('a'), 'a.txt');
    expect(expectErrorResponse(res, 413).error).toEqual({ code: 'too_many_files', message: 'The multipart body has too many parts.' });
  });

  it('LIMIT_FIELD_COUNT is 413 too_many_parameters, like urlencoded bodies', async () => {
    const app = uploadApp((upload) => upload.none(), { fields: 1 });
    const res = await request(app).post('/upload').field('a', '1').field('b', '2');
    expect(expectErrorResponse(res, 413).error).toEqual({ code: 'too_many_parameters', message: 'The form has too many fields.' });
  });

  it('LIMIT_FIELD_KEY is 413 content_too_large (multer names no field)', async () => {
    const app = uploadApp((upload) => upload.none(), { fieldNameSize: 3 });
    const res = await request(app).post('/upload').field('longname', '1');
    expect(expectErrorResponse(res, 413).error).toEqual({ code: 'content_too_large', message: 'A form field name is too long.' });
  });

  it('LIMIT_FIELD_VALUE is 413 naming body.<field>; the value is neither sent nor logged', async () => {
    const { logger, lines } = captureLogger();
    const app = uploadApp((upload) => upload.none(), { fieldSize: 5 }, { handler: { logger } });
    const res = await request(app).post('/upload').field('bio', 'hunter2-SECRET-value');
    const body = expectErrorResponse(res, 413);
    expect(body.error).toEqual({
      code: 'content_too_large',
      message: 'A form field value is too long.',
      details: [{ path: 'body.bio', code: 'too_big', message: 'This value is too long.' }],
    });
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 413, code: 'content_too_large' });
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({ source: 'multer', code: 'LIMIT_FIELD_VALUE', field: 'bio' });
    expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
  });
});

describe('multer field errors', () => {
  it('a file in an unexpected field is 400 unexpected_file; the file name is not logged', async () => {
    const { logger, lines } = captureLogger();
    const app = uploadApp((upload) => upload.single('avatar'), {}, { handler: { logger } });
    const res = await request(app).post('/upload').attach('photo', Buffer.from('a'), 'hunter2-SECRET.png');
    const body = expectErrorResponse(res, 400, 'Bad Request');
    expect(body.error).toEqual({
      code: 'unexpected_file',
      message: 'A file was uploaded in an unexpected field.',
      details: [{ path: 'files.photo', code: 'unknown_field', message: 'This field accepts no file, or fewer files.' }],
    });
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({ source: 'multer', code: 'LIMIT_UNEXPECTED_FILE', field: 'photo' });
    expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
  });

  it('one file more than a field’s maxCount is unexpected_file too', async () => {
    const app = uploadApp((upload) => upload.fields([{ name: 'docs', maxCount: 1 }]));
    const res = await request(app).post('/upload').attach('docs', Buffer.from('a'), 'a.txt').attach('docs', Buffer.from('b'), 'b.txt');
    expect(expectErrorResponse(res, 400).error.details).toEqual([
      { path: 'files.docs', code: 'unknown_field', message: 'This field accepts no file, or fewer files.' },
    ]);
  });

  it('a field name that is not an identifier is quoted in the path', async () => {
    const app = uploadApp((upload) => upload.single('avatar'));
    const res = await request(app).post('/upload').attach('my photo', Buffer.from('a'), 'a.png');
    expect(expectErrorResponse(res, 400).error.details).toEqual([
      { path: 'files["my photo"]', code: 'unknown_field', message: 'This field accepts no file, or fewer files.' },
    ]);
  });

  it('LIMIT_FIELD_NESTING is 400 validation_error naming the field', async () => {
    const app = uploadApp((upload) => upload.none(), { fieldNestingDepth: 1 });
    const res = await request(app).post('/upload').field('a[b][c]', '1');
    expect(expectErrorResponse(res, 400).error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [{ path: 'body["a[b][c]"]', code: 'too_big', message: 'This field name is nested too deeply.' }],
    });
  });

  it('LIMIT_FIELD_ARRAY_INDEX is 400 validation_error naming the field', async () => {
    const app = uploadApp((upload) => upload.none(), { fieldArrayIndexLimit: 10 });
    const res = await request(app).post('/upload').field('tags[100]', 'x');
    expect(expectErrorResponse(res, 400).error.details).toEqual([
      { path: 'body["tags[100]"]', code: 'too_big', message: 'This field name has too large an array index.' },
    ]);
  });

  it('a part without a field name is 400 malformed_multipart', async () => {
    const raw = crlf([`--${BOUNDARY}`, 'Content-Disposition: form-data', '', 'value', `--${BOUNDARY}--`, '']);
    const res = await request(uploadApp((upload) => upload.none()))
      .post('/upload')
      .set('Content-Type', MULTIPART)
      .send(raw);
    expect(expectErrorResponse(res, 400).error).toEqual({
      code: 'malformed_multipart',
      message: 'A part of the multipart body has no field name.',
    });
  });
});

describe('malformed multipart bodies (busboy errors passed on by multer)', () => {
  it.each([
    [
      'a body cut before its closing boundary',
      MULTIPART,
      crlf([`--${BOUNDARY}`, 'Content-Disposition: form-data; name="a"', '', 'value']),
      'Unexpected end of form',
    ],
    [
      'a file cut before its closing boundary',
      MULTIPART,
      crlf([`--${BOUNDARY}`, 'Content-Disposition: form-data; name="f"; filename="a.txt"', '', 'abc']),
      'Unexpected end of form',
    ],
    [
      'a part header without a colon',
      MULTIPART,
      crlf([`--${BOUNDARY}`, 'Content-Disposition form-data', '', 'v', `--${BOUNDARY}--`, '']),
      'Malformed part header',
    ],
    ['a Content-Type without boundary', 'multipart/form-data', 'anything', 'Multipart: Boundary not found'],
  ])('%s is 400 malformed_multipart, the parser message logged', async (_name, type, raw, message) => {
    const { logger, lines } = captureLogger();
    const app = uploadApp((upload) => upload.any(), {}, { handler: { logger } });
    const res = await request(app).post('/upload').set('Content-Type', type).send(raw);
    expect(expectErrorResponse(res, 400).error).toEqual({
      code: 'malformed_multipart',
      message: 'The multipart request body is malformed.',
    });
    await flushLogs();
    expect((lines[0]?.error as { cause: { source: string; message: string } }).cause).toMatchObject({ source: 'busboy', message });
  });

  it('Express 4: a truncated body is 400 malformed_multipart', async () => {
    const [, express4] = EXPRESS_VERSIONS[1];
    const app = uploadApp((upload) => upload.any(), {}, { express: express4 });
    const raw = crlf([`--${BOUNDARY}`, 'Content-Disposition: form-data; name="a"', '', 'value']);
    const res = await request(app).post('/upload').set('Content-Type', MULTIPART).send(raw);
    expect(expectErrorResponse(res, 400).error.code).toBe('malformed_multipart');
  });
});

describe('recognizeMulter on its own', () => {
  it('STREAM_DESTROYED is 400 malformed_multipart', () => {
    const error = toApiError(new MulterError(code('STREAM_DESTROYED')));
    expectNoStackFrames(error);
    expect([error.status, error.code, error.message, error.details]).toEqual([
      400,
      'malformed_multipart',
      'The multipart request body is malformed.',
      undefined,
    ]);
  });

  it('INVALID_FIELD_NAME is 400 validation_error naming the body field', () => {
    const error = toApiError(new MulterError(code('INVALID_FIELD_NAME'), 'a[b'));
    expect([error.status, error.code]).toEqual([400, 'validation_error']);
    expect(error.details).toEqual([{ path: 'body["a[b"]', code: 'invalid_format', message: 'This field name cannot be read.' }]);
    expect(error.cause).toEqual({ source: 'multer' });
  });

  it('a field-naming code without a field gives no details; a validation one gives empty details', () => {
    expect(toApiError(new MulterError('LIMIT_FILE_SIZE')).details).toBeUndefined();
    expect(toApiError(new MulterError(code('LIMIT_FIELD_NESTING'))).details).toEqual([]);
  });

  it('a code multer adds later is still the client’s: 400 bad_request', () => {
    const error = toApiError(new MulterError(code('LIMIT_SOMETHING_NEW'), 'f'));
    expect([error.status, error.code, error.message, error.details]).toEqual([
      400,
      'bad_request',
      'The multipart request was rejected.',
      undefined,
    ]);
    expect(error.cause).toEqual({ source: 'multer', code: 'LIMIT_SOMETHING_NEW', field: 'f', storageErrors: undefined });
  });

  it('counts the storage errors multer collected while removing files, and nothing of them', () => {
    const error = Object.assign(new MulterError('LIMIT_FILE_SIZE', 'f'), { storageErrors: [new Error('EACCES /uploads/x')] });
    expect(toApiError(error).cause).toEqual({ source: 'multer', code: 'LIMIT_FILE_SIZE', field: 'f', storageErrors: 1 });
    const aborted = Object.assign(new Error('Unexpected end of form'), { storageErrors: [] });
    expect(toApiError(aborted).cause).toEqual({ source: 'busboy', message: 'Unexpected end of form', storageErrors: undefined });
    expectNoStackFrames(toApiError(aborted));
  });

  it('multer’s own "Request aborted" (it carries storageErrors) is 400 request_aborted', () => {
    for (const message of ['Request aborted', 'Request closed']) {
      const error = toApiError(Object.assign(new Error(message), { storageErrors: [] }));
      expect([error.status, error.code, error.message]).toEqual([
        400,
        'request_aborted',
        'The request was aborted before its body was read.',
      ]);
      expect(error.cause).toEqual({ source: 'multer', message, storageErrors: undefined });
      expectNoStackFrames(error);
    }
  });

  it('leaves look-alikes alone (500)', () => {
    const named = Object.assign(new Error('File too large'), { name: 'MulterError' });
    const wrongName = Object.assign(new TypeError('Unexpected end of form'));
    const plainAbort = new Error('Request aborted');
    const notAnError = { name: 'Error', message: 'Malformed part header' };
    for (const value of [named, wrongName, plainAbort, notAnError, new Error('Unexpected end of form!')]) {
      expect(toApiError(value).status).toBe(500);
    }
  });

  it('survives hostile codes and fields', () => {
    const hostile = [
      { name: 'MulterError', code: '__proto__', field: 'x' },
      { name: 'MulterError', code: 'toString', field: 'x' },
      { name: 'MulterError', code: 'LIMIT_FILE_SIZE', field: 42 },
      { name: 'MulterError', code: 'LIMIT_FILE_SIZE', field: '' },
      { name: 'MulterError', code: 'LIMIT_FILE_SIZE', field: 'x'.repeat(10_000) },
    ];
    expect(hostile.map((value) => toApiError(value).code)).toEqual([
      'bad_request',
      'bad_request',
      'file_too_large',
      'file_too_large',
      'file_too_large',
    ]);
    expect(toApiError(hostile[2]).details).toBeUndefined();
    expect(toApiError(hostile[3]).details).toBeUndefined();
    const long = toApiError(hostile[4]);
    expect((long.details as { path: string }[])[0]?.path).toBe(`files.${'x'.repeat(128)}`);
    expect((long.cause as { field: string }).field).toHaveLength(128);
    expect(toApiError({ name: 'MulterError', code: 'L'.repeat(200) }).cause).toMatchObject({ code: 'L'.repeat(64) });
  });
});
