// Type tests: checked by `npm run typecheck` (tsc over test/); jest runs them as no-ops.
import { expectTypeOf } from 'expect-type';
import express, { type Response } from 'express';
import express4 from 'express4';
import type { ParsedQs } from 'qs';
import * as v from 'valibot';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { validate, type StandardSchemaV1, type ValidatedRequest, type ValidateMiddleware } from '../../src/validation';
import { loadArktype } from '../validation/helpers/arktype';

const Arktype = loadArktype();

const User = z.object({ email: z.email(), age: z.coerce.number(), tags: z.array(z.string()).default([]) });
const Page = z.object({ page: z.coerce.number().int(), q: z.string().optional() });
const UserId = z.object({ id: z.coerce.number() });

// Type-level only: the handlers below are never run.
const app = express();
const router = express.Router();

test('the next handler sees body, query and params typed as the schemas output', () => {
  app.post('/users', validate({ body: User }), (req, res) => {
    expectTypeOf(req.body).toEqualTypeOf<{ email: string; age: number; tags: string[] }>();
    expectTypeOf(req.body.email).toBeString();
    // @ts-expect-error not in the schema
    void req.body.password;
    res.json({ email: req.body.email });
  });
  app.get('/users/:id/posts', validate({ params: UserId, query: Page }), (req, res) => {
    expectTypeOf(req.params).toEqualTypeOf<{ id: number }>();
    expectTypeOf(req.query).toEqualTypeOf<{ page: number; q?: string | undefined }>();
    res.end();
  });
  router.put('/users/:id', validate({ body: User, params: UserId, query: Page }), async (req, res) => {
    expectTypeOf(req.body.age).toBeNumber();
    expectTypeOf(req.params.id).toBeNumber();
    expectTypeOf(req.query.page).toBeNumber();
    res.status(204).end();
  });
});

test('a part without a schema keeps the type Express gives it', () => {
  app.get('/users/:id', validate({ query: Page }), (req, res) => {
    expectTypeOf(req.params).toEqualTypeOf<{ id: string }>();
    expectTypeOf(req.query.page).toBeNumber();
    // @ts-expect-error the route has no such parameter
    void req.params.slug;
    res.end();
  });
  app.post('/search', validate({ body: User }), (req, res) => {
    expectTypeOf(req.query).toEqualTypeOf<ParsedQs>();
    res.end();
  });
  app.get('/versioned', validate({ headers: z.object({ 'x-api-version': z.string() }) }), (req, res) => {
    expectTypeOf(req.headers['x-api-version']).toEqualTypeOf<string | string[] | undefined>();
    res.end();
  });
});

test('the output type, not the input type: transforms and coercions', () => {
  const Body = z.object({ at: z.string().transform((value) => new Date(value)) });
  app.post('/events', validate({ body: Body }), (req, res) => {
    expectTypeOf(req.body.at).toEqualTypeOf<Date>();
    res.end();
  });
});

test('valibot, arktype and zod 3 schemas infer the same way', () => {
  app.post('/v', validate({ body: v.object({ n: v.pipe(v.string(), v.transform(Number)) }) }), (req, res) => {
    expectTypeOf(req.body).toEqualTypeOf<{ n: number }>();
    res.end();
  });
  app.post('/a', validate({ body: Arktype.type({ n: 'string.numeric.parse', s: 'string' }) }), (req, res) => {
    expectTypeOf(req.body).toEqualTypeOf<{ n: number; s: string }>();
    res.end();
  });
  app.post('/z3', validate({ body: z3.object({ n: z3.string().transform(Number) }) }), (req, res) => {
    expectTypeOf(req.body).toEqualTypeOf<{ n: number }>();
    res.end();
  });
});

test('a typed response body and async handlers still fit', () => {
  app.post('/typed', validate({ body: User }), (req, res: Response<{ ok: boolean }>) => {
    res.json({ ok: req.body.age > 17 });
  });
  app.post('/async', validate({ body: User }), async (req, res) => {
    await Promise.resolve();
    res.json(req.body.tags);
  });
});

test('app.use and several middlewares in a row', () => {
  app.use(validate({ headers: z.object({ 'x-tenant': z.string() }) }));
  app.post('/chain', validate({ query: Page }), validate({ body: User }), (req, res) => {
    expectTypeOf(req.body.email).toBeString();
    expectTypeOf(req.query.page).toBeNumber();
    res.end();
  });
});

test('Express 4 types too', () => {
  const app4 = express4();
  app4.post('/users/:id', validate({ body: User }), (req, res) => {
    expectTypeOf(req.body.email).toBeString();
    expectTypeOf(req.params.id).toBeString();
    res.end();
  });
});

test('the exported types', () => {
  expectTypeOf(validate({ body: User })).toEqualTypeOf<ValidateMiddleware<{ body: typeof User }>>();
  expectTypeOf<ValidatedRequest<{ body: typeof User }>['body']>().toEqualTypeOf<StandardSchemaV1.InferOutput<typeof User>>();
  expectTypeOf<keyof ValidatedRequest<{ headers: typeof User }>>().not.toEqualTypeOf<'body'>();
});

test('options that are not schemas do not compile (and throw at run time)', () => {
  // @ts-expect-error a misspelt part
  expect(() => validate({ bdy: User })).toThrow(TypeError);
  // @ts-expect-error an unknown part next to a known one
  expect(() => validate({ body: User, cookies: User })).toThrow(TypeError);
  // @ts-expect-error not a Standard Schema
  expect(() => validate({ body: { parse: (value: unknown) => value } })).toThrow(TypeError);
  // @ts-expect-error not a Standard Schema
  expect(() => validate({ query: 'page' })).toThrow(TypeError);
});
