import type { Express } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler, LIBRARY_CODES, type ErrorLogger } from '../../src';
import { validate } from '../../src/validation';
import { captureLogger, expectErrorResponse, flushLogs, EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';

// Real zod 4 schemas in real Express apps: what `validate()` hands the next handler, and the one
// 400 it answers when any part fails.

const User = z.object({
  email: z.email().transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1),
  role: z.enum(['admin', 'member']).default('member'),
});
const Page = z.object({ page: z.coerce.number().int().min(1), q: z.string().default('') });
const UserId = z.object({ id: z.coerce.number().int().positive() });
const ApiVersion = z.object({ 'x-api-version': z.enum(['1', '2']) });

const MESSAGE = LIBRARY_CODES.validation_error.message;

function appWith(express: ExpressFactory, mount: (app: Express) => void, logger: ErrorLogger | false = false): Express {
  const app = express();
  app.use(express.json());
  mount(app);
  app.use(errorHandler({ logger }));
  return app;
}

describe.each(EXPRESS_VERSIONS)('validate() on %s', (_name, express) => {
  test('a passing body is replaced by the parsed output: transforms, defaults, unknown keys stripped', async () => {
    const app = appWith(express, (app) =>
      app.post('/users', validate({ body: User }), (req, res) => {
        res.status(201).json(req.body);
      }),
    );
    const res = await request(app).post('/users').send({ email: 'Ada@Example.COM', name: '  Ada  ', admin: true });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ email: 'ada@example.com', name: 'Ada', role: 'member' });
  });

  test('query and params are coerced; req.query is the parsed object at every read', async () => {
    const app = appWith(express, (app) =>
      app.get('/users/:id/posts', validate({ params: UserId, query: Page }), (req, res) => {
        res.json({
          id: req.params.id,
          idType: typeof req.params.id,
          page: req.query.page,
          pageType: typeof req.query.page,
          q: req.query.q,
          stable: req.query === req.query,
        });
      }),
    );
    const res = await request(app).get('/users/42/posts?page=3&extra=1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 42, idType: 'number', page: 3, pageType: 'number', q: '', stable: true });
  });

  test('headers are checked by their lowercase names and left as they were', async () => {
    const app = appWith(express, (app) =>
      app.get('/versioned', validate({ headers: ApiVersion }), (req, res) => {
        res.json({ version: req.headers['x-api-version'], host: typeof req.headers.host });
      }),
    );
    const ok = await request(app).get('/versioned').set('X-API-Version', '2');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ version: '2', host: 'string' });

    const bad = await request(app).get('/versioned').set('X-API-Version', '3');
    expect(expectErrorResponse(bad, 400).error).toEqual({
      code: 'validation_error',
      message: MESSAGE,
      details: [{ path: 'headers.x-api-version', code: 'invalid_value', message: 'Invalid option: expected one of "1"|"2"' }],
    });
  });

  test('body, query, params and headers failing at once: one 400 listing them all, the handler not called', async () => {
    const handler = jest.fn();
    const app = appWith(express, (app) =>
      app.put('/users/:id', validate({ body: User, query: Page, params: UserId, headers: ApiVersion }), handler),
    );
    const res = await request(app).put('/users/abc?page=0').send({ email: 'not-an-email', name: '' });
    const body = expectErrorResponse(res, 400, 'Bad Request');
    expect(body).toEqual({
      error: {
        code: 'validation_error',
        message: MESSAGE,
        details: [
          { path: 'params.id', code: 'invalid_type', message: 'Invalid input: expected number, received NaN' },
          { path: 'query.page', code: 'too_small', message: 'Too small: expected number to be >=1' },
          { path: 'headers.x-api-version', code: 'invalid_value', message: 'Invalid option: expected one of "1"|"2"' },
          { path: 'body.email', code: 'invalid_format', message: 'Invalid email address' },
          { path: 'body.name', code: 'too_small', message: 'Too small: expected string to have >=1 characters' },
        ],
      },
      meta: { request_id: res.headers['x-request-id'] },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  test('a body that is not an object at all is reported at `body`', async () => {
    const app = appWith(express, (app) => app.post('/users', validate({ body: User }), (_req, res) => res.json({})));
    const res = await request(app).post('/users').set('Content-Type', 'application/json').send('[1]');
    expect(expectErrorResponse(res, 400).error.details).toEqual([
      { path: 'body', code: 'invalid_type', message: 'Invalid input: expected object, received array' },
    ]);
  });

  test('an async schema is awaited: passes, fails, and fails together with a sync part', async () => {
    const Signup = z.object({
      email: z.email().refine(async (email) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return email !== 'taken@example.com';
      }, 'This email is already registered'),
    });
    const app = appWith(express, (app) => {
      app.post('/signup', validate({ body: Signup }), (req, res) => res.status(201).json(req.body));
      app.post('/signup-paged', validate({ body: Signup, query: Page }), (req, res) => res.json({ body: req.body, page: req.query.page }));
    });

    const ok = await request(app).post('/signup').send({ email: 'new@example.com' });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ email: 'new@example.com' });

    const taken = await request(app).post('/signup').send({ email: 'taken@example.com' });
    expect(expectErrorResponse(taken, 400).error.details).toEqual([
      { path: 'body.email', code: 'invalid', message: 'This email is already registered' },
    ]);

    const both = await request(app).post('/signup-paged?page=x').send({ email: 'taken@example.com' });
    expect(expectErrorResponse(both, 400).error.details).toEqual([
      { path: 'query.page', code: 'invalid_type', message: 'Invalid input: expected number, received NaN' },
      { path: 'body.email', code: 'invalid', message: 'This email is already registered' },
    ]);

    const passing = await request(app).post('/signup-paged?page=2').send({ email: 'new@example.com' });
    expect(passing.status).toBe(200);
    expect(passing.body).toEqual({ body: { email: 'new@example.com' }, page: 2 });
  });

  test('a schema that throws is a bug of the app: 500, nothing of it exposed', async () => {
    const Throwing = z.object({
      a: z.string().refine(() => {
        throw new Error('refine exploded at db-7.internal');
      }),
    });
    // A hand-written async schema: zod 4's own `~standard.validate` leaves an unhandled rejection
    // behind when an async refinement rejects (its first, sync attempt), which would fail the test.
    const Rejecting = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: async (): Promise<never> => {
          await Promise.resolve();
          throw new Error('refine exploded at db-7.internal');
        },
      },
    } as const;
    const app = appWith(express, (app) => {
      app.post('/sync', validate({ body: Throwing }), (_req, res) => res.json({}));
      app.post('/async', validate({ body: Rejecting }), (_req, res) => res.json({}));
      app.post('/sync-many', validate({ body: Throwing, query: Page }), (_req, res) => res.json({}));
      app.post('/async-many', validate({ body: Rejecting, query: Page }), (_req, res) => res.json({}));
    });
    for (const path of ['/sync', '/async', '/sync-many?page=1', '/async-many?page=1']) {
      const res = await request(app).post(path).send({ a: 'x' });
      const body = expectErrorResponse(res, 500);
      expect(body.error.code).toBe('internal_error');
      expect(res.text).not.toContain('db-7');
    }
  });

  test('the submitted values reach neither the response nor the log', async () => {
    const SECRET = 'hunter2-SECRET';
    const Login = z.object({
      email: z.email(),
      password: z.string().min(20),
      role: z.enum(['admin', 'member']),
      pin: z.literal('0000'),
    });
    const { logger, lines } = captureLogger();
    const app = appWith(express, (app) => app.post('/login', validate({ body: Login, query: Page }), (_req, res) => res.json({})), logger);
    const res = await request(app).post(`/login?page=${SECRET}`).send({ email: SECRET, password: SECRET, role: SECRET, pin: SECRET });
    const body = expectErrorResponse(res, 400);
    expect(body.error.details).toHaveLength(5);
    await flushLogs();
    expect(lines.length).toBeGreaterThan(0);
    expect(res.text).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    // What is logged says what failed, by path.
    expect(JSON.stringify(lines)).toContain('body.password');
  });
});

describe('validate() options', () => {
  test.each([
    ['null', null],
    ['an array', [User]],
    ['a string', 'body'],
  ])('rejects %s at creation', (_name, value) => {
    expect(() => validate(value as never)).toThrow(
      new TypeError('validate() takes an object of schemas: { body, query, params, headers }'),
    );
  });

  test('rejects an unknown key, naming it', () => {
    expect(() => validate({ bdy: User } as never)).toThrow(
      new TypeError('validate(): unknown key "bdy"; expected body, query, params or headers'),
    );
  });

  test.each([
    ['a plain object', { parse: () => undefined }],
    ['a function without ~standard', () => undefined],
    ['a ~standard of another version', { '~standard': { version: 2, vendor: 'x', validate: () => ({ value: 1 }) } }],
    ['a ~standard without validate', { '~standard': { version: 1, vendor: 'x' } }],
    ['a null ~standard', { '~standard': null }],
    ['null', null],
  ])('rejects %s as a schema, naming the part', (_name, schema) => {
    expect(() => validate({ query: schema as never })).toThrow(
      new TypeError('validate(): query is not a Standard Schema (no "~standard" property of version 1 with a validate function)'),
    );
  });

  test('needs at least one schema; an undefined part is as good as absent', () => {
    const none = new TypeError('validate() needs a schema for at least one of body, query, params, headers');
    expect(() => validate({})).toThrow(none);
    expect(() => validate({ body: undefined })).toThrow(none);
    expect(typeof validate({ body: User, query: undefined })).toBe('function');
  });

  test('accepts a hand-written Standard Schema, function or object', () => {
    const standard = { version: 1, vendor: 'hand', validate: (value: unknown) => ({ value }) } as const;
    const callable = Object.assign(() => undefined, { '~standard': standard });
    expect(typeof validate({ body: { '~standard': standard } })).toBe('function');
    expect(typeof validate({ body: callable })).toBe('function');
  });
});
