import { SchemaError } from '@standard-schema/utils';
import type * as Arktype from 'arktype';
import request from 'supertest';
import * as v from 'valibot';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { ISSUE_CODES, toApiError, type ValidationError, type ValidationIssue } from '../../src';
import { arktypeIssues } from '../../src/errors/recognizers/arktype';
import { pathSegments, pushDetail } from '../../src/errors/recognizers/schema-issue';
import { recognizeStandardSchema, standardIssues } from '../../src/errors/recognizers/standard-schema';
import { valibotIssues } from '../../src/errors/recognizers/valibot';
import { zodIssues } from '../../src/errors/recognizers/zod';
import { captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';
import { parsingApp, requireEsm, validationDetails } from './schema-app';

const { type } = requireEsm('arktype') as typeof Arktype;

interface StandardSchema {
  readonly '~standard': {
    readonly vendor: string;
    readonly validate: (value: unknown) => { issues?: readonly unknown[] } | Promise<{ issues?: readonly unknown[] }>;
  };
}

// The same user schema in each library that implements Standard Schema (https://standardschema.dev).
const SCHEMAS: readonly (readonly [string, StandardSchema])[] = [
  ['zod', z.object({ email: z.string().email(), password: z.string().min(8), role: z.enum(['admin', 'user']) }).strict()],
  ['zod', z3.object({ email: z3.string().email(), password: z3.string().min(8), role: z3.enum(['admin', 'user']) }).strict()],
  [
    'valibot',
    v.strictObject({
      email: v.pipe(v.string(), v.email()),
      password: v.pipe(v.string(), v.minLength(8)),
      role: v.picklist(['admin', 'user']),
    }),
  ],
  ['arktype', type({ email: 'string.email', password: 'string >= 8', role: "'admin' | 'user'", '+': 'reject' })],
];

const INPUT = { email: 'e-SECRET', password: 'hunter2', role: 'root-SECRET', extra: 1 };
const CODES = [
  ['body.email', 'invalid_format'],
  ['body.password', 'too_small'],
  ['body.role', 'invalid_value'],
  ['body.extra', 'unknown_field'],
];

async function issuesOf(schema: StandardSchema, value: unknown): Promise<readonly unknown[]> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) throw new Error('validation passed');
  return result.issues;
}

const codesOf = (details: readonly ValidationIssue[]): string[][] => details.map(({ path, code }) => [path, code]).sort();

describe("standardIssues: the issues of schema['~standard'].validate()", () => {
  it.each(SCHEMAS.map(([vendor, schema], index) => [`${vendor} #${index}`, vendor, schema] as const))(
    '%s: the same codes as the thrown error, location-qualified paths',
    async (_name, vendor, schema) => {
      expect(schema['~standard'].vendor).toBe(vendor);
      const issues = await issuesOf(schema, INPUT);
      const named = standardIssues(issues, 'body', vendor);
      expect(codesOf(named)).toEqual([...CODES].sort());
      // Without the vendor name the issues are recognised by their shape, with the same result.
      expect(standardIssues(issues, 'body')).toEqual(named);
      expect(JSON.stringify(named)).not.toContain('SECRET');
      expect(JSON.stringify(named)).not.toContain('hunter2');
    },
  );

  it("dispatches to the vendor's own mapping (the same details as zodIssues, valibotIssues, arktypeIssues)", async () => {
    const [zod4, valibot, arktype] = [SCHEMAS[0]![1], SCHEMAS[2]![1], SCHEMAS[3]![1]];
    expect(standardIssues(await issuesOf(zod4, INPUT), 'query', 'zod')).toEqual(zodIssues(await issuesOf(zod4, INPUT), 'query'));
    expect(standardIssues(await issuesOf(valibot, INPUT), 'query', 'valibot')).toEqual(
      valibotIssues(await issuesOf(valibot, INPUT), 'query'),
    );
    expect(standardIssues(await issuesOf(arktype, INPUT), 'query', 'arktype')).toEqual(
      arktypeIssues(await issuesOf(arktype, INPUT), 'query'),
    );
  });

  it('a missing field is required in every library', async () => {
    for (const [vendor, schema] of SCHEMAS) {
      const details = standardIssues(await issuesOf(schema, {}), 'body', vendor);
      expect(details.find((detail) => detail.path === 'body.email')).toMatchObject({ code: 'required' });
    }
  });

  it("another vendor's issues: `invalid`, messages kept unless they may quote the value", () => {
    expect(
      standardIssues(
        [
          { message: 'must be a positive number', path: ['qty'] },
          { message: 'Expected string, actual 123', path: [{ key: 'name' }] },
          { message: 'got "hunter2"', path: ['password'] },
          { message: 'Value was: 5', path: ['n'] },
          { message: '', path: undefined },
          { message: 'no path at all' },
        ],
        'body',
        'acme',
      ),
    ).toEqual([
      { path: 'body.qty', code: 'invalid', message: 'must be a positive number' },
      { path: 'body.name', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'body.password', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'body.n', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'body', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'body', code: 'invalid', message: 'no path at all' },
    ]);
  });

  it('a named vendor whose issue has another shape still yields one detail for it', () => {
    expect(standardIssues([{ message: 'odd', path: ['a'] }, 42], undefined, 'zod')).toEqual([
      { path: 'a', code: 'invalid', message: 'odd' },
    ]);
    expect(standardIssues([], 'body')).toEqual([]);
  });
});

describe('recognizeStandardSchema: errors carrying Standard Schema issues', () => {
  it.each(EXPRESS_VERSIONS)("%s: SchemaError from @standard-schema/utils answers 400 with the vendor's codes", async (_name, factory) => {
    for (const [, schema] of SCHEMAS) {
      const issues = await issuesOf(schema, INPUT);
      const res = await request(
        parsingApp(
          () => {
            throw new SchemaError(issues as never);
          },
          { express: factory },
        ),
      )
        .post('/users')
        .send(INPUT);
      expect(codesOf(validationDetails(res))).toEqual([...CODES].map(([path, code]) => [path!.slice('body.'.length), code!]).sort());
      expect(res.text).not.toContain('SECRET');
    }
  });

  it("an unknown vendor's SchemaError: one invalid detail per issue, nothing quoted logged", async () => {
    const { logger, lines } = captureLogger();
    const issues = [
      { message: 'Expected a string, received "hunter2-SECRET"', path: ['password'] },
      { message: 'must be set', path: [{ key: 'email' }] },
    ];
    const res = await request(
      parsingApp(
        () => {
          throw new SchemaError(issues);
        },
        { logger },
      ),
    )
      .post('/users')
      .send({});
    expect(validationDetails(res)).toEqual([
      { path: 'password', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'email', code: 'invalid', message: 'must be set' },
    ]);
    await flushLogs();
    expect(lines[0]).toMatchObject({ level: 40, error: { cause: { source: 'standard-schema' } } });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
  });

  it('names the vendor it recognised as the source', async () => {
    const error = toApiError(new SchemaError((await issuesOf(SCHEMAS[2]![1], INPUT)) as never)) as ValidationError;
    expect(error.cause).toEqual({ source: 'valibot' });
  });

  it.each([
    ['a bare object with issues', { issues: [{ message: 'x', path: ['a'] }] }],
    ['a name not ending in Error', { name: 'Report', issues: [{ message: 'x', path: ['a'] }] }],
    ["issues of another kind (a tracker's tickets)", { name: 'JiraError', issues: [{ id: 1, key: 'X-1' }] }],
    ['one issue without a message', Object.assign(new Error('x'), { issues: [{ message: 'x' }, { path: ['a'] }] })],
    ['a path that is not an array', Object.assign(new Error('x'), { issues: [{ message: 'x', path: 'a.b' }] })],
    ['a path segment that is no key', Object.assign(new Error('x'), { issues: [{ message: 'x', path: [{ name: 'a' }] }] })],
    ['a path segment that is null', Object.assign(new Error('x'), { issues: [{ message: 'x', path: [null] }] })],
    ['no issues', Object.assign(new Error('x'), { issues: [] })],
    ['issues that are not an array', Object.assign(new Error('x'), { issues: 'x' })],
    ['a name that is not a string', { name: 1, issues: [{ message: 'x' }] }],
  ])('leaves %s alone', (_name, value) => {
    expect(recognizeStandardSchema(value)).toBeUndefined();
  });

  it('a look-alike is a 500, a hostile one too', () => {
    expect(toApiError({ name: 'Report', issues: [{ message: 'x' }] }).status).toBe(500);
    expect(
      toApiError({
        name: 'SchemaError',
        get issues(): never {
          throw new Error('trap');
        },
      }).status,
    ).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { issues: [{ message: 'x', path: [Symbol('s'), 1, { key: 'k' }] }] }))).toMatchObject({
      status: 400,
      details: [{ path: 's[1].k', code: 'invalid', message: 'x' }],
    });
  });
});

describe('pathSegments and pushDetail (shared by the schema validators)', () => {
  it('an issue without a path names the whole input', () => {
    expect(recognizeStandardSchema(Object.assign(new Error('x'), { issues: [{ message: 'Too few items' }] }))).toMatchObject({
      status: 400,
      details: [{ path: '', code: 'invalid', message: 'Too few items' }],
    });
  });

  it('a path of keys and indices, up to 32 of them, is read as it is: no copy', () => {
    for (const path of [['a', 0, 'b'], ['a'], [0], Array.from({ length: 32 }, (_, index) => `k${index}`)])
      expect(pathSegments(path)).toBe(path);
  });

  it('any other path is copied, `{ key }` and symbols read as keys, anything else `?`, and cut at 32 segments', () => {
    expect(pathSegments(['a', { key: 'b' }, Symbol('c'), Symbol(), null, { name: 'd' }, 1])).toEqual([
      'a',
      'b',
      'c',
      'Symbol()',
      '?',
      '?',
      1,
    ]);
    const long = Array.from({ length: 40 }, (_, index) => `k${index}`);
    expect(pathSegments(long)).toEqual(long.slice(0, 32));
    expect(pathSegments([Symbol('s'), ...long])).toEqual(['s', ...long.slice(0, 31)]);
    expect(pathSegments('a.b')).toEqual([]);
  });

  it('pushDetail stops at 100 details', () => {
    const out: ValidationIssue[] = [];
    for (let index = 0; index < 101; index++) pushDetail(out, 'body', [index], 'invalid');
    expect(out).toHaveLength(100);
    expect(out[99]).toEqual({ path: 'body[99]', code: 'invalid', message: ISSUE_CODES.invalid });
  });
});
