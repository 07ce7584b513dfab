import express, { type Express } from 'express';
import { DataTypes, Sequelize, UniqueConstraintError, ValidationError, ValidationErrorItem } from 'sequelize';
import request from 'supertest';
import { databaseRecognizers, errorHandler, recognizeSequelize, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';
import { uniqueViolation } from './pg-wire';

// A real Sequelize on the postgres dialect; nothing here connects: validation runs in process and
// the unique violation goes through Sequelize's own postgres error formatter.
const sequelize = new Sequelize({ dialect: 'postgres', logging: false });
const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: true } },
  name: { type: DataTypes.STRING, validate: { len: [2, 5] } },
  age: { type: DataTypes.INTEGER, validate: { min: 18, max: 130, isInt: true } },
  role: { type: DataTypes.STRING, validate: { isIn: [['admin', 'member']] } },
  nick: {
    type: DataTypes.STRING,
    validate: {
      isNotRoot: (value: string) => {
        if (value === 'root') throw new Error('This nickname is reserved');
      },
    },
  },
  handle: {
    type: DataTypes.STRING,
    validate: {
      quoting: (value: string) => {
        throw new Error(`${value} is taken`);
      },
    },
  },
});

type PostgresQuery = new (connection: object, sequelize: Sequelize, options: object) => { formatError(error: Error): Error };
const formatPostgresError = (error: Error): Error => {
  const Query = (sequelize as unknown as { dialect: { Query: PostgresQuery } }).dialect.Query;
  return new Query({}, sequelize, {}).formatError(error);
};

function usersApp(options: { express?: ExpressFactory; handler?: ErrorHandlerOptions; duplicate?: boolean } = {}): Express {
  const app = (options.express ?? express)();
  app.use(express.json());
  app.post('/users', (req, res, next) => {
    const run = async (): Promise<void> => {
      if (options.duplicate === true) throw formatPostgresError(uniqueViolation(String(req.body.email)));
      await User.build(req.body).validate();
      res.status(201).json({ ok: true });
    };
    run().catch(next);
  });
  app.use(errorHandler({ logger: false, recognizers: databaseRecognizers, ...options.handler }));
  return app;
}

describe('Sequelize ValidationError is 400 validation_error', () => {
  it.each(EXPRESS_VERSIONS)('one detail per attribute (%s)', async (_name, factory) => {
    const res = await request(usersApp({ express: factory }))
      .post('/users')
      .send({ email: 'hunter2-not-an-email', name: 'x', age: 3, role: 'hunter2-ROLE', nick: 'root' });
    const body = expectErrorResponse(res, 400, 'Bad Request');
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        // A custom validator, though named like validator.js's (`isNotRoot`), is the app's own.
        { path: 'nick', code: 'invalid', message: 'This nickname is reserved' },
        { path: 'email', code: 'invalid_format', message: 'Validation isEmail on email failed' },
        { path: 'name', code: 'too_small', message: 'Validation len on name failed' },
        { path: 'age', code: 'too_small', message: 'Validation min on age failed' },
        { path: 'role', code: 'invalid_value', message: 'Validation isIn on role failed' },
      ],
    });
    expect(res.text).not.toContain('hunter2');
  });

  it('null, wrong types, too long and too big', async () => {
    const res = await request(usersApp())
      .post('/users')
      .send({ name: ['hunter2'], age: 300 });
    expect(expectErrorResponse(res, 400).error.details).toEqual([
      { path: 'email', code: 'required', message: 'User.email cannot be null' },
      // The value is an array: a message is only kept when it cannot be quoting it.
      { path: 'name', code: 'invalid_type', message: 'This field has the wrong type.' },
      { path: 'name', code: 'invalid', message: 'This value is invalid.' },
      { path: 'age', code: 'too_big', message: 'Validation max on age failed' },
    ]);
    const long = await request(usersApp()).post('/users').send({ email: 'a@b.co', name: 'hunter2-long' });
    expect(expectErrorResponse(long, 400).error.details).toEqual([
      { path: 'name', code: 'too_big', message: 'Validation len on name failed' },
    ]);
  });

  it('a custom message quoting the value is replaced, and nothing submitted is logged', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(usersApp({ handler: { logger } }))
      .post('/users')
      .send({ email: 'a@b.co', handle: 'hunter2-HANDLE' });
    expect(expectErrorResponse(res, 400).error.details).toEqual([{ path: 'handle', code: 'invalid', message: 'This value is invalid.' }]);
    await flushLogs();
    expect(lines[0]?.error).toMatchObject({
      cause: { source: 'sequelize' },
      details: [{ path: 'handle', code: 'invalid', message: 'This value is invalid.' }],
    });
    expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
  });

  it('a valid instance passes', async () => {
    expect((await request(usersApp()).post('/users').send({ email: 'a@b.co', name: 'abc' })).status).toBe(201);
  });
});

describe('Sequelize UniqueConstraintError is 409 already_exists', () => {
  it('names the field; the value, SQL and constraint are not sent, the log has table and constraint', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(usersApp({ duplicate: true, handler: { logger } }))
      .post('/users')
      .send({ email: 'hunter2@secret.example' });
    expect(expectErrorResponse(res, 409, 'Conflict').error).toEqual({
      code: 'already_exists',
      message: 'A resource with these values already exists.',
      details: [{ path: 'email', code: 'not_unique', message: 'This value is already taken.' }],
    });
    expect(res.text).not.toContain('users_email_key');
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
      source: 'sequelize',
      table: 'users',
      constraint: 'users_email_key',
      fields: ['email'],
    });
    expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
  });

  it('falls back to the keys of `fields` (or its list) when there are no items', () => {
    const byKeys = new UniqueConstraintError({ message: 'Validation error', errors: [], fields: { tenant_id: 1, slug: 'hunter2' } });
    expect(toApiError(byKeys, { recognizers: [recognizeSequelize] }).details).toEqual([
      { path: 'tenant_id', code: 'not_unique', message: 'This value is already taken.' },
      { path: 'slug', code: 'not_unique', message: 'This value is already taken.' },
    ]);
    const byList = new UniqueConstraintError({ errors: [], fields: ['slug'] as unknown as Record<string, unknown> });
    expect(toApiError(byList, { recognizers: [recognizeSequelize] }).details).toEqual([
      { path: 'slug', code: 'not_unique', message: 'This value is already taken.' },
    ]);
    const none = toApiError(new UniqueConstraintError({}), { recognizers: [recognizeSequelize] });
    expect([none.status, none.details]).toEqual([409, undefined]);
  });
});

describe('recognizeSequelize on its own', () => {
  const recognizers = [recognizeSequelize];

  it('maps validator keys it was not shown above', () => {
    const item = (validatorKey: string, type = 'Validation error', value: unknown = 'v', builtIn = true): ValidationErrorItem =>
      new ValidationErrorItem(
        'Msg',
        type as 'validation error',
        'f',
        value as string,
        null as never,
        validatorKey,
        builtIn ? validatorKey : (undefined as never),
        [],
      );
    const error = new ValidationError('x', [
      item('notEmpty'),
      item('notIn'),
      item('isUUID'),
      item('matches'),
      item('custom'),
      item('', 'unique violation'),
      item('', 'notNull Violation'),
      item('isEmail', 'Validation error', { object: true }),
      item('isEmail', 'Validation error', 'v', false),
    ]);
    expect(
      (toApiError(error, { recognizers }).details as { code: string; message: string }[]).map((detail) => [detail.code, detail.message]),
    ).toEqual([
      ['required', 'Msg'],
      ['invalid_value', 'Msg'],
      ['invalid_format', 'Msg'],
      ['invalid_format', 'Msg'],
      ['invalid', 'Msg'],
      ['not_unique', 'Msg'],
      ['required', 'Msg'],
      ['invalid_format', 'This value is not in the expected format.'],
      ['invalid', 'Msg'],
    ]);
  });

  it('a custom message is kept unless it quotes the value, whatever the primitive; odd keys and bounds', () => {
    const item = (fields: object): object => ({ validatorKey: 'custom', validatorName: 'custom', path: 'f', message: 'm', ...fields });
    const messages = toApiError(
      {
        name: 'SequelizeValidationError',
        errors: [
          item({ value: undefined }),
          item({ value: true }),
          item({ value: 5n }),
          item({ value: null, message: 'cannot be null' }),
          item({ value: 'secret', message: 'secret is taken' }),
        ],
      },
      { recognizers },
    ).details as { message: string }[];
    expect(messages.map((detail) => detail.message)).toEqual(['m', 'm', 'm', 'cannot be null', 'This value is invalid.']);
    const codes = toApiError(
      {
        name: 'SequelizeValidationError',
        errors: [item({ validatorKey: 'myisValid' }), item({ validatorKey: 'len', validatorArgs: ['3'], value: 'ab' })],
      },
      { recognizers },
    ).details as { code: string }[];
    expect(codes.map((detail) => detail.code)).toEqual(['invalid', 'too_big']);
    expect(toApiError({ name: 'OtherValidationError', errors: [item({})] }, { recognizers }).status).toBe(500);
  });

  it('unique fields: the items first, skipping odd ones, then the keys of `fields`', () => {
    const paths = (error: object): unknown =>
      (toApiError({ name: 'SequelizeUniqueConstraintError', ...error }, { recognizers }).details as { path: string }[] | undefined)?.map(
        (detail) => detail.path,
      );
    expect(paths({ errors: [null, { path: 'email' }], fields: { tenant: 1 } })).toEqual(['email']);
    expect(paths({ fields: { email: 'x' } })).toEqual(['email']);
  });

  it('leaves look-alikes alone and survives hostile items', () => {
    expect(toApiError(Object.assign(new Error('x'), { name: 'SequelizeValidationError' }), { recognizers }).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { name: 'SequelizeDatabaseError' }), { recognizers }).status).toBe(500);
    const hostile = Object.assign(new Error('x'), {
      name: 'SequelizeValidationError',
      errors: [
        null,
        { validatorKey: '__proto__', validatorName: '__proto__', path: 42, message: 7 },
        { validatorKey: 'len', validatorName: 'len', validatorArgs: 'x', value: 'abc' },
      ],
    });
    expect(toApiError(hostile, { recognizers }).details).toEqual([
      { path: '', code: 'invalid', message: 'This value is invalid.' },
      { path: '', code: 'too_big', message: 'This value is too big or too long.' },
    ]);
  });
});
