import express, { type Express } from 'express';
import { DatabaseError } from 'pg';
import request from 'supertest';
import { databaseRecognizers, errorHandler, recognizePostgres, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, expectNoStackFrames, flushLogs, type ExpressFactory } from '../helpers/app';
import { QueryFailedError, pgDatabaseError, uniqueViolation } from './pg-wire';

const VALUE = 'hunter2@secret.example';
const INSERT = 'INSERT INTO "users"("email") VALUES ($1)';

function usersApp(thrown: (email: string) => unknown, options: { express?: ExpressFactory; handler?: ErrorHandlerOptions } = {}): Express {
  const app = (options.express ?? express)();
  app.use(express.json());
  app.post('/users', (req, _res, next) => {
    Promise.reject(thrown(String(req.body.email))).catch(next);
  });
  app.use(errorHandler({ logger: false, recognizers: databaseRecognizers, ...options.handler }));
  return app;
}

const CONFLICT = {
  code: 'already_exists',
  message: 'A resource with these values already exists.',
  details: [{ path: 'email', code: 'not_unique', message: 'This value is already taken.' }],
};

describe('SQLSTATE 23505 (unique_violation) is 409 already_exists', () => {
  it('pg’s DatabaseError is the class pg-protocol parses', () => {
    expect(uniqueViolation(VALUE)).toBeInstanceOf(DatabaseError);
    expect(uniqueViolation(VALUE)).toMatchObject({
      code: '23505',
      detail: `Key (email)=(${VALUE}) already exists.`,
      constraint: 'users_email_key',
    });
  });

  it.each(EXPRESS_VERSIONS)('pg: names the column, never the value nor the constraint (%s)', async (_name, factory) => {
    const res = await request(usersApp(uniqueViolation, { express: factory }))
      .post('/users')
      .send({ email: VALUE });
    expect(expectErrorResponse(res, 409, 'Conflict').error).toEqual(CONFLICT);
    expect(res.text).not.toContain('users_email_key');
    expect(res.text).not.toContain('hunter2');
  });

  it('pg: the log has the SQLSTATE, table and constraint, not the value', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(usersApp(uniqueViolation, { handler: { logger } }))
      .post('/users')
      .send({ email: VALUE });
    expect(res.status).toBe(409);
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
      source: 'postgres',
      sqlstate: '23505',
      table: 'users',
      constraint: 'users_email_key',
      fields: ['email'],
    });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('TypeORM: the QueryFailedError’s query and parameters stay out of the answer and the log', async () => {
    const { logger, lines } = captureLogger();
    const thrown = (email: string): unknown => new QueryFailedError(INSERT, [email], uniqueViolation(email));
    const res = await request(usersApp(thrown, { handler: { logger } }))
      .post('/users')
      .send({ email: VALUE });
    expect(expectErrorResponse(res, 409).error).toEqual(CONFLICT);
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
      source: 'postgres',
      sqlstate: '23505',
      table: 'users',
      constraint: 'users_email_key',
      fields: ['email'],
    });
    const text = JSON.stringify(lines) + res.text;
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('INSERT');
  });

  it('a compound key names each column; quoted identifiers are unquoted', () => {
    const error = toApiError(uniqueViolation('1, x', 'tenant_id, "userEmail"'), { recognizers: [recognizePostgres] });
    expect(error.details).toEqual([
      { path: 'tenant_id', code: 'not_unique', message: 'This value is already taken.' },
      { path: 'userEmail', code: 'not_unique', message: 'This value is already taken.' },
    ]);
  });

  it('an expression index names no field (and quotes nothing from the detail)', () => {
    const error = toApiError(uniqueViolation('hunter2', 'lower((email)::text)'), { recognizers: [recognizePostgres] });
    expect([error.status, error.details]).toEqual([409, undefined]);
    expect(JSON.stringify(error.cause)).not.toContain('hunter2');
  });

  it('other SQLSTATEs stay 500 (a foreign key, a not-null, a syntax error)', () => {
    for (const code of ['23503', '23502', '42601']) {
      const error = pgDatabaseError({ S: 'ERROR', C: code, M: 'x' });
      expect(toApiError(error, { recognizers: databaseRecognizers }).status).toBe(500);
      expect(toApiError(new QueryFailedError('SELECT 1', [], error), { recognizers: databaseRecognizers }).status).toBe(500);
    }
  });

  it('is a 500 without databaseRecognizers (off by default)', async () => {
    const res = await request(usersApp(uniqueViolation, { handler: { recognizers: undefined } }))
      .post('/users')
      .send({ email: VALUE });
    expect(expectErrorResponse(res, 500).error.code).toBe('internal_error');
    expect(res.text).not.toContain('hunter2');
  });
});

describe('MySQL and SQLite unique violations', () => {
  const recognizers = [recognizePostgres];
  // mysql2's error for a duplicate (its message quotes the value and names only the index).
  const mysqlDuplicate = (): Error =>
    Object.assign(new Error(`Duplicate entry '${VALUE}' for key 'users.IDX_email'`), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlState: '23000',
      sqlMessage: `Duplicate entry '${VALUE}' for key 'users.IDX_email'`,
    });

  it('mysql ER_DUP_ENTRY (1062) is 409 without details; nothing of the message is logged', () => {
    for (const error of [mysqlDuplicate(), new QueryFailedError(INSERT, [VALUE], mysqlDuplicate())]) {
      const apiError = toApiError(error, { recognizers });
      expect([apiError.status, apiError.code, apiError.details, apiError.cause]).toEqual([
        409,
        'already_exists',
        undefined,
        { source: 'mysql', code: 'ER_DUP_ENTRY', fields: undefined },
      ]);
    }
    const byErrno = toApiError(Object.assign(new Error('x'), { code: 'OTHER', errno: 1062, sqlState: '23000' }), { recognizers });
    expect(byErrno.status).toBe(409);
    expect(toApiError(Object.assign(new Error('x'), { errno: 1062 }), { recognizers }).status).toBe(500);
  });

  it.each([
    // sqlite3 (node-sqlite3)
    [
      'sqlite3',
      Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email'), { code: 'SQLITE_CONSTRAINT', errno: 19 }),
    ],
    // better-sqlite3's SqliteError
    [
      'better-sqlite3',
      Object.assign(new Error('UNIQUE constraint failed: users.email'), { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' }),
    ],
    // node:sqlite
    [
      'node:sqlite',
      Object.assign(new Error('UNIQUE constraint failed: users.email'), {
        code: 'ERR_SQLITE_ERROR',
        errcode: 2067,
        errstr: 'constraint failed',
      }),
    ],
  ])('%s is 409 naming the column', (_name, error) => {
    const apiError = toApiError(error, { recognizers });
    expect([apiError.status, apiError.details]).toEqual([409, CONFLICT.details]);
    expect(toApiError(new QueryFailedError('INSERT', [], error), { recognizers }).details).toEqual(CONFLICT.details);
  });

  it('SQLite names each column of a compound key; other constraints stay 500', () => {
    const compound = Object.assign(new Error('UNIQUE constraint failed: users.tenant_id, users.email'), {
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect((toApiError(compound, { recognizers }).details as { path: string }[]).map((detail) => detail.path)).toEqual([
      'tenant_id',
      'email',
    ]);
    const notNull = Object.assign(new Error('SQLITE_CONSTRAINT: NOT NULL constraint failed: users.email'), { code: 'SQLITE_CONSTRAINT' });
    expect(toApiError(notNull, { recognizers }).status).toBe(500);
    const odd = Object.assign(new Error("UNIQUE constraint failed: index 'x'"), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect([toApiError(odd, { recognizers }).status, toApiError(odd, { recognizers }).details]).toEqual([409, undefined]);
  });
});

describe('recognizePostgres on its own', () => {
  const recognizers = [recognizePostgres];

  it('leaves look-alikes alone', () => {
    const values: unknown[] = [
      Object.assign(new Error('x'), { code: '23505' }), // no severity: not pg's
      Object.assign(new Error('x'), { name: 'QueryFailedError', code: '23505' }), // no driverError
      { code: 23505, severity: 'ERROR' },
      new Error('plain'),
    ];
    expect(values.map((value) => toApiError(value, { recognizers }).status)).toEqual([500, 500, 500, 500]);
  });

  it('each driver by its own marks: the code alone, the errno with a SQLSTATE, the errcode alone, a QueryFailedError by name', () => {
    const status = (value: object): number => toApiError(value, { recognizers }).status;
    // mysql: ER_DUP_ENTRY without errno; errno 1062 with another code needs a string sqlState.
    expect(status({ code: 'ER_DUP_ENTRY' })).toBe(409);
    expect(status({ code: 'OTHER', errno: 1062 })).toBe(500);
    expect(status({ code: 'OTHER', errno: 1062, sqlState: 23000 })).toBe(500);
    // SQLite: its message counts only with its generic code; node:sqlite's errcode counts alone.
    expect(status({ code: 'OTHER', message: 'UNIQUE constraint failed: users.email' })).toBe(500);
    expect(status({ errcode: 2067, message: 'UNIQUE constraint failed: users.email' })).toBe(409);
    const sqlite = { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: users.email' };
    expect(toApiError(sqlite, { recognizers }).cause).toEqual({ source: 'sqlite', code: 'SQLITE_CONSTRAINT_UNIQUE', fields: ['email'] });
    // TypeORM's driverError is read under its name only, whatever its own fields.
    expect(status({ name: 'QueryFailedError', driverError: uniqueViolation(VALUE) })).toBe(409);
    expect(status({ name: 'OtherError', driverError: uniqueViolation(VALUE) })).toBe(500);
    const conflict = toApiError(uniqueViolation(VALUE), { recognizers });
    expectNoStackFrames(conflict);
  });

  it('survives hostile fields', () => {
    const hostile = { code: '23505', severity: 'ERROR', detail: 42, table: { x: 1 }, constraint: 'c'.repeat(1000) };
    const error = toApiError(hostile, { recognizers });
    expect(error.status).toBe(409);
    expect(error.cause).toEqual({
      source: 'postgres',
      sqlstate: '23505',
      table: undefined,
      constraint: 'c'.repeat(128),
      fields: undefined,
    });
  });
});
