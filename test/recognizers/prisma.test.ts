import { PrismaClientKnownRequestError, PrismaClientValidationError } from '@prisma/client/runtime/client';
import express, { type Express } from 'express';
import request from 'supertest';
import { databaseRecognizers, errorHandler, recognizePrisma, toApiError, type ErrorHandlerOptions } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, expectNoStackFrames, flushLogs, type ExpressFactory } from '../helpers/app';

const clientVersion = '7.10.0';

// Prisma's messages quote the call and, with errorFormat 'pretty', its arguments.
const known = (code: string, meta: Record<string, unknown>): PrismaClientKnownRequestError =>
  new PrismaClientKnownRequestError(`Invalid \`prisma.user.create()\` invocation: { email: "hunter2@secret.example" } failed (${code})`, {
    code,
    clientVersion,
    meta,
  });

// Prisma 7 with a driver adapter: the adapter's error rides in `meta.driverAdapterError`.
const adapterUnique = (constraint: Record<string, unknown>): PrismaClientKnownRequestError =>
  known('P2002', {
    modelName: 'User',
    driverAdapterError: Object.assign(new Error('UniqueConstraintViolation'), {
      name: 'DriverAdapterError',
      cause: {
        kind: 'UniqueConstraintViolation',
        constraint,
        originalCode: '23505',
        originalMessage: 'Key (email)=(hunter2@secret.example) already exists.',
      },
    }),
  });

function prismaApp(thrown: () => unknown, options: { express?: ExpressFactory; handler?: ErrorHandlerOptions } = {}): Express {
  const app = (options.express ?? express)();
  app.post('/users', (_req, _res, next) => {
    // As a rejected `prisma.user.create()` reaches an Express 4 route's `.catch(next)`.
    Promise.reject(thrown()).catch(next);
  });
  app.use(errorHandler({ logger: false, recognizers: databaseRecognizers, ...options.handler }));
  return app;
}

describe('Prisma P2002 (unique constraint) is 409 already_exists', () => {
  it.each(EXPRESS_VERSIONS)('meta.target lists the fields (%s)', async (_name, factory) => {
    const res = await request(prismaApp(() => known('P2002', { modelName: 'User', target: ['email'] }), { express: factory })).post(
      '/users',
    );
    expect(expectErrorResponse(res, 409, 'Conflict').error).toEqual({
      code: 'already_exists',
      message: 'A resource with these values already exists.',
      details: [{ path: 'email', code: 'not_unique', message: 'This value is already taken.' }],
    });
  });

  it('Prisma 7 adapter errors name the fields in constraint.fields', () => {
    const error = toApiError(adapterUnique({ fields: ['tenantId', 'email'] }), { recognizers: [recognizePrisma] });
    expect(error.details).toEqual([
      { path: 'tenantId', code: 'not_unique', message: 'This value is already taken.' },
      { path: 'email', code: 'not_unique', message: 'This value is already taken.' },
    ]);
    expect(error.cause).toEqual({
      source: 'prisma',
      code: 'P2002',
      modelName: 'User',
      constraint: undefined,
      fields: ['tenantId', 'email'],
    });
  });

  it('an index name (meta.target a string, or constraint.index) is logged, never sent', async () => {
    for (const thrown of [
      () => known('P2002', { modelName: 'User', target: 'User_email_key' }),
      () => adapterUnique({ index: 'User_email_key' }),
    ]) {
      const { logger, lines } = captureLogger();
      const res = await request(prismaApp(thrown, { handler: { logger } })).post('/users');
      expect(expectErrorResponse(res, 409).error).toEqual({
        code: 'already_exists',
        message: 'A resource with these values already exists.',
      });
      expect(res.text).not.toContain('User_email_key');
      await flushLogs();
      expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
        source: 'prisma',
        code: 'P2002',
        modelName: 'User',
        constraint: 'User_email_key',
      });
      expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
    }
  });

  it('neither Prisma’s message nor the adapter’s reaches the log', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(prismaApp(() => adapterUnique({ fields: ['email'] }), { handler: { logger } })).post('/users');
    expect(res.status).toBe(409);
    await flushLogs();
    expect(JSON.stringify(lines) + res.text).not.toContain('hunter2');
  });
});

describe('Prisma P2025 (record not found) is 404', () => {
  it('answers resource_not_found and logs Prisma’s reason', async () => {
    const { logger, lines } = captureLogger();
    const thrown = (): unknown => known('P2025', { modelName: 'User', cause: 'Record to update not found.' });
    const res = await request(prismaApp(thrown, { handler: { logger } })).post('/users');
    expect(expectErrorResponse(res, 404, 'Not Found').error).toEqual({
      code: 'resource_not_found',
      message: 'The requested resource was not found.',
    });
    await flushLogs();
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({
      source: 'prisma',
      code: 'P2025',
      modelName: 'User',
      reason: 'Record to update not found.',
    });
  });

  it('is a 500 without the database recognizers (off by default)', async () => {
    const app = prismaApp(() => known('P2025', {}), { handler: { recognizers: undefined } });
    expect(expectErrorResponse(await request(app).post('/users'), 500).error.code).toBe('internal_error');
  });
});

describe('recognizePrisma on its own', () => {
  const recognizers = [recognizePrisma];

  it('other codes and other Prisma errors stay 500', () => {
    for (const value of [
      known('P2003', {}),
      known('P1001', {}),
      new PrismaClientValidationError('Argument `email` is missing.', { clientVersion }),
    ]) {
      expect(toApiError(value, { recognizers }).status).toBe(500);
    }
  });

  it('its errors carry no stack frames', () => {
    for (const error of [toApiError(known('P2002', {}), { recognizers }), toApiError(known('P2025', {}), { recognizers })]) {
      expectNoStackFrames(error);
    }
  });

  it('leaves look-alikes alone and survives hostile meta', () => {
    expect(toApiError(Object.assign(new Error('x'), { name: 'PrismaClientKnownRequestError' }), { recognizers }).status).toBe(500);
    const hostile = [
      known('P2002', { target: [42, '', 'email', 'email'] }),
      known('P2002', { driverAdapterError: { cause: { constraint: { fields: 'email' } } } }),
      known('P2002', { driverAdapterError: { cause: 'x' } }),
      Object.assign(new Error('x'), { name: 'PrismaClientKnownRequestError', code: 'P2002', meta: 'x' }),
    ];
    expect(hostile.map((value) => toApiError(value, { recognizers }).details)).toEqual([
      [{ path: 'email', code: 'not_unique', message: 'This value is already taken.' }],
      undefined,
      undefined,
      undefined,
    ]);
  });
});
