import type { Express } from 'express';
import request from 'supertest';
import * as v from 'valibot';
import { z as z3 } from 'zod3';
import { errorHandler, type ErrorLogger, type FieldLocation } from '../../src';
import { validate, type StandardSchemaV1 } from '../../src/validation';
import { standardIssues } from '../../src/errors/recognizers/standard-schema';
import { loadArktype } from './helpers/arktype';
import { captureLogger, expectErrorResponse, flushLogs, EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';

// valibot 1, arktype 2 and zod 3 schemas, as their libraries build them, with no adapter: each
// implements Standard Schema's `~standard` itself.

const { type } = loadArktype();

const SECRET = 'hunter2-SECRET';

const LIBRARIES = [
  [
    'valibot',
    v.object({ email: v.pipe(v.string(), v.email()), age: v.pipe(v.string(), v.transform(Number), v.integer(), v.minValue(18)) }),
    v.object({ page: v.pipe(v.string(), v.transform(Number), v.integer()) }),
    [
      { path: 'query.page', code: 'invalid_type', message: 'Invalid integer' },
      { path: 'body.email', code: 'invalid_format', message: 'Invalid email' },
      { path: 'body.age', code: 'too_small', message: 'Invalid value: Expected >=18' },
    ],
  ],
  [
    'arktype',
    type({ email: 'string.email', age: 'string.integer.parse' }),
    type({ page: 'string.integer.parse' }),
    [
      { path: 'query.page', code: 'invalid_format', message: 'page must be a well-formed integer string' },
      { path: 'body.age', code: 'invalid_format', message: 'age must be a well-formed integer string' },
      { path: 'body.email', code: 'invalid_format', message: 'email must be an email address' },
    ],
  ],
  [
    'zod 3',
    z3.object({ email: z3.string().email(), age: z3.coerce.number().int().min(18) }),
    z3.object({ page: z3.coerce.number().int() }),
    [
      { path: 'query.page', code: 'invalid_type', message: 'Expected number, received nan' },
      { path: 'body.email', code: 'invalid_format', message: 'Invalid email' },
      { path: 'body.age', code: 'too_small', message: 'Number must be greater than or equal to 18' },
    ],
  ],
] as const;

function appWith(express: ExpressFactory, body: StandardSchemaV1, query: StandardSchemaV1, logger: ErrorLogger | false = false): Express {
  const app = express();
  app.use(express.json());
  app.post('/users', validate({ body, query }), (req, res) => {
    res.status(201).json({ body: req.body as unknown, query: req.query as unknown });
  });
  app.use(errorHandler({ logger }));
  return app;
}

// What the details of one failing part are: validate() builds them with the shared Standard
// Schema reader, so its vendor-specific codes and message rewrites apply.
function detailsOf(schema: StandardSchemaV1, value: unknown, location: FieldLocation): ReturnType<typeof standardIssues> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise || result.issues === undefined) throw new Error('expected a sync failure');
  return standardIssues(result.issues, location, schema['~standard'].vendor);
}

describe.each(LIBRARIES)('validate() with %s', (name, body, query, expected) => {
  describe.each(EXPRESS_VERSIONS)('on %s', (_express, express) => {
    test('a passing request gets the parsed output', async () => {
      const res = await request(appWith(express, body, query))
        .post('/users?page=2')
        .send({ email: 'ada@example.com', age: name === 'zod 3' ? 36 : '36' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ body: { email: 'ada@example.com', age: 36 }, query: { page: 2 } });
    });

    test('body and query failing at once: one 400, paths qualified by part', async () => {
      const sent = { email: 'not-an-email', age: name === 'arktype' ? '1.5' : '12' };
      const res = await request(appWith(express, body, query))
        .post('/users?page=x')
        .send(sent);
      const details = expectErrorResponse(res, 400).error.details;
      expect(details).toEqual(expected);
      expect(details).toEqual([...detailsOf(query, { page: 'x' }, 'query'), ...detailsOf(body, sent, 'body')]);
    });
  });

  test('the submitted values reach neither the response nor the log', async () => {
    const { logger, lines } = captureLogger();
    const res = await request(appWith(EXPRESS_VERSIONS[0][1], body, query, logger))
      .post(`/users?page=${SECRET}`)
      .send({ email: SECRET, age: SECRET });
    expectErrorResponse(res, 400);
    await flushLogs();
    expect(lines.length).toBeGreaterThan(0);
    expect(res.text).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });
});
