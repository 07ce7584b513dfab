import { PrismaClientKnownRequestError, PrismaClientValidationError } from '@prisma/client/runtime/client';
import express, { type Express } from 'express';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { DataTypes, Sequelize } from 'sequelize';
import request from 'supertest';
import { databaseRecognizers, errorHandler, serializeError, type ErrorHandlerOptions } from '../../src';
import { redactDatabaseMessage } from '../../src/logging/database-failure';
import { EXPRESS_VERSIONS, captureLogger, flushLogs, type ExpressFactory } from '../helpers/app';
import { QueryFailedError, pgDatabaseError, uniqueViolation } from '../recognizers/pg-wire';

// What a client submitted: neither may reach a log line, whatever the database error says.
const SECRET = 'hunter2-SECRET-value';
const EMAIL = 'alice.secret@example.com';
// A value Prisma prints without quotes (a number in the call it shows).
const PIN = 987654321;

// No server: mongoose validates and casts before it talks to MongoDB; without buffering a query
// fails at once instead of waiting for a connection.
mongoose.set('bufferCommands', false);
const Account = mongoose.model(
  'Account',
  new mongoose.Schema({
    email: { type: String, minlength: 40 },
    age: Number,
  }),
);

// A real Sequelize on the postgres dialect; nothing connects.
const sequelize = new Sequelize({ dialect: 'postgres', logging: false });
const Member = sequelize.define('Member', {
  email: { type: DataTypes.STRING, validate: { isEmail: true } },
  // An app's validator whose message names the value without quotes.
  handle: {
    type: DataTypes.STRING,
    validate: {
      available: (value: string) => {
        throw new Error(`${value} is taken`);
      },
    },
  },
});
type PostgresQuery = new (connection: object, sequelize: Sequelize, options: object) => { formatError(error: Error): Error };
/** What Sequelize's postgres dialect throws for a pg error, with the SQL and parameters its `run()` puts on it. */
function sequelizeError(pgError: Error & Record<string, unknown>): Error {
  Object.assign(pgError, { sql: `INSERT INTO "Members" ("email","password") VALUES ($1,$2)`, parameters: [EMAIL, SECRET] });
  const Query = (sequelize as unknown as { dialect: { Query: PostgresQuery } }).dialect.Query;
  return new Query({}, sequelize, {}).formatError(pgError);
}

const INSERT = `INSERT INTO "users"("email", "password") VALUES ('${EMAIL}', '${SECRET}')`;

// mysql2's errors: `code`, `errno`, `sqlState`, `sqlMessage` and the statement in `sql`.
const mysqlError = (message: string, code: string, errno: number, sqlState: string): Error =>
  Object.assign(new Error(message), { code, errno, sqlState, sqlMessage: message, sql: INSERT });

// What the MongoDB server answers (the driver builds MongoServerError from the response's fields).
const mongoDuplicate = (): Error =>
  new mongoose.mongo.MongoServerError({
    ok: 0,
    errmsg: `E11000 duplicate key error collection: test.users index: email_1 dup key: { email: "${EMAIL}" }`,
    code: 11000,
    codeName: 'DuplicateKey',
    keyPattern: { email: 1 },
    keyValue: { email: EMAIL },
  });
const mongoSchemaFailure = (): Error =>
  new mongoose.mongo.MongoServerError({
    ok: 0,
    errmsg: 'Document failed validation',
    code: 121,
    codeName: 'DocumentValidationFailure',
    // The failing document's `_id` is whatever the app keys by; the details quote each value.
    errInfo: {
      failingDocumentId: EMAIL,
      details: {
        schemaRulesNotSatisfied: [{ propertiesNotSatisfied: [{ propertyName: 'password', details: [{ consideredValue: SECRET }] }] }],
      },
    },
  });

async function mongooseValidationError(): Promise<unknown> {
  try {
    await new Account({ email: EMAIL, age: SECRET }).validate();
  } catch (error) {
    return error;
  }
  throw new Error('expected a ValidationError');
}
async function mongooseCastError(): Promise<unknown> {
  try {
    await Account.findById(SECRET).exec();
  } catch (error) {
    return error;
  }
  throw new Error('expected a CastError');
}
async function sequelizeValidationError(): Promise<unknown> {
  try {
    await Member.build({ email: SECRET, handle: EMAIL }).validate();
  } catch (error) {
    return error;
  }
  throw new Error('expected a ValidationError');
}

const clientVersion = '7.10.0';
// Prisma's messages print the call with its arguments (errorFormat 'pretty' / 'colorless').
const prismaCall = `Invalid \`prisma.user.create()\` invocation in\n/app/src/users.ts:12:3\n\n  11 const user = await prisma.user.create({\n→ 12   data: {\n         email: "${EMAIL}",\n         password: "${SECRET}",\n         pin: ${PIN}\n       }\n     })\n\n`;
const prismaUnique = (): Error =>
  new PrismaClientKnownRequestError(`${prismaCall}Unique constraint failed on the fields: (\`email\`)`, {
    code: 'P2002',
    clientVersion,
    meta: { modelName: 'User', target: ['email'] },
  });
const prismaTooLong = (): Error =>
  new PrismaClientKnownRequestError(`${prismaCall}The provided value for the column is too long for the column's type. Column: password`, {
    code: 'P2000',
    clientVersion,
    meta: { modelName: 'User', column_name: 'password' },
  });
const prismaValidation = (): Error =>
  new PrismaClientValidationError(`${prismaCall}Argument \`age\`: Invalid value provided. Expected Int, provided String.`, {
    clientVersion,
  });

interface Case {
  readonly name: string;
  readonly thrown: () => unknown;
  /** The status with `databaseRecognizers` on (500 when no recognizer knows the error). */
  readonly on: number;
  /** What the log line must still say about the failure. */
  readonly logged: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'pg unique violation',
    thrown: () => uniqueViolation(EMAIL),
    on: 409,
    logged: ['"23505"', '"users"', '"users_email_key"', '"public"', '"_bt_check_unique"'],
  },
  {
    name: 'pg invalid uuid (the value quoted in the message, SQL in `where`)',
    thrown: () =>
      pgDatabaseError({
        S: 'ERROR',
        V: 'ERROR',
        C: '22P02',
        M: `invalid input syntax for type uuid: "${SECRET}"`,
        W: `SQL statement "SELECT * FROM users WHERE id = '${SECRET}'"`,
        q: `SELECT '${EMAIL}'`,
        R: 'string_to_uuid',
      }),
    on: 500,
    logged: ['"22P02"', 'invalid input syntax for type uuid: \\"[Redacted]\\"', '"string_to_uuid"'],
  },
  {
    name: 'TypeORM QueryFailedError over pg',
    thrown: () => new QueryFailedError(INSERT, [EMAIL, SECRET], uniqueViolation(EMAIL)),
    on: 409,
    logged: ['"QueryFailedError"', '"23505"', '"users_email_key"', '"typeorm"'],
  },
  {
    name: 'mysql2 ER_DUP_ENTRY',
    thrown: () => mysqlError(`Duplicate entry '${EMAIL}' for key 'users.email'`, 'ER_DUP_ENTRY', 1062, '23000'),
    on: 409,
    logged: ['"ER_DUP_ENTRY"', '"23000"', '1062', "Duplicate entry '[Redacted]' for key 'users.email'"],
  },
  {
    name: 'mysql2 wrong value, through TypeORM',
    thrown: () =>
      new QueryFailedError(
        INSERT,
        [SECRET],
        mysqlError(`Incorrect integer value: '${SECRET}' for column 'age' at row 1`, 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD', 1366, 'HY000'),
      ),
    on: 500,
    logged: ['"ER_TRUNCATED_WRONG_VALUE_FOR_FIELD"', '"HY000"', "for column 'age' at row 1"],
  },
  {
    name: 'better-sqlite3 unique',
    thrown: () =>
      Object.assign(new Error('UNIQUE constraint failed: users.email'), {
        name: 'SqliteError',
        code: 'SQLITE_CONSTRAINT_UNIQUE',
        sql: INSERT,
      }),
    on: 409,
    logged: ['"SQLITE_CONSTRAINT_UNIQUE"', 'users.email'],
  },
  {
    name: 'sqlite3 syntax error, through TypeORM',
    thrown: () =>
      new QueryFailedError(
        INSERT,
        [EMAIL],
        Object.assign(new Error(`SQLITE_ERROR: near "${SECRET}": syntax error`), { code: 'SQLITE_ERROR', errno: 1 }),
      ),
    on: 500,
    logged: ['"SQLITE_ERROR"', 'syntax error'],
  },
  {
    name: 'MongoServerError E11000',
    thrown: mongoDuplicate,
    on: 409,
    logged: ['11000', '"DuplicateKey"', 'index: email_1 dup key: { [Redacted] }', '"keyPattern":["email"]'],
  },
  {
    name: 'MongoServerError document validation',
    thrown: mongoSchemaFailure,
    on: 500,
    logged: ['121', '"DocumentValidationFailure"', 'Document failed validation'],
  },
  {
    name: 'Prisma P2002',
    thrown: prismaUnique,
    on: 409,
    logged: ['"P2002"', '"modelName":"User"', '"target":["email"]', 'Unique constraint failed on the fields: (`email`)'],
  },
  {
    name: 'Prisma P2000 (an unquoted number in the call it prints)',
    thrown: prismaTooLong,
    on: 500,
    logged: ['"P2000"', '"modelName":"User"', 'Invalid `prisma.user.create()` invocation'],
  },
  {
    name: 'PrismaClientValidationError',
    thrown: prismaValidation,
    on: 500,
    logged: ['"PrismaClientValidationError"', 'Argument `age`: Invalid value provided. Expected Int, provided String.'],
  },
  {
    name: 'Sequelize UniqueConstraintError',
    thrown: () => sequelizeError(uniqueViolation(EMAIL)),
    on: 409,
    logged: ['"SequelizeUniqueConstraintError"', '"fields":["email"]', '"23505"', '"users_email_key"'],
  },
  {
    name: 'Sequelize DatabaseError (22P02)',
    thrown: () =>
      sequelizeError(
        pgDatabaseError({ S: 'ERROR', C: '22P02', M: `invalid input syntax for type uuid: "${SECRET}"`, R: 'string_to_uuid' }),
      ),
    on: 500,
    logged: ['"SequelizeDatabaseError"', '"22P02"'],
  },
  {
    name: 'Sequelize ValidationError (a custom message naming the value unquoted)',
    thrown: sequelizeValidationError,
    on: 400,
    logged: ['"SequelizeValidationError"', '"path":"handle"', '"validatorKey":"isEmail"'],
  },
  {
    name: 'mongoose ValidationError',
    thrown: mongooseValidationError,
    on: 400,
    logged: ['"ValidationError"', '"path":"email"', '"kind":"minlength"', '"path":"age"'],
  },
  { name: 'mongoose CastError', thrown: mongooseCastError, on: 400, logged: ['"CastError"', 'at path \\"_id\\"', '"kind":"ObjectId"'] },
  // An app's own wrapper: the database error sits one cause down.
  {
    name: 'pg error as an app error’s cause',
    thrown: () => new Error('signup failed', { cause: uniqueViolation(EMAIL) }),
    on: 500,
    logged: ['"signup failed"', '"23505"', '"users_email_key"'],
  },
];

function dbApp(thrown: () => unknown, options: { express?: ExpressFactory; handler?: ErrorHandlerOptions }): Express {
  const app = (options.express ?? express)();
  app.post('/users', (_req, _res, next) => {
    // As a rejected query reaches a route's `.catch(next)` (Express 4 and 5 alike).
    Promise.resolve()
      .then(thrown)
      .then((error) => Promise.reject(error))
      .catch(next);
  });
  app.use(errorHandler(options.handler));
  return app;
}

async function logged(
  thrown: () => unknown,
  handler: Omit<ErrorHandlerOptions, 'logger'>,
  factory?: ExpressFactory,
): Promise<{ status: number; body: unknown; text: string }> {
  const { logger, lines } = captureLogger();
  const res = await request(dbApp(thrown, { express: factory, handler: { ...handler, logger } })).post('/users');
  await flushLogs();
  expect(lines).toHaveLength(1);
  return { status: res.status, body: res.body, text: JSON.stringify(lines) + res.text };
}

describe('database errors in the log: no submitted value, the code and names kept', () => {
  describe.each(EXPRESS_VERSIONS)('%s', (_name, factory) => {
    it.each(CASES)('$name, recognizers off: a 500 whose log says what failed, not with what', async ({ thrown, logged: expected }) => {
      const { status, body, text } = await logged(thrown, {}, factory);
      expect(status).toBe(500);
      expect((body as { error: { code: string } }).error.code).toBe('internal_error');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain(String(PIN));
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('INSERT');
      for (const fragment of expected) expect(text).toContain(fragment);
    });

    it.each(CASES)('$name, recognizers on: $on, and the recognizer’s cause is value-free', async ({ thrown, on }) => {
      const { status, text } = await logged(thrown, { recognizers: databaseRecognizers }, factory);
      expect(status).toBe(on);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain(String(PIN));
      expect(text).not.toContain('INSERT');
    });
  });

  it('a pg DatabaseError becomes a summary: allowlisted fields, the stack’s head redacted like the message', () => {
    const error = pgDatabaseError({
      S: 'ERROR',
      V: 'ERROR',
      C: '22P02',
      M: `invalid input syntax for type uuid: "${SECRET}"`,
      D: SECRET,
      t: 'users',
      c: 'id',
      R: 'string_to_uuid',
    });
    const summary = serializeError(error) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['type', 'message', 'stack', 'source', 'code', 'severity', 'table', 'column', 'routine']);
    expect(summary).toMatchObject({
      type: 'error',
      message: 'invalid input syntax for type uuid: "[Redacted]"',
      source: 'postgres',
      code: '22P02',
      severity: 'ERROR',
      table: 'users',
      column: 'id',
      routine: 'string_to_uuid',
    });
    const stack = String(summary.stack).split('\n');
    expect(stack[0]).toBe('error: invalid input syntax for type uuid: "[Redacted]"');
    expect(stack.length).toBeGreaterThan(1);
    expect(stack.slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
  });

  it('TypeORM’s driverError is summarised as its cause; query and parameters never', () => {
    const summary = serializeError(new QueryFailedError(INSERT, [SECRET], uniqueViolation(EMAIL))) as Record<string, unknown>;
    expect(summary).toMatchObject({
      type: 'QueryFailedError',
      source: 'typeorm',
      code: '23505',
      table: 'users',
      constraint: 'users_email_key',
      cause: { type: 'error', source: 'postgres', code: '23505' },
    });
    expect(JSON.stringify(summary)).not.toMatch(/hunter2|alice|INSERT|detail|parameters/);
  });
});

describe('what is not a database error, and hostile ones', () => {
  it('a Node system error or an app error with a code is serialized as before', () => {
    const refused = Object.assign(new Error(`connect ECONNREFUSED 10.0.0.1:5432 "${SECRET}"`), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
    });
    expect(serializeError(refused)).toMatchObject({
      type: 'Error',
      message: refused.message,
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
    });
  });

  it('a getter that throws leaves a summary that says nothing more', () => {
    const error = uniqueViolation(EMAIL);
    Object.defineProperty(error, 'detail', {
      enumerable: true,
      get() {
        throw new Error(EMAIL);
      },
    });
    const summary = serializeError(error);
    expect(summary).toEqual({ type: 'error', message: '[Redacted]', source: 'postgres' });
  });
});

describe('redactDatabaseMessage', () => {
  const TEMPLATES: readonly [string, (value: string) => string, string][] = [
    ['"', (v) => `invalid input syntax for type uuid: "${v}"`, 'invalid input syntax for type uuid: "[Redacted]"'],
    [
      "'",
      (v) => `Incorrect integer value: '${v}' for column 'age' at row 1`,
      "Incorrect integer value: '[Redacted]' for column 'age' at row 1",
    ],
    [
      '`',
      (v) => `Path \`email\` (\`${v}\`, length 3) is shorter than the minimum allowed length (40).`,
      'Path `email` (`[Redacted]`, length 3) is shorter than the minimum allowed length (40).',
    ],
    [
      '}',
      (v) => `E11000 duplicate key error collection: app.users index: email_1 dup key: { email: ${v} }`,
      'E11000 duplicate key error collection: app.users index: email_1 dup key: { [Redacted] }',
    ],
  ];

  it.each(TEMPLATES)('any value without the quote character %s is redacted whole', (quote, template, expected) => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((value) => !value.includes(quote)),
        (value) => {
          expect(redactDatabaseMessage(template(value))).toBe(expected);
        },
      ),
    );
  });

  it('a value holding the quote character never leaks through the literal values the error names', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (value) => {
        fc.pre(!'invalid input syntax for type uuid: "[Redacted]"'.includes(value));
        expect(redactDatabaseMessage(`invalid input syntax for type uuid: "${value}"`, [value])).not.toContain(value);
      }),
    );
  });

  it('names after constraint, column, table, key, path, model, argument are kept; apostrophes are not quotes', () => {
    expect(redactDatabaseMessage('new row for relation "users" violates check constraint "users_age_check"')).toBe(
      'new row for relation "users" violates check constraint "users_age_check"',
    );
    expect(redactDatabaseMessage("Can't connect to MySQL server on 'db.internal'")).toBe("Can't connect to MySQL server on '[Redacted]'");
    expect(redactDatabaseMessage("Duplicate entry 'O'Brien' for key 'users.name'")).toBe(
      "Duplicate entry '[Redacted]' for key 'users.name'",
    );
    expect(redactDatabaseMessage('Cast to ObjectId failed for value "x" (type string) at path "_id" for model "User"')).toBe(
      'Cast to ObjectId failed for value "[Redacted]" (type string) at path "_id" for model "User"',
    );
    // A name-shaped value is still a value when no keyword names it.
    expect(redactDatabaseMessage('for key "a b"')).toBe('for key "[Redacted]"');
    // An unterminated quote redacts to the end.
    expect(redactDatabaseMessage(`near "${SECRET}: syntax error`)).toBe('near "[Redacted]');
  });
});
