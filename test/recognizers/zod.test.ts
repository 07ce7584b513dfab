import fc from 'fast-check';
import request from 'supertest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { z as z3 } from 'zod3';
import { ISSUE_CODES, LIBRARY_CODES, toApiError, type ValidationError, type ValidationIssue } from '../../src';
import { recognizeZod, zodIssues } from '../../src/errors/recognizers/zod';
import { captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';
import { parsingApp, stringsOf, validationDetails } from './schema-app';

// Both majors are tested with the same schemas, written once against either namespace.
type Zod = typeof z | typeof z3;

function userSchema(Z: Zod) {
  const zed = Z as typeof z;
  return zed
    .object({
      email: zed.string().email(),
      name: zed.string().min(2),
      password: zed.string().min(8, 'Password too short'),
      age: zed.number().int().max(150).multipleOf(2),
      role: zed.enum(['admin', 'user']),
      kind: zed.literal('person'),
      id: zed.string().uuid(),
      site: zed.string().url(),
      born: zed.string().datetime(),
      handle: zed.string().regex(/^[a-z]+$/),
      tags: zed.array(zed.string()).max(1),
      contact: zed.union([zed.string(), zed.number()]),
      code: zed.string().refine((value) => value === 'ok', 'Code must be ok'),
      address: zed.object({ zip: zed.string() }).strict(),
    })
    .strict();
}

const INVALID_USER = {
  email: 'bad-SECRET',
  name: 'a',
  password: 'hunter2-SECRET'.slice(0, 7),
  age: 151,
  role: 'root-SECRET',
  kind: 'robot-SECRET',
  id: 'id-SECRET',
  site: 'site-SECRET',
  born: 'born-SECRET',
  handle: 'HANDLE-SECRET',
  tags: ['a', 'b'],
  contact: true,
  code: 'code-SECRET',
  address: { zip: 75001, street: 'x' },
  extra: 1,
  isAdmin: true,
};

const CODES_OF_INVALID_USER = [
  ['email', 'invalid_format'],
  ['name', 'too_small'],
  ['password', 'too_small'],
  ['age', 'too_big'],
  ['age', 'not_multiple_of'],
  ['role', 'invalid_value'],
  ['kind', 'invalid_value'],
  ['id', 'invalid_format'],
  ['site', 'invalid_format'],
  ['born', 'invalid_format'],
  ['handle', 'invalid_format'],
  ['tags', 'too_big'],
  ['contact', 'invalid_type'],
  ['code', 'invalid'],
  ['address.zip', 'invalid_type'],
  ['address.street', 'unknown_field'],
  ['extra', 'unknown_field'],
  ['isAdmin', 'unknown_field'],
];

const codesOf = (details: readonly ValidationIssue[]): string[][] => details.map(({ path, code }) => [path, code]);

describe('zod: schema.parse() failures answer 400 validation_error', () => {
  it("zod 4: one detail per failing field, zod's own messages (they never quote the value)", async () => {
    const res = await request(parsingApp((body) => userSchema(z).parse(body)))
      .post('/users')
      .send(INVALID_USER);
    const body = res.body as { error: { message: string } };
    expect(validationDetails(res)).toEqual([
      { path: 'email', code: 'invalid_format', message: 'Invalid email address' },
      { path: 'name', code: 'too_small', message: 'Too small: expected string to have >=2 characters' },
      { path: 'password', code: 'too_small', message: 'Password too short' },
      { path: 'age', code: 'too_big', message: 'Too big: expected number to be <=150' },
      { path: 'age', code: 'not_multiple_of', message: 'Invalid number: must be a multiple of 2' },
      { path: 'role', code: 'invalid_value', message: 'Invalid option: expected one of "admin"|"user"' },
      { path: 'kind', code: 'invalid_value', message: 'Invalid input: expected "person"' },
      { path: 'id', code: 'invalid_format', message: 'Invalid UUID' },
      { path: 'site', code: 'invalid_format', message: 'Invalid URL' },
      { path: 'born', code: 'invalid_format', message: 'Invalid ISO datetime' },
      { path: 'handle', code: 'invalid_format', message: 'Invalid string: must match pattern /^[a-z]+$/' },
      { path: 'tags', code: 'too_big', message: 'Too big: expected array to have <=1 items' },
      { path: 'contact', code: 'invalid_type', message: 'Invalid input' },
      { path: 'code', code: 'invalid', message: 'Code must be ok' },
      { path: 'address.zip', code: 'invalid_type', message: 'Invalid input: expected string, received number' },
      { path: 'address.street', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'extra', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'isAdmin', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
    ]);
    expect(body.error.message).toBe(LIBRARY_CODES.validation_error.message);
    expect(res.text).not.toContain('SECRET');
  });

  it('zod 3: the same codes; its enum message loses its "received \'...\'" tail', async () => {
    const res = await request(parsingApp((body) => userSchema(z3).parse(body)))
      .post('/users')
      .send(INVALID_USER);
    expect(validationDetails(res)).toEqual([
      { path: 'email', code: 'invalid_format', message: 'Invalid email' },
      { path: 'name', code: 'too_small', message: 'String must contain at least 2 character(s)' },
      { path: 'password', code: 'too_small', message: 'Password too short' },
      { path: 'age', code: 'too_big', message: 'Number must be less than or equal to 150' },
      { path: 'age', code: 'not_multiple_of', message: 'Number must be a multiple of 2' },
      { path: 'role', code: 'invalid_value', message: "Invalid enum value. Expected 'admin' | 'user'" },
      { path: 'kind', code: 'invalid_value', message: 'Invalid literal value, expected "person"' },
      { path: 'id', code: 'invalid_format', message: 'Invalid uuid' },
      { path: 'site', code: 'invalid_format', message: 'Invalid url' },
      { path: 'born', code: 'invalid_format', message: 'Invalid datetime' },
      { path: 'handle', code: 'invalid_format', message: 'Invalid' },
      { path: 'tags', code: 'too_big', message: 'Array must contain at most 1 element(s)' },
      { path: 'contact', code: 'invalid_type', message: 'Invalid input' },
      { path: 'code', code: 'invalid', message: 'Code must be ok' },
      { path: 'address.zip', code: 'invalid_type', message: 'Expected string, received number' },
      { path: 'address.street', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'extra', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'isAdmin', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
    ]);
    expect(res.text).not.toContain('SECRET');
  });

  it.each([
    ['zod 4', z],
    ['zod 3', z3],
  ] as const)('%s: the same (path, code) pairs as every other major', async (_name, Z) => {
    const res = await request(parsingApp((body) => userSchema(Z).parse(body)))
      .post('/users')
      .send(INVALID_USER);
    expect(codesOf(validationDetails(res))).toEqual(CODES_OF_INVALID_USER);
  });

  it('a missing field is `required` in both majors (zod 3: received "undefined"; zod 4: its message)', async () => {
    const details = async (Z: Zod) => {
      const schema = (Z as typeof z).object({
        email: (Z as typeof z).string(),
        tags: (Z as typeof z).array((Z as typeof z).number()),
        n: (Z as typeof z).union([(Z as typeof z).string(), (Z as typeof z).number()]),
      });
      return validationDetails(
        await request(parsingApp((body) => schema.parse(body)))
          .post('/users')
          .send({}),
      );
    };
    expect(await details(z)).toEqual([
      { path: 'email', code: 'required', message: 'Invalid input: expected string, received undefined' },
      { path: 'tags', code: 'required', message: 'Invalid input: expected array, received undefined' },
      { path: 'n', code: 'required', message: 'Invalid input' },
    ]);
    expect(await details(z3)).toEqual([
      { path: 'email', code: 'required', message: 'Required' },
      { path: 'tags', code: 'required', message: 'Required' },
      { path: 'n', code: 'required', message: 'Invalid input' },
    ]);
  });

  it('zod 3 reports a missing enum as required and a missing literal too', () => {
    const result = z3.object({ role: z3.enum(['a', 'b']), kind: z3.literal('x') }).safeParse({});
    expect(toApiError(result.error)).toMatchObject({
      details: [
        { path: 'role', code: 'required', message: 'Required' },
        { path: 'kind', code: 'required', message: 'Invalid literal value, expected "x"' },
      ],
    });
  });

  it('zod 4 with reportInput: a missing value is required, a message quoting the input is replaced', () => {
    const schema = z.object({
      role: z.enum(['a', 'b']),
      nick: z.string().min(20, { error: (iss) => `${String(iss.input)} is too short` }),
      age: z.number(),
    });
    const result = schema.safeParse({ nick: 'nick-SECRET', age: 'old' }, { reportInput: true });
    expect(toApiError(result.error)).toMatchObject({
      details: [
        { path: 'role', code: 'required', message: 'Invalid option: expected one of "a"|"b"' },
        { path: 'nick', code: 'too_small', message: ISSUE_CODES.too_small },
        { path: 'age', code: 'invalid_type', message: 'Invalid input: expected number, received string' },
      ],
    });
  });

  it('a custom required message is kept; zod 4 then only knows the type was wrong', () => {
    const v4 = z.object({ name: z.string({ error: 'Name is required' }) }).safeParse({});
    const v3 = z3.object({ name: z3.string({ required_error: 'Name is required' }) }).safeParse({});
    expect(toApiError(v4.error)).toMatchObject({ details: [{ path: 'name', code: 'invalid_type', message: 'Name is required' }] });
    expect(toApiError(v3.error)).toMatchObject({ details: [{ path: 'name', code: 'required', message: 'Name is required' }] });
  });

  it.each([
    ['zod 4', z],
    ['zod 3', z3],
  ] as const)('%s: nested paths, array indices, quoted odd keys, bounds, discriminated unions', (_name, Z) => {
    const zed = Z as typeof z;
    const schema = zed.object({
      items: zed.array(zed.object({ 'first name': zed.string(), qty: zed.number().int().gt(0) })),
      pet: zed.discriminatedUnion('type', [zed.object({ type: zed.literal('cat') }), zed.object({ type: zed.literal('dog') })]),
      when: zed.date().max(new Date(0)),
      pick: zed.union([zed.string().email(), zed.string().uuid()]),
      shape: zed.union([zed.object({ a: zed.string() }), zed.object({ b: zed.string() })]),
    });
    const result = schema.safeParse({
      items: [
        { 'first name': 'x', qty: 1 },
        { 'first name': 3, qty: 0 },
      ],
      pet: { type: 'cow-SECRET' },
      when: new Date(),
      pick: 'p-SECRET',
      shape: {},
    });
    const details = (toApiError(result.error) as ValidationError).details;
    expect(codesOf(details)).toEqual([
      ['items[1]["first name"]', 'invalid_type'],
      ['items[1].qty', 'too_small'],
      ['pet.type', 'invalid_value'],
      ['when', 'too_big'],
      ['pick', 'invalid_format'],
      ['shape', 'invalid'],
    ]);
    expect(JSON.stringify(details)).not.toContain('SECRET');
  });

  it('Infinity and an Invalid Date are invalid_type in both majors (zod 3: not_finite, invalid_date)', () => {
    const v4 = z.object({ n: z.number(), d: z.date() }).safeParse({ n: Infinity, d: new Date('nope') });
    const v3 = z3.object({ n: z3.number().finite(), d: z3.date() }).safeParse({ n: Infinity, d: new Date('nope') });
    expect(codesOf((toApiError(v4.error) as ValidationError).details)).toEqual([
      ['n', 'invalid_type'],
      ['d', 'invalid_type'],
    ]);
    expect(toApiError(v3.error)).toMatchObject({
      details: [
        { path: 'n', code: 'invalid_type', message: 'Number must be finite' },
        { path: 'd', code: 'invalid_type', message: 'Invalid date' },
      ],
    });
  });

  it.each(EXPRESS_VERSIONS)('%s: thrown from an async route too', async (_name, factory) => {
    const schema = z.object({ email: z.string().email() });
    const app = factory();
    app.use(factory.json());
    app.post('/users', async (req, res, next) => {
      try {
        await Promise.resolve();
        res.json(schema.parse(req.body));
      } catch (error) {
        next(error);
      }
    });
    const { errorHandler } = await import('../../src');
    app.use(errorHandler({ logger: false }));
    const res = await request(app).post('/users').send({ email: 'nope' });
    expect(validationDetails(res)).toEqual([{ path: 'email', code: 'invalid_format', message: 'Invalid email address' }]);
  });

  it('Express 4 answers the same as Express 5', async () => {
    const [, express4] = EXPRESS_VERSIONS[1];
    const res = await request(parsingApp((body) => userSchema(z3).parse(body), { express: express4 }))
      .post('/users')
      .send(INVALID_USER);
    expect(codesOf(validationDetails(res))).toEqual(CODES_OF_INVALID_USER);
  });

  it('logs the details, never a submitted value (the ZodError itself is not the cause)', async () => {
    const { logger, lines } = captureLogger();
    for (const Z of [z, z3]) {
      await request(parsingApp((body) => userSchema(Z).parse(body), { logger }))
        .post('/users')
        .send(INVALID_USER)
        .expect(400);
    }
    await flushLogs();
    expect(lines).toHaveLength(2);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('SECRET');
    expect(logged).not.toContain('hunter2');
    expect(lines[0]).toMatchObject({
      level: 40,
      code: 'validation_error',
      error: {
        type: 'ValidationError',
        cause: { source: 'zod' },
        details: expect.arrayContaining([{ path: 'email', code: 'invalid_format', message: 'Invalid email address' }]),
      },
    });
  });

  it('zod/mini throws a $ZodError, recognised too', () => {
    const result = zm.object({ a: zm.string() }).safeParse({ a: 1 });
    expect(result.error?.name).toBe('$ZodError');
    expect(toApiError(result.error)).toMatchObject({
      status: 400,
      details: [{ path: 'a', code: 'invalid_type', message: 'Invalid input: expected string, received number' }],
    });
  });

  it('a key list of unknown fields is capped at 100 details', () => {
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`k${index}`, index]));
    const error = toApiError(z.object({}).strict().safeParse(body).error) as ValidationError;
    expect(error.details).toHaveLength(100);
    expect(error.details[99]).toEqual({ path: 'k99', code: 'unknown_field', message: ISSUE_CODES.unknown_field });
  });
});

describe('recognizeZod: shape checks', () => {
  const issue = { code: 'invalid_type', expected: 'string', path: ['a'], message: 'Invalid input: expected string, received number' };

  it('takes any ZodError-shaped value: a name and issues with a code and a path', () => {
    expect(recognizeZod({ name: 'ZodError', issues: [issue] })).toMatchObject({
      status: 400,
      code: 'validation_error',
      details: [{ path: 'a', code: 'invalid_type' }],
    });
  });

  it.each([
    ['a plain Error named ZodError', Object.assign(new Error('boom'), { name: 'ZodError' })],
    ['issues that are not an array', { name: 'ZodError', issues: { 0: issue } }],
    ['no issues', { name: 'ZodError', issues: [] }],
    ['an issue without a code', { name: 'ZodError', issues: [issue, { path: [], message: 'x' }] }],
    ['an issue without a path', { name: 'ZodError', issues: [{ code: 'custom', message: 'x' }] }],
    ['another name', { name: 'ZodErrors', issues: [issue] }],
    ['a string', 'ZodError'],
    ['null', null],
  ])('leaves %s alone', (_name, value) => {
    expect(recognizeZod(value)).toBeUndefined();
  });

  it('a look-alike falls through to a 500', () => {
    expect(toApiError(Object.assign(new Error('boom'), { name: 'ZodError' })).status).toBe(500);
  });

  it('survives hostile values: throwing getters, odd path segments, a non-array key list', () => {
    const hostileIssues = {
      name: 'ZodError',
      get issues(): never {
        throw new Error('trap');
      },
    };
    expect(toApiError(hostileIssues).status).toBe(500);
    const trap = {
      toString: (): never => {
        throw new Error('trap');
      },
    };
    const details = zodIssues([
      { code: 'custom', path: [trap, Symbol('s'), { key: 'k' }, 1.5, null], message: 42 },
      { code: 'unrecognized_keys', path: [], keys: 'nope', message: 'x' },
      { code: 'unrecognized_keys', path: ['a'], keys: [trap, 'b'], message: 'x' },
      { code: 'invalid_union', path: ['u'], errors: 'nope', message: 'Invalid input' },
      {
        code: 'invalid_union',
        path: ['u'],
        unionErrors: [{ issues: [{ code: 'invalid_type', received: 'undefined', path: ['u'] }] }, null],
        message: 'Invalid input',
      },
      { code: 'invalid_enum_value', path: ['r'], received: { toString: trap.toString }, message: 'Pick one' },
      { code: '__proto__', path: ['p'], message: 'x' },
      'not an issue',
    ]);
    expect(details).toEqual([
      { path: '["?"].s.k["1.5"]["?"]', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'a["?"]', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'a.b', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'u', code: 'invalid', message: 'Invalid input' },
      { path: 'u', code: 'invalid', message: 'Invalid input' },
      { path: 'r', code: 'invalid_value', message: 'Pick one' },
      { path: 'p', code: 'invalid', message: 'x' },
    ]);
  });

  it('a union is unanimous only at its own path: branches failing deeper make it `invalid`', () => {
    const nested = [{ code: 'invalid_type', expected: 'string', path: ['a'], message: 'Invalid input: expected string, received number' }];
    expect(zodIssues([{ code: 'invalid_union', path: ['u'], errors: [nested, nested], message: 'Invalid input' }], 'body')).toEqual([
      { path: 'body.u', code: 'invalid', message: 'Invalid input' },
    ]);
    const own = [{ code: 'too_small', path: [], message: 'x' }];
    expect(zodIssues([{ code: 'invalid_union', path: ['u'], errors: [own, own], message: 'Invalid input' }], 'query')).toEqual([
      { path: 'query.u', code: 'too_small', message: 'Invalid input' },
    ]);
  });

  it('unions are followed 8 deep, no further', () => {
    const nest = (unions: number): Record<string, unknown> =>
      unions === 0
        ? { code: 'too_small', path: [], message: 'x' }
        : { code: 'invalid_union', path: [], errors: [[nest(unions - 1)]], message: 'x' };
    expect(zodIssues([{ ...nest(8), path: ['u'] }])).toEqual([{ path: 'u', code: 'too_small', message: 'x' }]);
    expect(zodIssues([{ ...nest(9), path: ['u'] }])).toEqual([{ path: 'u', code: 'invalid', message: 'x' }]);
  });

  it('only a type or value failure reads as a missing field, and only zod 3 enum messages lose their tail', () => {
    expect(
      zodIssues([
        // Without `received` or `input`, the " undefined" message tail is read for invalid_type only.
        { code: 'invalid_value', path: ['r'], values: ['a'], message: 'Expected "a", received undefined' },
        { code: 'invalid_type', path: ['t'], expected: 'string', message: 'Expected string, received undefined' },
        { code: 'too_small', path: ['n'], minimum: 1, input: undefined, message: 'Too small' },
        { code: 'custom', path: ['c'], message: "Expected a, received 'b'" },
        { code: 'invalid_enum_value', path: ['e'], received: 'zz', options: ['a'], message: "Expected 'a', received 'zz'" },
      ]),
    ).toEqual([
      { path: 'r', code: 'invalid_value', message: 'Expected "a", received undefined' },
      { path: 't', code: 'required', message: 'Expected string, received undefined' },
      { path: 'n', code: 'too_small', message: 'Too small' },
      { path: 'c', code: 'invalid', message: "Expected a, received 'b'" },
      { path: 'e', code: 'invalid_value', message: "Expected 'a'" },
    ]);
  });

  it('zod 3 invalid_enum_value quoting the value without the usual tail gets the default message', () => {
    expect(
      zodIssues([
        { code: 'invalid_enum_value', path: ['r'], received: 'root-SECRET', options: ['a'], message: 'root-SECRET is not allowed' },
      ]),
    ).toEqual([{ path: 'r', code: 'invalid_value', message: ISSUE_CODES.invalid_value }]);
    expect(zodIssues([{ code: 'invalid_literal', path: ['r'], received: 7, message: 'got 7' }])).toEqual([
      { path: 'r', code: 'invalid_value', message: ISSUE_CODES.invalid_value },
    ]);
  });
});

// Arbitrary object schemas and inputs: whatever fails `parse()` answers 400 with at least one
// detail, and no submitted string reaches the body (each carries a sentinel no message has).
describe('zod: property', () => {
  const fieldsOf = (Z: typeof z) => [
    Z.string().min(3),
    Z.string().max(2),
    Z.string().email(),
    Z.string().uuid(),
    Z.string().regex(/^[a-z]+$/),
    Z.number().int().min(0),
    Z.number().multipleOf(3),
    Z.boolean(),
    Z.enum(['red', 'green']),
    Z.literal('x'),
    Z.array(Z.string()).max(2),
    Z.object({ inner: Z.string() }).strict(),
    Z.union([Z.string().email(), Z.number()]),
    Z.string().refine((value) => value.length % 2 === 0, 'Must have an even length'),
    Z.string().optional(),
  ];
  const sentinel = fc.string({ maxLength: 12 }).map((text) => `§${text}§`);
  const value = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      sentinel,
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('inner', 'other'), tie('value'), { maxKeys: 2 }),
    ),
  })).value;
  const KEYS = ['a', 'b', 'c', 'd'];

  it.each([
    ['zod 4', z],
    ['zod 3', z3],
  ] as const)('%s', async (_name, Z) => {
    const fields = fieldsOf(Z as typeof z);
    let schema = (Z as typeof z).object({});
    const app = parsingApp((body) => schema.parse(body));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(fields.length - 1), { minLength: 1, maxLength: KEYS.length }),
        fc.boolean(),
        fc.dictionary(fc.constantFrom(...KEYS, 'extra'), value, { maxKeys: 5 }),
        async (picks, strict, input) => {
          const shape = Object.fromEntries(picks.map((pick, index) => [KEYS[index], fields[pick]]));
          schema = strict ? (Z as typeof z).object(shape).strict() : (Z as typeof z).object(shape);
          if (schema.safeParse(input).success) return;
          const res = await request(app).post('/users').send(input);
          const details = validationDetails(res);
          expect(details.length).toBeGreaterThan(0);
          for (const detail of details) expect(Object.keys(ISSUE_CODES)).toContain(detail.code);
          const submitted = stringsOf(input).filter((text) => text.startsWith('§'));
          for (const text of stringsOf(res.body)) for (const sent of submitted) expect(text).not.toContain(sent);
        },
      ),
      { numRuns: 150 },
    );
  });
});
