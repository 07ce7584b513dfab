import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';
import { csrfSync } from 'csrf-sync';
import csurf from 'csurf';
import express, { type Express, type RequestHandler } from 'express';
import createHttpError from 'http-errors';
import request from 'supertest';
import { errorHandler, toApiError } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';

// POST /form is protected; GET /form hands out a token, as a form page would.
function csrfApp(
  protect: RequestHandler,
  token: (req: express.Request, res: express.Response) => string,
  factory: ExpressFactory = express,
  logger?: ReturnType<typeof captureLogger>['logger'],
): Express {
  const app = factory();
  app.use(cookieParser('cookie-secret'));
  // csrf-sync keeps its token in the session; a plain object stands in for express-session.
  const session: Record<string, unknown> = {};
  app.use((req, _res, next) => {
    (req as express.Request & { session: unknown }).session = session;
    next();
  });
  app.get('/form', (req, res) => {
    res.json({ token: token(req, res) });
  });
  app.post('/form', protect, (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.use(errorHandler({ logger: logger ?? false }));
  return app;
}

const doubleCsrfApp = (factory?: ExpressFactory, logger?: ReturnType<typeof captureLogger>['logger']): Express => {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => 'csrf-secret',
    getSessionIdentifier: () => 'session-1',
    cookieName: 'x-csrf-token',
    cookieOptions: { secure: false },
  });
  return csrfApp(doubleCsrfProtection, (req, res) => generateCsrfToken(req, res), factory, logger);
};

const expectCsrfRefused = (res: request.Response): void => {
  const body = expectErrorResponse(res, 403, 'Forbidden');
  expect(body.error).toEqual({ code: 'csrf_token_invalid', message: 'The CSRF token is missing or invalid.' });
};

describe('CSRF token failures are 403 csrf_token_invalid', () => {
  it.each(EXPRESS_VERSIONS)('csrf-csrf: no token (%s)', async (_name, factory) => {
    expectCsrfRefused(await request(doubleCsrfApp(factory)).post('/form'));
  });

  it('csrf-csrf: a wrong token is refused, the right one passes; the token is not logged', async () => {
    const { logger, lines } = captureLogger();
    const agent = request.agent(doubleCsrfApp(undefined, logger));
    const { token } = (await agent.get('/form')).body as { token: string };
    const wrong = `${token.slice(0, -4)}0000`;
    const res = await agent.post('/form').set('x-csrf-token', wrong);
    expectCsrfRefused(res);
    expect((await agent.post('/form').set('x-csrf-token', token)).status).toBe(201);
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 403, code: 'csrf_token_invalid' });
    expect((lines[0]?.error as { cause: unknown }).cause).toEqual({ source: 'csrf', status: 403 });
    expect(JSON.stringify(lines)).not.toContain(token.split('.')[0]);
  });

  it('csurf: a missing token', async () => {
    const protect = csurf({ cookie: true });
    const app = csrfApp(protect, (req) => (req.csrfToken as () => string)());
    expectCsrfRefused(await request(app).post('/form'));
  });

  it('csrf-sync: a wrong token', async () => {
    const { csrfSynchronisedProtection, generateToken } = csrfSync();
    const agent = request.agent(csrfApp(csrfSynchronisedProtection, (req) => generateToken(req)));
    await agent.get('/form');
    expectCsrfRefused(await agent.post('/form').set('x-csrf-token', 'nope'));
  });

  it('keeps a 4xx status the app configured, with the same code', async () => {
    const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
      getSecret: () => 'csrf-secret',
      getSessionIdentifier: () => 'session-1',
      errorConfig: { statusCode: 400 },
    });
    const res = await request(csrfApp(doubleCsrfProtection, (req, res) => generateCsrfToken(req, res))).post('/form');
    expect(expectErrorResponse(res, 400).error.code).toBe('csrf_token_invalid');
  });
});

describe('recognizeCsrf on its own', () => {
  it('a 5xx or a missing status becomes 403', () => {
    for (const status of [undefined, 500, 399, 'x']) {
      const error = toApiError(Object.assign(new Error('invalid csrf token'), { code: 'EBADCSRFTOKEN', status }));
      expect([status, error.status, error.code]).toEqual([status, 403, 'csrf_token_invalid']);
    }
    for (const status of [400, 422, 499]) {
      const error = toApiError(createHttpError(status, 'x', { code: 'EBADCSRFTOKEN' }));
      expect([error.status, error.code, error.cause]).toEqual([status, 'csrf_token_invalid', { source: 'csrf', status }]);
      // No stack of its own: the CSRF library's error, never logged whole, is not needed either.
      expect(error.stack).toBe(`${error.name}: The CSRF token is missing or invalid.`);
    }
  });

  it('leaves other codes alone', () => {
    expect(toApiError(createHttpError(403, 'x', { code: 'EBADCSRF' })).code).toBe('forbidden');
    expect(toApiError(new Error('EBADCSRFTOKEN')).status).toBe(500);
  });
});
