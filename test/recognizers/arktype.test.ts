import type * as Arktype from 'arktype';
import request from 'supertest';
import { ISSUE_CODES, toApiError, type ValidationError } from '../../src';
import { arktypeIssues, recognizeArktype } from '../../src/errors/recognizers/arktype';
import { captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';
import { parsingApp, requireEsm, validationDetails } from './schema-app';

// arktype is ESM only; Jest runs CommonJS, so the installed package is bundled for it.
const { type } = requireEsm('arktype') as typeof Arktype;

const User = type({
  email: 'string.email',
  name: 'string >= 2',
  password: type('string >= 8').configure({ message: 'Password too short' }),
  age: 'number.integer <= 150 % 2',
  role: "'admin' | 'user'",
  kind: "'person'",
  id: 'string.uuid',
  site: 'string.url',
  born: 'string.date.iso',
  handle: /^[a-z]+$/,
  tags: 'string[] <= 1',
  contact: 'string | number',
  address: { '+': 'reject', zip: 'string' },
  '+': 'reject',
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
  address: { zip: 75001, street: 'x' },
  extra: 1,
};

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

describe('arktype: type.assert() failures answer 400 validation_error', () => {
  it('one detail per failing constraint; messages lose their "(was ...)" tail', async () => {
    const res = await request(parsingApp((body) => User.assert(body)))
      .post('/users')
      .send(INVALID_USER);
    // arktype orders its errors by its own plan of the type; the details keep that order.
    expect([...validationDetails(res)].sort(byPath)).toEqual([
      { path: 'address.street', code: 'unknown_field', message: 'address.street must be removed' },
      { path: 'address.zip', code: 'invalid_type', message: 'address.zip must be a string' },
      { path: 'age', code: 'not_multiple_of', message: 'age must be even' },
      { path: 'age', code: 'too_big', message: 'age must be at most 150' },
      { path: 'born', code: 'invalid_format', message: 'born must be an ISO 8601 (YYYY-MM-DDTHH:mm:ss.sssZ) date' },
      { path: 'contact', code: 'invalid_type', message: 'contact must be a number or a string' },
      { path: 'email', code: 'invalid_format', message: 'email must be an email address' },
      { path: 'extra', code: 'unknown_field', message: 'extra must be removed' },
      { path: 'handle', code: 'invalid_format', message: 'handle must be matched by ^[a-z]+$' },
      { path: 'id', code: 'invalid_format', message: 'id must be a UUID' },
      { path: 'kind', code: 'invalid_value', message: 'kind must be "person"' },
      { path: 'name', code: 'too_small', message: 'name must be at least length 2' },
      { path: 'password', code: 'too_small', message: 'Password too short' },
      { path: 'role', code: 'invalid_value', message: 'role must be "admin" or "user"' },
      { path: 'site', code: 'invalid_format', message: 'site must be a URL string' },
      { path: 'tags', code: 'too_big', message: 'tags must be at most length 1' },
    ]);
    expect(res.text).not.toContain('SECRET');
    expect(res.text).not.toContain('hunter2');
  });

  it('a missing field is required', async () => {
    const res = await request(parsingApp((body) => type({ email: 'string', role: "'a' | 'b'", 'nick?': 'string' }).assert(body)))
      .post('/users')
      .send({ nick: 5 });
    expect([...validationDetails(res)].sort(byPath)).toEqual([
      { path: 'email', code: 'required', message: 'email must be a string' },
      { path: 'nick', code: 'invalid_type', message: 'nick must be a string' },
      { path: 'role', code: 'required', message: 'role must be "a" or "b"' },
    ]);
  });

  it('exact lengths, bounds, dates, arrays, unions of formats and literals, parsers, narrows (a union picks its branch by type first)', () => {
    const schema = type({
      short: 'string == 3',
      long: 'string == 3',
      gt: 'number > 5',
      before: 'Date < d"2000-01-01"',
      list: 'string[]',
      at: '1',
      pick: 'string.email | string.uuid',
      either: 'string.email | string > 50',
      mixed: '(string >= 3) | number',
      enumish: "1 | 'a' | 'b'",
      json: 'string.json.parse',
      checked: type('string').narrow((value, ctx) => value === 'ok' || ctx.mustBe('an approved code')),
      custom: type('string').narrow((_value, ctx) => ctx.reject({ message: 'custom says no' })),
    });
    const thrown = (input: unknown): unknown => {
      try {
        schema.assert(input);
      } catch (error) {
        return error;
      }
      throw new Error('assert() passed');
    };
    const error = thrown({
      short: 'ab',
      long: 'abcd',
      gt: 5,
      before: new Date(),
      list: ['a', 5],
      at: 2,
      pick: 'p-SECRET',
      either: 'x-SECRET',
      mixed: 'm',
      enumish: true,
      json: 'j-SECRET',
      checked: 'c-SECRET',
      custom: 'x',
    });
    expect(error).toBeInstanceOf(Error);
    const details = (toApiError(error) as ValidationError).details;
    expect([...details].sort(byPath)).toEqual([
      { path: 'at', code: 'invalid_value', message: 'at must be 1' },
      { path: 'before', code: 'too_big', message: 'before must be 11:59:59.999 PM, December 31, 1999 or earlier' },
      { path: 'checked', code: 'invalid', message: 'checked must be an approved code' },
      { path: 'custom', code: 'invalid', message: 'custom says no' },
      { path: 'either', code: 'invalid', message: 'either must be at least length 51 or an email address' },
      { path: 'enumish', code: 'invalid_value', message: 'enumish must be 1, "a" or "b"' },
      { path: 'gt', code: 'too_small', message: 'gt must be more than 5' },
      { path: 'json', code: 'invalid_format', message: 'json must be a JSON string' },
      { path: 'list[1]', code: 'invalid_type', message: 'list[1] must be a string' },
      { path: 'long', code: 'too_big', message: 'long must be exactly length 3' },
      { path: 'mixed', code: 'too_small', message: 'mixed must be at least length 3' },
      { path: 'pick', code: 'invalid_format', message: 'pick must be an email address or a UUID' },
      { path: 'short', code: 'too_small', message: 'short must be exactly length 3' },
    ]);
    expect(JSON.stringify(details)).not.toContain('SECRET');
  });

  it.each(EXPRESS_VERSIONS)('%s: the same answer', async (_name, factory) => {
    const res = await request(parsingApp((body) => type({ email: 'string.email' }).assert(body), { express: factory }))
      .post('/users')
      .send({ email: 'e-SECRET' });
    expect(validationDetails(res)).toEqual([{ path: 'email', code: 'invalid_format', message: 'email must be an email address' }]);
  });

  it("logs the details, never a submitted value (TraversalError's message quotes them)", async () => {
    const { logger, lines } = captureLogger();
    await request(parsingApp((body) => User.assert(body), { logger }))
      .post('/users')
      .send(INVALID_USER)
      .expect(400);
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, code: 'validation_error', error: { cause: { source: 'arktype' } } });
    expect(JSON.stringify(lines)).not.toContain('SECRET');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });
});

describe('recognizeArktype: shape checks', () => {
  const arkError = {
    ' arkKind': 'error',
    code: 'domain',
    path: ['a'],
    expected: 'a string',
    actual: 'a number',
    message: 'a must be a string (was a number)',
  };

  it('takes a TraversalError-shaped value', () => {
    expect(recognizeArktype({ name: 'TraversalError', arkErrors: [arkError] })).toMatchObject({
      status: 400,
      details: [{ path: 'a', code: 'invalid_type', message: 'a must be a string' }],
    });
  });

  it.each([
    ['a plain Error named TraversalError', Object.assign(new Error('x'), { name: 'TraversalError' })],
    ['no errors', { name: 'TraversalError', arkErrors: [] }],
    ['an error without the arkKind marker', { name: 'TraversalError', arkErrors: [{ ...arkError, ' arkKind': undefined }] }],
    ['an error without a path', { name: 'TraversalError', arkErrors: [{ ...arkError, path: 'a' }] }],
    ['another name', { name: 'ArkError', arkErrors: [arkError] }],
  ])('leaves %s alone', (_name, value) => {
    expect(recognizeArktype(value)).toBeUndefined();
  });

  it('an error list with one malformed entry is left alone, not half-read', () => {
    expect(recognizeArktype({ name: 'TraversalError', arkErrors: [arkError, 'nope'] })).toBeUndefined();
    expect(recognizeArktype({ name: 'TraversalError', arkErrors: [{ ...arkError, code: 5 }] })).toBeUndefined();
  });

  it("only a predicate expecting `removed` with nothing received is an undeclared key; another code's nested errors are not a union", () => {
    const codes = arktypeIssues([
      { ...arkError, code: 'predicate', expected: 'removed', actual: '"x"', message: 'x' },
      { ...arkError, code: 'predicate', expected: 'approved', actual: '', message: 'x' },
      { ...arkError, code: 'somethingNew', errors: [{ ...arkError, code: 'min' }] },
    ]).map((detail) => detail.code);
    expect(codes).toEqual(['invalid', 'invalid', 'invalid']);
  });

  // `depth` levels of `code` wrapping one `min` error.
  const nested = (code: 'union' | 'intersection', depth: number): object => {
    let inner: object = { ...arkError, code: 'min', message: 'a must be more than 1', actual: '0' };
    for (let level = 0; level < depth; level++) inner = { ...arkError, code, message: 'm', actual: '', errors: [inner] };
    return inner;
  };

  it('unions and intersections are followed 8 deep, no further', () => {
    expect(arktypeIssues([nested('union', 8)])[0]?.code).toBe('too_small');
    expect(arktypeIssues([nested('union', 9)])[0]?.code).toBe('invalid');
    expect(arktypeIssues([nested('intersection', 8)])[0]?.code).toBe('too_small');
    expect(arktypeIssues([nested('intersection', 9)])[0]?.code).toBe('invalid');
  });

  it.each([
    ['nothing received: a "(was )" tail is no tail', { actual: '', expected: 'zz', message: 'a must be b (was )' }, 'a must be b (was )'],
    ['no expectation: "must be" is not searched for', { actual: '', expected: '', message: 'a must be x' }, 'a must be x'],
    ['the expectation at the very start', { actual: '"s-SECRET"', expected: 'b', message: 'must be b, not s-SECRET' }, 'must be b'],
    ['a value only part of which is in the message', { actual: 'abcd', expected: 'zz', message: 'xx bc yy' }, 'xx bc yy'],
    ['a quoted empty string, printed', { actual: '""', expected: 'zz', message: 'got ""' }, ISSUE_CODES.invalid],
    ['a value that only ends in a quote', { actual: 'a"b"', expected: 'zz', message: 'has "b' }, 'has "b'],
    ['a value that only starts with a quote', { actual: '"ab', expected: 'zz', message: 'has a' }, 'has a'],
  ])('messages: %s', (_name, fields, message) => {
    expect(arktypeIssues([{ ...arkError, code: 'predicate', ...fields }])[0]?.message).toBe(message);
  });

  it('survives hostile values; a custom message quoting the value gets the default', () => {
    expect(
      toApiError({
        name: 'TraversalError',
        get arkErrors(): never {
          throw new Error('trap');
        },
      }).status,
    ).toBe(500);
    expect(
      arktypeIssues(
        [
          { ...arkError, code: 'predicate', expected: 'x', actual: '"p-SECRET"', message: 'p-SECRET is wrong' },
          { ...arkError, code: 'predicate', expected: 'x', actual: 'undefined', message: 3 },
          { ...arkError, code: 'union', errors: 'nope', message: 'a must be x or y (was 1)', actual: '1' },
          {
            ...arkError,
            code: 'intersection',
            errors: [null, { ...arkError, code: 'min', message: 'a must be more than 1 (was 0)', actual: '0' }],
          },
          { ...arkError, code: 'somethingNew', path: [{ key: 'k' }, Symbol('s')] },
          { ...arkError, code: 'exactLength', actual: '5', rule: 3, message: 'custom' },
          'nope',
        ],
        'query',
      ),
    ).toEqual([
      { path: 'query.a', code: 'invalid', message: ISSUE_CODES.invalid },
      { path: 'query.a', code: 'required', message: ISSUE_CODES.required },
      { path: 'query.a', code: 'invalid', message: 'a must be x or y' },
      { path: 'query.a', code: 'too_small', message: 'a must be more than 1' },
      { path: 'query.k.s', code: 'invalid', message: 'a must be a string' },
      { path: 'query.a', code: 'too_big', message: 'custom' },
    ]);
  });
});
