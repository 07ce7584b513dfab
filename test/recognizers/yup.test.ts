import fc from 'fast-check';
import * as yup from 'yup';
import { ValidationError, toApiError, type ApiError } from '../../src';
import { EXPRESS_VERSIONS } from '../helpers/app';
import { checked, post, validatorApp } from './validator-app';
import { pastTheCap } from '../helpers/past-the-cap';

const SECRET = 'hunter2-SECRET';

const schema = yup.object({
  email: yup.string().email().required(),
  password: yup.string().min(20),
  age: yup.number().min(18),
  role: yup.string().oneOf(['admin', 'user']),
  items: yup.array(yup.object({ name: yup.string().required() })),
});

async function yupError(value: unknown, s: yup.AnySchema = schema, options: yup.ValidateOptions = { abortEarly: false }): Promise<unknown> {
  return s.validate(value, options).then(
    () => {
      throw new Error('expected a yup failure');
    },
    (error: unknown) => error,
  );
}

describe('yup ValidationError (abortEarly: false): 400 validation_error, one detail per inner error', () => {
  it.each(EXPRESS_VERSIONS)('every failure is a detail, none quotes the value (%s)', async (_name, factory) => {
    const { app, lines } = validatorApp([checked((req) => schema.validate(req.body, { abortEarly: false }))], factory);
    const { body, text, logs } = await post(app, lines, {
      email: `${SECRET}@`,
      password: SECRET,
      age: `${SECRET}-age`,
      role: SECRET,
      items: [{}],
    });
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        { path: 'email', code: 'invalid_format', message: 'email must be a valid email' },
        { path: 'password', code: 'too_small', message: 'password must be at least 20 characters' },
        { path: 'age', code: 'invalid_type', message: 'Must be a number.' },
        { path: 'role', code: 'invalid_value', message: 'role must be one of the following values: admin, user' },
        { path: 'items[0].name', code: 'required', message: 'items[0].name is a required field' },
      ],
    });
    expect(text).not.toContain(SECRET);
    expect(logs).not.toContain(SECRET);
    // The log names the validator and the failures, not yup's error (which holds the values).
    expect(lines[0]).toMatchObject({ status: 400, code: 'validation_error' });
    expect(logs).toContain('"source":"yup"');
  });

  it('without abortEarly: false the one failure yup reports is the one detail', async () => {
    const { app, lines } = validatorApp([checked((req) => schema.validate(req.body))]);
    const { body } = await post(app, lines, { email: 'a@b.co', password: 'short' });
    expect(body.error.details).toEqual([{ path: 'password', code: 'too_small', message: 'password must be at least 20 characters' }]);
  });
});

describe('yup types and messages', () => {
  const cases: [string, yup.AnySchema, unknown, unknown[]][] = [
    [
      'required on an empty string',
      yup.object({ a: yup.string().required() }),
      { a: '' },
      [{ path: 'a', code: 'required', message: 'a is a required field' }],
    ],
    [
      'nonNullable',
      yup.object({ a: yup.string().nonNullable() }),
      { a: null },
      [{ path: 'a', code: 'required', message: 'a cannot be null' }],
    ],
    ['defined', yup.object({ a: yup.string().defined() }), {}, [{ path: 'a', code: 'required', message: 'a must be defined' }]],
    [
      'integer',
      yup.object({ a: yup.number().integer() }),
      { a: 1.5 },
      [{ path: 'a', code: 'invalid_type', message: 'a must be an integer' }],
    ],
    [
      'max',
      yup.object({ a: yup.number().max(3) }),
      { a: 9 },
      [{ path: 'a', code: 'too_big', message: 'a must be less than or equal to 3' }],
    ],
    [
      'positive',
      yup.object({ a: yup.number().positive() }),
      { a: -1 },
      [{ path: 'a', code: 'too_small', message: 'a must be a positive number' }],
    ],
    [
      'array min',
      yup.object({ a: yup.array().min(2) }),
      { a: [1] },
      [{ path: 'a', code: 'too_small', message: 'a field must have at least 2 items' }],
    ],
    [
      'length too short',
      yup.object({ a: yup.string().length(3) }),
      { a: 'ab' },
      [{ path: 'a', code: 'too_small', message: 'a must be exactly 3 characters' }],
    ],
    [
      'length too long',
      yup.object({ a: yup.string().length(3) }),
      { a: 'abcd' },
      [{ path: 'a', code: 'too_big', message: 'a must be exactly 3 characters' }],
    ],
    [
      'url',
      yup.object({ a: yup.string().url() }),
      { a: 'nope' },
      [{ path: 'a', code: 'invalid_format', message: 'a must be a valid URL' }],
    ],
    [
      'matches',
      yup.object({ a: yup.string().matches(/^x/) }),
      { a: 'y' },
      [{ path: 'a', code: 'invalid_format', message: 'a must match the following: "/^x/"' }],
    ],
    [
      'lowercase (strict)',
      yup.object({ a: yup.string().lowercase().strict() }),
      { a: 'AB' },
      [{ path: 'a', code: 'invalid_format', message: 'a must be a lowercase string' }],
    ],
    [
      'isTrue',
      yup.object({ a: yup.boolean().isTrue() }),
      { a: false },
      [{ path: 'a', code: 'invalid_value', message: 'a field must be true' }],
    ],
    [
      'a custom test',
      yup.object({ a: yup.string().test('even', 'a must be even', () => false) }),
      { a: 'x' },
      [{ path: 'a', code: 'invalid', message: 'a must be even' }],
    ],
    // Only yup's own `length` test is read for its length param.
    [
      'a custom test with a length param',
      yup.object({
        a: yup.string().test({ name: 'code', params: { length: 6 }, message: 'a must be a ${length}-digit code', test: () => false }),
      }),
      { a: 'ab' },
      [{ path: 'a', code: 'invalid', message: 'a must be a 6-digit code' }],
    ],
    [
      'a custom message quoting the value',
      yup.object({ a: yup.string().test('t', '${value} is taken', () => false) }),
      { a: 'taken-name' },
      [{ path: 'a', code: 'invalid', message: 'This value is invalid.' }],
    ],
    [
      'notOneOf (the value is quoted)',
      yup.object({ a: yup.string().notOneOf(['root-user']) }),
      { a: 'root-user' },
      [{ path: 'a', code: 'invalid_value', message: 'This value is not one of the allowed values.' }],
    ],
    [
      "an app's own typeError message is kept",
      yup.object({ a: yup.number().typeError('a must be a number') }),
      { a: 'x' },
      [{ path: 'a', code: 'invalid_type', message: 'a must be a number' }],
    ],
    [
      'a tuple of the wrong length (its message prints the value)',
      yup.object({ a: yup.tuple([yup.string(), yup.number()]) }),
      { a: ['q', 1, 'extra-item'] },
      [{ path: 'a', code: 'invalid_type', message: 'Must be a tuple.' }],
    ],
    [
      'a key that is not an identifier',
      yup.object({ 'first name': yup.string().required() }),
      {},
      [{ path: '["first name"]', code: 'required', message: 'first name is a required field' }],
    ],
    [
      'exact: one detail per unknown key',
      yup.object({ m: yup.object({ k: yup.string() }).exact() }),
      { m: { k: 'v', x: 1, y: 2 } },
      [
        { path: 'm.x', code: 'unknown_field', message: 'This field is not allowed.' },
        { path: 'm.y', code: 'unknown_field', message: 'This field is not allowed.' },
      ],
    ],
    [
      'a failure of the root value',
      yup.string().required(),
      undefined,
      [{ path: '', code: 'required', message: 'this is a required field' }],
    ],
  ];

  it.each(cases)('%s', async (_name, s, value, details) => {
    const error = toApiError(await yupError(value, s));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual(details);
  });

  it('noUnknown: one detail per unknown key', async () => {
    const error = toApiError(
      await yupError({ k: 'v', extra: 1 }, yup.object({ k: yup.string() }).noUnknown(), { abortEarly: false, stripUnknown: false }),
    );
    expect(error.details).toEqual([{ path: 'extra', code: 'unknown_field', message: 'This field is not allowed.' }]);
  });

  it('more than 100 failures are capped at 100 details', async () => {
    const many = yup.object(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, yup.string().required()])));
    const thrown = await yupError({}, many);
    (thrown as unknown as { inner: object[] }).inner.splice(100, 0, pastTheCap('path'));
    const error = toApiError(thrown);
    expect(error.details).toHaveLength(100);
  });

  it('submitted values never reach the details', async () => {
    const s = yup.object({ n: yup.number(), d: yup.date(), s: yup.string().max(2), e: yup.string().email(), o: yup.string().oneOf(['a']) });
    await fc.assert(
      // A marker no message contains: a bare short value ("lue") would match the word "value".
      fc.asyncProperty(
        fc.string().map((v) => `q§${v}`),
        async (value) => {
          const error = await yupError({ n: value, d: value, s: value, e: value, o: value }, s).catch(() => undefined);
          if (error === undefined) return;
          expect(JSON.stringify(toApiError(error).details)).not.toContain(JSON.stringify(value).slice(1, -1));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('look-alikes and hostile values', () => {
  it("an Error merely named ValidationError is not yup's (a 500)", () => {
    expect(toApiError(Object.assign(new Error('x'), { name: 'ValidationError' })).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { name: 'ValidationError', inner: [] })).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { name: 'OtherError', inner: [], errors: [] })).status).toBe(500);
  });

  // Hand-built failures of yup's shape, for the fields yup itself always fills.
  const failureOf = (inner: Record<string, unknown>): ApiError =>
    toApiError(Object.assign(new Error('x'), { name: 'ValidationError', errors: [], inner: [{ path: 'a', ...inner }] }));

  it.each([
    [
      'noUnknown without its key list',
      { type: 'noUnknown', params: {}, message: 'a has unspecified keys' },
      'invalid',
      'a has unspecified keys',
    ],
    [
      'exact with a key list that is not a string',
      { type: 'exact', params: { properties: ['x'] }, message: 'a has extra keys' },
      'invalid',
      'a has extra keys',
    ],
    [
      'a typeError without a message, its type a plain word',
      { type: 'typeError', params: { type: 'number' } },
      'invalid_type',
      'Must be a number.',
    ],
    [
      'a typeError whose type is not a single word',
      {
        type: 'typeError',
        params: { type: 'array of strings' },
        message: 'a must be a `array of strings` type, but the final value was: `1`',
      },
      'invalid_type',
      'This field has the wrong type.',
    ],
    [
      'a length rule whose params are not an object',
      { type: 'length', params: 'abc', value: 'ab', message: 'a must be exactly 3 characters' },
      'invalid',
      'a must be exactly 3 characters',
    ],
    ['a type named like an Object.prototype member', { type: 'toString', message: 'a is odd' }, 'invalid', 'a is odd'],
    [
      'another test without a message, whatever its params',
      { type: 'min', params: { type: 'number', min: 3 } },
      'too_small',
      'This value is too small or too short.',
    ],
  ])('%s', (_label, inner, code, message) => {
    expect(failureOf(inner).details).toEqual([{ path: 'a', code, message }]);
  });

  it('malformed inner entries are skipped or read as "invalid"', () => {
    const error = toApiError(
      Object.assign(new Error('x'), {
        name: 'ValidationError',
        errors: [],
        inner: [null, 7, { path: 3, type: {}, params: 'p', message: 9 }],
      }),
    );
    expect(error.details).toEqual([{ path: '', code: 'invalid', message: 'This value is invalid.' }]);
  });
});

describe('yup typeError messages', () => {
  test("an app's own typeError message is kept; yup's default one, which prints the value, is not", async () => {
    const own = toApiError(await yupError({ age: 'abc' }, yup.object({ age: yup.number().typeError('Age must be a number') })));
    expect(own.details).toEqual([{ path: 'age', code: 'invalid_type', message: 'Age must be a number' }]);
    const fallback = toApiError(await yupError({ age: 'abc' }, yup.object({ age: yup.number() })));
    expect(fallback.details).toEqual([{ path: 'age', code: 'invalid_type', message: 'Must be a number.' }]);
  });

  test('a type name that is not a plain lowercase word is not written into the message', () => {
    const error = Object.assign(new yup.ValidationError('x must be a `My Type` type, but the final value was: `1`', 1, 'x', 'typeError'), {
      params: { type: 'My Type' },
    });
    expect(toApiError(error).details).toEqual([{ path: 'x', code: 'invalid_type', message: 'This field has the wrong type.' }]);
  });

  test('at most 100 details, however many fields fail', async () => {
    const shape = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`f${index}`, yup.string().required()]));
    const error = toApiError(await yupError({}, yup.object(shape)));
    expect(error.details).toHaveLength(100);
  });
});
