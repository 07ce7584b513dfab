import request from 'supertest';
import * as v from 'valibot';
import { ISSUE_CODES, toApiError, type ValidationError } from '../../src';
import { recognizeValibot, valibotIssues } from '../../src/errors/recognizers/valibot';
import { captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';
import { parsingApp, validationDetails } from './schema-app';

const UserSchema = v.strictObject({
  email: v.pipe(v.string(), v.email()),
  name: v.pipe(v.string(), v.minLength(2)),
  password: v.pipe(v.string(), v.minLength(8, 'Password too short')),
  age: v.pipe(v.number(), v.integer(), v.maxValue(150), v.multipleOf(2)),
  role: v.picklist(['admin', 'user']),
  kind: v.literal('person'),
  id: v.pipe(v.string(), v.uuid()),
  site: v.pipe(v.string(), v.url()),
  born: v.pipe(v.string(), v.isoDateTime()),
  handle: v.pipe(v.string(), v.regex(/^[a-z]+$/)),
  tags: v.pipe(v.array(v.string()), v.maxLength(1)),
  contact: v.union([v.string(), v.number()]),
  code: v.pipe(
    v.string(),
    v.check((value) => value === 'ok', 'Code must be ok'),
  ),
  address: v.strictObject({ zip: v.string() }),
});

const INVALID_USER = {
  email: 'bad-SECRET',
  name: 'a',
  password: 'hunter2',
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
};

const parseUser = (body: unknown): unknown => v.parse(UserSchema, body, { abortEarly: false });

describe('valibot: v.parse() failures answer 400 validation_error', () => {
  it('one detail per failing field; default messages lose their "received ..." tail', async () => {
    const res = await request(parsingApp(parseUser)).post('/users').send(INVALID_USER);
    expect(validationDetails(res)).toEqual([
      { path: 'email', code: 'invalid_format', message: 'Invalid email' },
      { path: 'name', code: 'too_small', message: 'Invalid length: Expected >=2' },
      { path: 'password', code: 'too_small', message: 'Password too short' },
      { path: 'age', code: 'too_big', message: 'Invalid value: Expected <=150' },
      { path: 'age', code: 'not_multiple_of', message: 'Invalid multiple: Expected %2' },
      { path: 'role', code: 'invalid_value', message: 'Invalid type: Expected ("admin" | "user")' },
      { path: 'kind', code: 'invalid_value', message: 'Invalid type: Expected "person"' },
      { path: 'id', code: 'invalid_format', message: 'Invalid UUID' },
      { path: 'site', code: 'invalid_format', message: 'Invalid URL' },
      { path: 'born', code: 'invalid_format', message: 'Invalid date-time' },
      { path: 'handle', code: 'invalid_format', message: 'Invalid format: Expected /^[a-z]+$/' },
      { path: 'tags', code: 'too_big', message: 'Invalid length: Expected <=1' },
      { path: 'contact', code: 'invalid_type', message: 'Invalid type: Expected (string | number)' },
      { path: 'code', code: 'invalid', message: 'Code must be ok' },
      { path: 'address.zip', code: 'invalid_type', message: 'Invalid type: Expected string' },
      { path: 'address.street', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      { path: 'extra', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
    ]);
    expect(res.text).not.toContain('SECRET');
    expect(res.text).not.toContain('hunter2');
  });

  it('a missing field is required, with the default message ("Expected "email"" reads as a type error)', async () => {
    const schema = v.object({
      email: v.string(),
      nick: v.optional(v.string()),
      role: v.picklist(['a', 'b']),
      n: v.union([v.string(), v.number()]),
    });
    const res = await request(parsingApp((body) => v.parse(schema, body)))
      .post('/users')
      .send({ nick: null });
    expect(validationDetails(res)).toEqual([
      { path: 'email', code: 'required', message: ISSUE_CODES.required },
      { path: 'nick', code: 'invalid_type', message: 'Invalid type: Expected string' },
      { path: 'role', code: 'required', message: ISSUE_CODES.required },
      { path: 'n', code: 'required', message: ISSUE_CODES.required },
    ]);
  });

  it("a strict object tells a missing key from an extra one; a strict tuple's extra item is unknown", () => {
    const schema = v.strictObject({ a: v.string(), pair: v.strictTuple([v.string()]) });
    const result = v.safeParse(schema, { pair: ['x', 'y'], b: 1 });
    expect(toApiError(new v.ValiError(result.issues as [v.BaseIssue<unknown>]))).toMatchObject({
      details: [
        { path: 'a', code: 'required', message: ISSUE_CODES.required },
        { path: 'pair[1]', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
        { path: 'b', code: 'unknown_field', message: ISSUE_CODES.unknown_field },
      ],
    });
  });

  it('exact sizes, bounds, formats, unions, variants, records, objectWithRest(never)', () => {
    const schema = v.object({
      short: v.pipe(v.string(), v.length(3)),
      long: v.pipe(v.string(), v.length(3)),
      gt: v.pipe(v.number(), v.gtValue(5)),
      lt: v.pipe(v.number(), v.ltValue(5)),
      some: v.pipe(v.string(), v.nonEmpty()),
      int: v.pipe(v.number(), v.integer()),
      exact: v.pipe(v.number(), v.value(1)),
      pick: v.union([v.pipe(v.string(), v.email()), v.pipe(v.string(), v.uuid())]),
      mixed: v.union([v.pipe(v.string(), v.email()), v.pipe(v.string(), v.minLength(50))]),
      pet: v.variant('type', [v.object({ type: v.literal('cat') }), v.object({ type: v.literal('dog') })]),
      scores: v.record(v.string(), v.number()),
      strictish: v.objectWithRest({ a: v.string() }, v.never()),
      when: v.pipe(
        v.string(),
        v.transform((text) => Number(text)),
        v.number(),
      ),
    });
    const result = v.safeParse(schema, {
      short: 'ab',
      long: 'abcd',
      gt: 5,
      lt: 5,
      some: '',
      int: 1.5,
      exact: 2,
      pick: 'p-SECRET',
      mixed: 'm-SECRET',
      pet: { type: 'cow-SECRET' },
      scores: { math: 'x-SECRET' },
      strictish: { a: 'x', zz: 1 },
      when: 5,
    });
    const error = toApiError(new v.ValiError(result.issues as [v.BaseIssue<unknown>])) as ValidationError;
    expect(error.details.map(({ path, code }) => [path, code])).toEqual([
      ['short', 'too_small'],
      ['long', 'too_big'],
      ['gt', 'too_small'],
      ['lt', 'too_big'],
      ['some', 'too_small'],
      ['int', 'invalid_type'],
      ['exact', 'invalid_value'],
      ['pick', 'invalid_format'],
      ['mixed', 'invalid'],
      ['pet.type', 'invalid_value'],
      ['scores.math', 'invalid_type'],
      ['strictish.zz', 'unknown_field'],
      ['when', 'invalid_type'],
    ]);
    expect(JSON.stringify(error.details)).not.toContain('SECRET');
  });

  it('an app message built from `received` is replaced; one without it is kept', () => {
    const schema = v.object({
      a: v.pipe(
        v.string(),
        v.minLength(30, (issue) => `${issue.received} is too short`),
      ),
      b: v.pipe(v.string(), v.email('Enter an email')),
      c: v.pipe(
        v.string(),
        v.email((issue) => `Not an email: ${issue.received}`),
      ),
    });
    const result = v.safeParse(schema, { a: 'a-SECRET', b: 'b-SECRET', c: 'c-SECRET' });
    expect(toApiError(new v.ValiError(result.issues as [v.BaseIssue<unknown>]))).toMatchObject({
      details: [
        { path: 'a', code: 'too_small', message: ISSUE_CODES.too_small },
        { path: 'b', code: 'invalid_format', message: 'Enter an email' },
        { path: 'c', code: 'invalid_format', message: ISSUE_CODES.invalid_format },
      ],
    });
  });

  it.each(EXPRESS_VERSIONS)('%s: the same answer', async (_name, factory) => {
    const res = await request(parsingApp(parseUser, { express: factory }))
      .post('/users')
      .send({ ...INVALID_USER, email: 'ok@example.com' });
    expect(validationDetails(res)[0]).toEqual({ path: 'name', code: 'too_small', message: 'Invalid length: Expected >=2' });
  });

  it('logs the details, never a submitted value (the issues carry `input`; the cause does not)', async () => {
    const { logger, lines } = captureLogger();
    await request(parsingApp(parseUser, { logger })).post('/users').send(INVALID_USER).expect(400);
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, code: 'validation_error', error: { cause: { source: 'valibot' } } });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });
});

describe('recognizeValibot: shape checks', () => {
  const issue = {
    kind: 'schema',
    type: 'string',
    expected: 'string',
    received: '1',
    message: 'Invalid type: Expected string but received 1',
    path: [{ key: 'a' }],
  };

  it('takes a ValiError-shaped value', () => {
    expect(recognizeValibot({ name: 'ValiError', issues: [issue] })).toMatchObject({
      status: 400,
      details: [{ path: 'a', code: 'invalid_type', message: 'Invalid type: Expected string' }],
    });
  });

  it.each([
    ['a plain Error named ValiError', Object.assign(new Error('x'), { name: 'ValiError' })],
    ['no issues', { name: 'ValiError', issues: [] }],
    ['an issue of an unknown kind', { name: 'ValiError', issues: [{ ...issue, kind: 'other' }] }],
    ['an issue without `received`', { name: 'ValiError', issues: [{ ...issue, received: undefined }] }],
    ['an issue without a type', { name: 'ValiError', issues: [{ ...issue, type: 1 }] }],
    ['another name', { name: 'ValiErrors', issues: [issue] }],
  ])('leaves %s alone', (_name, value) => {
    expect(recognizeValibot(value)).toBeUndefined();
  });

  it('an issue list with one malformed entry is left alone, not half-read', () => {
    expect(recognizeValibot({ name: 'ValiError', issues: [issue, 'nope'] })).toBeUndefined();
  });

  it('only a strict object or tuple expecting `never` is an unknown key', () => {
    const [detail] = valibotIssues([{ ...issue, expected: 'never', message: 'x' }]);
    expect(detail?.code).toBe('invalid_type');
  });

  // Nested unions: `depth` levels of `union`, the innermost holding one too_small issue.
  const nestedUnions = (depth: number): object => {
    let inner: object = { ...issue, kind: 'validation', type: 'min_length', received: '1', message: 'x' };
    for (let level = 0; level < depth; level++) inner = { ...issue, type: 'union', received: '"s"', message: 'x', issues: [inner] };
    return inner;
  };

  it('unions are followed 8 deep, no further; one with no issues is a type mismatch', () => {
    expect(valibotIssues([nestedUnions(8)])[0]?.code).toBe('too_small');
    expect(valibotIssues([nestedUnions(9)])[0]?.code).toBe('invalid_type');
    expect(valibotIssues([{ ...issue, type: 'union', message: 'x', issues: [] }])[0]?.code).toBe('invalid_type');
  });

  it('a message whose head still holds the received value gets the default', () => {
    const quoting = { ...issue, received: '"s-SECRET"', message: 'Bad "s-SECRET": Expected number but received "s-SECRET"' };
    expect(valibotIssues([quoting])[0]?.message).toBe(ISSUE_CODES.invalid_type);
  });

  it('survives hostile values and keeps a message that is not a string out', () => {
    expect(
      toApiError({
        name: 'ValiError',
        get issues(): never {
          throw new Error('trap');
        },
      }).status,
    ).toBe(500);
    expect(
      valibotIssues(
        [
          {
            ...issue,
            message: undefined,
            path: [
              {
                key: {
                  toString: (): never => {
                    throw new Error('trap');
                  },
                },
              },
            ],
          },
          { ...issue, kind: 'transformation', type: 'transform', received: '"x"', message: 'Invalid input: Received "x"' },
          { ...issue, type: 'union', issues: 'nope', received: 'true', message: 'Invalid type: Expected (a | b) but received true' },
          { ...issue, type: 'strict_object', received: '"k"', path: ['not a bag'], message: 'x' },
          {
            ...issue,
            kind: 'validation',
            type: 'length',
            received: '5',
            requirement: 3,
            message: 'Invalid length: Expected 3 but received 5 or 5',
          },
          null,
        ],
        'body',
      ),
    ).toEqual([
      { path: 'body["?"]', code: 'invalid_type', message: ISSUE_CODES.invalid_type },
      { path: 'body.a', code: 'invalid', message: 'Invalid input' },
      { path: 'body.a', code: 'invalid_type', message: 'Invalid type: Expected (a | b)' },
      { path: 'body["not a bag"]', code: 'invalid_type', message: 'x' },
      { path: 'body.a', code: 'too_big', message: ISSUE_CODES.too_big },
    ]);
  });
});
