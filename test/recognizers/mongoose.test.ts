import express, { type Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { databaseRecognizers, errorHandler, recognizeMongoose, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

// No server: validation and casting run before mongoose talks to MongoDB, and without buffering
// a query fails at once instead of waiting for a connection.
mongoose.set('bufferCommands', false);

const User = mongoose.model(
  'User',
  new mongoose.Schema({
    email: { type: String, required: true },
    role: { type: String, enum: ['admin', 'member'] },
    password: { type: String, minlength: 8, maxlength: 64 },
    age: { type: Number, min: 18, max: 130 },
    code: { type: String, match: /^[A-Z]{3}$/ },
    nickname: { type: String, validate: { validator: (value: string) => value !== 'root', message: 'This nickname is reserved' } },
    handle: { type: String, validate: { validator: () => false } },
    items: [{ name: { type: String, required: true } }],
    address: { city: { type: String, maxlength: 3 } },
    invitedBy: mongoose.Schema.Types.ObjectId,
  }),
);

function usersApp(options: { express?: ExpressFactory; handler?: ErrorHandlerOptions; duplicate?: boolean } = {}): Express {
  const app = (options.express ?? express)();
  app.use(express.json());
  app.post('/users', async (req, res, next) => {
    try {
      if (options.duplicate === true) {
        // What MongoDB answers an insert that breaks a unique index (mongodb driver's own class).
        throw new mongoose.mongo.MongoServerError({
          message: `E11000 duplicate key error collection: app.users index: email_1 dup key: { email: "${String(req.body.email)}" }`,
          code: 11000,
          keyPattern: { email: 1 },
          keyValue: { email: req.body.email },
        });
      }
      await new User(req.body).validate();
      res.status(201).json({ ok: true });
    } catch (error) {
      next(error);
    }
  });
  app.get('/users/:id', async (req, res, next) => {
    try {
      res.json(await User.findById(req.params.id).exec());
    } catch (error) {
      next(error);
    }
  });
  app.use(errorHandler({ logger: false, recognizers: databaseRecognizers, ...options.handler }));
  return app;
}

describe('mongoose ValidationError is 400 validation_error', () => {
  it.each(EXPRESS_VERSIONS)('one detail per path, messages that never quote the value (%s)', async (_name, factory) => {
    const res = await request(usersApp({ express: factory }))
      .post('/users')
      .send({
        role: 'hunter2-ROLE',
        password: 'hunter2',
        age: 'hunter2-AGE',
        code: 'hunter2-CODE',
        nickname: 'root',
        handle: 'hunter2-HANDLE',
        items: [{}],
        address: { city: 'hunter2-CITY' },
      });
    const body = expectErrorResponse(res, 400, 'Bad Request');
    expect(body.error.code).toBe('validation_error');
    expect(body.error.message).toBe('The request failed validation.');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'email', code: 'required', message: 'Path `email` is required.' },
        { path: 'role', code: 'invalid_value', message: 'Must be one of: admin, member.' },
        { path: 'password', code: 'too_small', message: 'Must be at least 8 characters.' },
        { path: 'age', code: 'invalid_type', message: 'Must be a valid Number.' },
        { path: 'code', code: 'invalid_format', message: 'This value is not in the expected format.' },
        { path: 'nickname', code: 'invalid', message: 'This nickname is reserved' },
        { path: 'handle', code: 'invalid', message: 'This value is invalid.' },
        { path: 'items[0].name', code: 'required', message: 'Path `name` is required.' },
        { path: 'address.city', code: 'too_big', message: 'Must be at most 3 characters.' },
      ]),
    );
    expect(body.error.details).toHaveLength(9);
    expect(res.text).not.toContain('hunter2');
  });

  it('min and max name their bounds; a long value mongoose shortens is not quoted either', async () => {
    const young = await request(usersApp()).post('/users').send({ email: 'a@b.c', age: 3 });
    expect(expectErrorResponse(young, 400).error.details).toEqual([{ path: 'age', code: 'too_small', message: 'Must be at least 18.' }]);
    const old = await request(usersApp())
      .post('/users')
      .send({ email: 'a@b.c', age: 300, password: `hunter2-${'x'.repeat(60)}` });
    expect(expectErrorResponse(old, 400).error.details).toEqual([
      { path: 'password', code: 'too_big', message: 'Must be at most 64 characters.' },
      { path: 'age', code: 'too_big', message: 'Must be at most 130.' },
    ]);
    expect(old.text).not.toContain('hunter2');
  });

  it('logs the paths and codes, never the values', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(usersApp({ handler: { logger } }))
      .post('/users')
      .send({ email: 'a@b.c', password: 'hunter2', role: 'hunter2-ROLE' });
    expect(res.status).toBe(400);
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.error).toMatchObject({
      cause: { source: 'mongoose' },
      details: [
        { path: 'role', code: 'invalid_value', message: 'Must be one of: admin, member.' },
        { path: 'password', code: 'too_small', message: 'Must be at least 8 characters.' },
      ],
    });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('a valid document passes', async () => {
    expect((await request(usersApp()).post('/users').send({ email: 'a@b.c' })).status).toBe(201);
  });
});

describe('mongoose CastError (findById with a bad id) is 400', () => {
  it('names the path with invalid_format, never the value', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(usersApp({ handler: { logger } })).get('/users/hunter2-ID');
    expect(expectErrorResponse(res, 400).error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [{ path: '_id', code: 'invalid_format', message: 'Must be a valid ObjectId.' }],
    });
    await flushLogs();
    // The request path is logged as it is; the error logged with it does not repeat the value.
    expect(JSON.stringify(lines.map((line) => line.error)) + res.text).not.toContain('hunter2');
  });

  it('is a 500 without databaseRecognizers (off by default)', async () => {
    const app = express();
    app.get('/users/:id', async (req, res) => {
      res.json(await User.findById(req.params.id).exec());
    });
    app.use(errorHandler({ logger: false }));
    expect(expectErrorResponse(await request(app).get('/users/x'), 500).error.code).toBe('internal_error');
  });
});

describe('MongoDB duplicate key (11000) is 409 already_exists', () => {
  it('names the fields of the index; the value is neither sent nor logged', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(usersApp({ duplicate: true, handler: { logger } }))
      .post('/users')
      .send({ email: 'hunter2@secret.example' });
    expect(expectErrorResponse(res, 409, 'Conflict').error).toEqual({
      code: 'already_exists',
      message: 'A resource with these values already exists.',
      details: [{ path: 'email', code: 'not_unique', message: 'This value is already taken.' }],
    });
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({ source: 'mongodb', code: 11000, fields: ['email'] });
    expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
  });

  it('a compound index names each field; keyValue keys serve when keyPattern is missing', () => {
    const compound = new mongoose.mongo.MongoServerError({ message: 'E11000', code: 11000, keyPattern: { tenant: 1, 'profile.email': 1 } });
    expect(toApiError(compound, { recognizers: databaseRecognizers }).details).toEqual([
      { path: 'tenant', code: 'not_unique', message: 'This value is already taken.' },
      { path: 'profile.email', code: 'not_unique', message: 'This value is already taken.' },
    ]);
    const legacy = new mongoose.mongo.MongoServerError({ message: 'E11000', code: 11000, keyValue: { slug: 'x' } });
    expect(toApiError(legacy, { recognizers: [recognizeMongoose] }).details).toEqual([
      { path: 'slug', code: 'not_unique', message: 'This value is already taken.' },
    ]);
    const bare = new mongoose.mongo.MongoServerError({ message: 'E11000', code: 11000 });
    const error = toApiError(bare, { recognizers: [recognizeMongoose] });
    expect([error.status, error.details, error.cause]).toEqual([409, undefined, { source: 'mongodb', code: 11000, fields: undefined }]);
  });
});

describe('recognizeMongoose on its own', () => {
  const recognizers = [recognizeMongoose];

  it('leaves look-alikes alone', () => {
    const values: unknown[] = [
      Object.assign(new Error('x'), { name: 'ValidationError', errors: ['a string, as yup has'] }),
      Object.assign(new Error('x'), { name: 'ValidationError', errors: { a: { name: 'Other', kind: 'required' } } }),
      Object.assign(new Error('x'), { name: 'ValidationError' }),
      Object.assign(new Error('x'), { name: 'CastError', path: '_id', kind: 'ObjectId' }),
      new mongoose.mongo.MongoServerError({ message: 'x', code: 2 }),
      Object.assign(new Error('x'), { name: 'Other', code: 11000 }),
    ];
    expect(values.map((value) => toApiError(value, { recognizers }).status)).toEqual([500, 500, 500, 500, 500, 500]);
  });

  it('survives hostile values', () => {
    const hostile = Object.assign(new Error('x'), {
      name: 'ValidationError',
      errors: {
        a: { name: 'ValidatorError', kind: 'toString', message: 'Bad', value: { nested: true } },
        b: { name: 'ValidatorError', kind: '__proto__', message: 42 },
        c: { name: 'ValidatorError', kind: 'minlength', message: 'x too short', value: 'x', properties: { minlength: 'eight' } },
        d: {
          name: 'ValidatorError',
          kind: 'enum',
          message: '`z` bad',
          value: 'z',
          properties: { enumValues: Array.from({ length: 30 }, (_, i) => i) },
        },
        e: { name: 'CastError', kind: 'Weird kind!', message: 'x' },
        f: null,
        g: { name: 'ValidatorError', kind: 'max', message: 'at most 2020', value: new Date(0), properties: { max: new Date(0) } },
      },
    });
    expect(toApiError(hostile, { recognizers }).details).toEqual([
      { path: 'a', code: 'invalid', message: 'This value is invalid.' },
      { path: 'b', code: 'invalid', message: 'This value is invalid.' },
      { path: 'c', code: 'too_small', message: 'This value is too small or too short.' },
      { path: 'd', code: 'invalid_value', message: 'This value is not one of the allowed values.' },
      { path: 'e', code: 'invalid_type', message: 'This field has the wrong type.' },
      { path: 'g', code: 'too_big', message: 'Must be at most 1970-01-01T00:00:00.000Z.' },
    ]);
  });

  const validation = (errors: Record<string, object>): { path: string; code: string; message: string }[] =>
    toApiError(Object.assign(new Error('x'), { name: 'ValidationError', errors }), { recognizers }).details as never;
  const validator = (fields: object): object => ({ name: 'ValidatorError', kind: 'user defined', message: 'm', ...fields });

  it('a message is kept unless it quotes the value, whatever the primitive (a null value quotes nothing)', () => {
    const messages = validation({
      a: validator({ properties: { value: null } }),
      b: validator({ value: 5 }),
      c: validator({ value: true }),
      d: validator({ value: 5n }),
      e: validator({ value: 'x-SECRET', message: 'x-SECRET is taken' }),
      f: { name: 'SomethingElse', message: 'not a field error' },
    }).map((detail) => detail.message);
    expect(messages).toEqual(['m', 'm', 'm', 'm', 'This value is invalid.']);
  });

  it('a quoting message is rebuilt from the constraint only when the constraint is known and listable', () => {
    const quoting = (kind: string, properties: object): object => validator({ kind, value: 'v-SECRET', message: 'v-SECRET', properties });
    const messages = validation({
      a: quoting('minlength', { minlength: Infinity }),
      b: quoting('maxlength', {}),
      c: quoting('min', {}),
      d: quoting('max', {}),
      e: quoting('enum', { enumValues: [] }),
      f: quoting('enum', { enumValues: Array.from({ length: 20 }, (_, i) => `v${i}`) }),
      g: quoting('enum', { enumValues: Array.from({ length: 10 }, (_, i) => `${i}`.repeat(100)) }),
    }).map((detail) => detail.message);
    expect(messages.slice(0, 5)).toEqual([
      'This value is too small or too short.',
      'This value is too big or too long.',
      'This value is too small or too short.',
      'This value is too big or too long.',
      'This value is not one of the allowed values.',
    ]);
    expect(messages[5]).toBe(`Must be one of: ${Array.from({ length: 20 }, (_, i) => `v${i}`).join(', ')}.`);
    expect(messages[6]).toHaveLength(512);
  });

  it('CastErrors: only within a ValidationError or with a string kind; an odd kind is not echoed; code 11001 is a duplicate too', () => {
    const cast = { name: 'CastError', kind: 'Number', path: 'age', stringValue: '"x"', message: 'Cast to Number failed' };
    expect(validation({ age: cast })).toEqual([{ path: 'age', code: 'invalid_type', message: 'Must be a valid Number.' }]);
    expect(toApiError({ ...cast, kind: 5 }, { recognizers }).status).toBe(500);
    expect(toApiError({ ...cast, kind: '9Number' }, { recognizers }).details).toEqual([
      { path: 'age', code: 'invalid_type', message: 'This field has the wrong type.' },
    ]);
    expect(toApiError(cast, { recognizers }).cause).toEqual({ source: 'mongoose' });
    expect(toApiError({ name: 'MongoServerError', code: 11001, keyPattern: { email: 1 } }, { recognizers }).status).toBe(409);
  });

  it('keeps a custom message that does not quote the value, and marks unique plugin errors', () => {
    const error = Object.assign(new Error('x'), {
      name: 'ValidationError',
      errors: {
        email: { name: 'ValidatorError', kind: 'unique', message: 'Email already registered', value: 'a@b.c' },
        slug: { name: 'ValidatorError', kind: 'required', message: 'Slug needed', value: null },
      },
    });
    expect(toApiError(error, { recognizers }).details).toEqual([
      { path: 'email', code: 'not_unique', message: 'Email already registered' },
      { path: 'slug', code: 'required', message: 'Slug needed' },
    ]);
  });
});
