import fc from 'fast-check';
import Joi from 'joi';
import { ValidationError, toApiError } from '../../src';
import { EXPRESS_VERSIONS } from '../helpers/app';
import { checked, post, validatorApp } from './validator-app';

const SECRET = 'hunter2-SECRET';

const schema = Joi.object({
  email: Joi.string().email().required(),
  password: Joi.string().min(20),
  age: Joi.number(),
  role: Joi.string().valid('admin', 'user'),
  code: Joi.string().pattern(/^x/),
  items: Joi.array().items(Joi.object({ name: Joi.string().required() })),
});

function joiError(s: Joi.Schema, value: unknown): unknown {
  const { error } = s.validate(value, { abortEarly: false });
  if (error === undefined) throw new Error('expected a joi failure');
  return error;
}

describe('joi ValidationError (abortEarly: false): 400 validation_error, one detail per entry', () => {
  it.each(EXPRESS_VERSIONS)('every failure is a detail, none quotes the value (%s)', async (_name, factory) => {
    const { app, lines } = validatorApp([checked((req) => schema.validateAsync(req.body, { abortEarly: false }))], factory);
    const { body, text, logs } = await post(app, lines, {
      password: SECRET,
      age: SECRET,
      role: SECRET,
      code: SECRET,
      items: [{}],
      [`${SECRET}-key`]: 1,
    });
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        { path: 'email', code: 'required', message: '"email" is required' },
        { path: 'password', code: 'too_small', message: '"password" length must be at least 20 characters long' },
        { path: 'age', code: 'invalid_type', message: '"age" must be a number' },
        { path: 'role', code: 'invalid_value', message: '"role" must be one of [admin, user]' },
        // joi's own message here is `"code" with value "hunter2-SECRET" fails to match...`.
        { path: 'code', code: 'invalid_format', message: 'This value is not in the expected format.' },
        { path: 'items[0].name', code: 'required', message: '"items[0].name" is required' },
        { path: 'hunter2-SECRET-key', code: 'unknown_field', message: '"hunter2-SECRET-key" is not allowed' },
      ],
    });
    // Only the unknown key itself (a field name, not a value) is echoed.
    expect(text.replaceAll(`${SECRET}-key`, '')).not.toContain(SECRET);
    expect(logs.replaceAll(`${SECRET}-key`, '')).not.toContain(SECRET);
    expect(logs).toContain('"source":"joi"');
  });
});

describe('joi types', () => {
  const cases: [string, Joi.Schema, unknown, unknown[]][] = [
    [
      'string.empty',
      Joi.object({ a: Joi.string() }),
      { a: '' },
      [{ path: 'a', code: 'required', message: '"a" is not allowed to be empty' }],
    ],
    ['string.base', Joi.object({ a: Joi.string() }), { a: 1 }, [{ path: 'a', code: 'invalid_type', message: '"a" must be a string' }]],
    [
      'number.integer',
      Joi.object({ a: Joi.number().integer() }),
      { a: 1.5 },
      [{ path: 'a', code: 'invalid_type', message: '"a" must be an integer' }],
    ],
    [
      'number.max',
      Joi.object({ a: Joi.number().max(3) }),
      { a: 9 },
      [{ path: 'a', code: 'too_big', message: '"a" must be less than or equal to 3' }],
    ],
    [
      'number.greater',
      Joi.object({ a: Joi.number().greater(3) }),
      { a: 1 },
      [{ path: 'a', code: 'too_small', message: '"a" must be greater than 3' }],
    ],
    [
      'number.less',
      Joi.object({ a: Joi.number().less(3) }),
      { a: 9 },
      [{ path: 'a', code: 'too_big', message: '"a" must be less than 3' }],
    ],
    [
      'number.positive',
      Joi.object({ a: Joi.number().positive() }),
      { a: -1 },
      [{ path: 'a', code: 'too_small', message: '"a" must be a positive number' }],
    ],
    [
      'number.negative',
      Joi.object({ a: Joi.number().negative() }),
      { a: 1 },
      [{ path: 'a', code: 'too_big', message: '"a" must be a negative number' }],
    ],
    [
      'number.multiple',
      Joi.object({ a: Joi.number().multiple(5) }),
      { a: 7 },
      [{ path: 'a', code: 'not_multiple_of', message: '"a" must be a multiple of 5' }],
    ],
    [
      'array.max',
      Joi.object({ a: Joi.array().max(1) }),
      { a: [1, 2] },
      [{ path: 'a', code: 'too_big', message: '"a" must contain less than or equal to 1 items' }],
    ],
    [
      'string.length, too short',
      Joi.object({ a: Joi.string().length(3) }),
      { a: 'ab' },
      [{ path: 'a', code: 'too_small', message: '"a" length must be 3 characters long' }],
    ],
    [
      'string.length, too long',
      Joi.object({ a: Joi.string().length(3) }),
      { a: 'abcd' },
      [{ path: 'a', code: 'too_big', message: '"a" length must be 3 characters long' }],
    ],
    [
      'object.length (no length to compare)',
      Joi.object({ a: Joi.object().length(1) }),
      { a: {} },
      [{ path: 'a', code: 'invalid', message: '"a" must have 1 key' }],
    ],
    [
      'string.uri',
      Joi.object({ a: Joi.string().uri() }),
      { a: 'nope' },
      [{ path: 'a', code: 'invalid_format', message: '"a" must be a valid uri' }],
    ],
    [
      'string.isoDate',
      Joi.object({ a: Joi.string().isoDate() }),
      { a: 'nope' },
      [{ path: 'a', code: 'invalid_format', message: '"a" must be in iso format' }],
    ],
    [
      'string.pattern.name',
      Joi.object({ a: Joi.string().pattern(/^x/, 'x-prefix') }),
      { a: 'yes-its-me' },
      [{ path: 'a', code: 'invalid_format', message: 'This value is not in the expected format.' }],
    ],
    [
      'date.greater',
      Joi.object({ a: Joi.date().greater('2030-01-01') }),
      { a: '2000-01-01' },
      [{ path: 'a', code: 'too_small', message: '"a" must be greater than "2030-01-01T00:00:00.000Z"' }],
    ],
    [
      'any.invalid',
      Joi.object({ a: Joi.string().invalid('root') }),
      { a: 'root' },
      [{ path: 'a', code: 'invalid_value', message: '"a" contains an invalid value' }],
    ],
    [
      'any.unknown (forbidden)',
      Joi.object({ a: Joi.any().forbidden() }),
      { a: 1 },
      [{ path: 'a', code: 'unknown_field', message: '"a" is not allowed' }],
    ],
    [
      'array.unique',
      Joi.object({ a: Joi.array().unique() }),
      { a: [1, 1] },
      [{ path: 'a[1]', code: 'invalid', message: '"a[1]" contains a duplicate value' }],
    ],
    [
      "any.custom (its message is the thrown error's)",
      Joi.object({
        a: Joi.string().custom(() => {
          throw new Error('db lookup failed for tenant 42');
        }),
      }),
      { a: 'x' },
      [{ path: 'a', code: 'invalid', message: 'This value is invalid.' }],
    ],
    [
      'a custom message quoting the value',
      Joi.object({ a: Joi.string().min(20).messages({ 'string.min': '{#value} is too short' }) }),
      { a: 'short-secret' },
      [{ path: 'a', code: 'too_small', message: 'This value is too small or too short.' }],
    ],
    [
      'a key that is not an identifier',
      Joi.object({ 'first name': Joi.string().required() }),
      {},
      [{ path: '["first name"]', code: 'required', message: '"first name" is required' }],
    ],
    ['the root value', Joi.string().required(), undefined, [{ path: '', code: 'required', message: '"value" is required' }]],
  ];

  it.each(cases)('%s', (_name, s, value, details) => {
    const error = toApiError(joiError(s, value));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual(details);
  });

  it('without abortEarly: false, the first failure only', () => {
    const { error } = schema.validate({ password: 'short' });
    expect(toApiError(error).details).toEqual([{ path: 'email', code: 'required', message: '"email" is required' }]);
  });

  it('submitted values never reach the details', () => {
    const s = Joi.object({
      a: Joi.number(),
      b: Joi.string().pattern(/^\d+$/),
      c: Joi.string().email(),
      d: Joi.string().valid('k'),
      e: Joi.string().max(2),
    });
    fc.assert(
      fc.property(
        // Marked, so a value cannot pass for the words of a fixed message ("lue" is in "value").
        fc
          .string({ minLength: 1 })
          .filter((v) => !/[^\x20-\x7e]/.test(v))
          .map((v) => `q~${v}`),
        (value) => {
          const { error } = s.validate({ a: value, b: value, c: value, d: value, e: value }, { abortEarly: false });
          expect(JSON.stringify(toApiError(error).details)).not.toContain(JSON.stringify(value).slice(1, -1));
        },
      ),
    );
  });
});

describe('look-alikes and hostile values', () => {
  it("isJoi without details, or details without isJoi, is not joi's", () => {
    expect(toApiError(Object.assign(new Error('x'), { isJoi: true })).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { isJoi: 'true', details: [] })).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { details: [{ path: ['a'], type: 'any.required', message: 'm' }] })).status).toBe(500);
  });

  it('malformed details are read as "invalid" at the root', () => {
    const error = toApiError({
      isJoi: true,
      details: [null, { path: 'a', type: 5, message: '' }, { path: [{}, 1], type: 'x.y', message: 'odd' }],
    });
    expect(error.details).toEqual([
      { path: '', code: 'invalid', message: 'This value is invalid.' },
      { path: '', code: 'invalid', message: 'This value is invalid.' },
      { path: '["[object Object]"][1]', code: 'invalid', message: 'odd' },
    ]);
  });

  it('a detail whose getter throws leaves a 500, not a crash', () => {
    const hostile = {
      isJoi: true,
      details: [
        Object.defineProperty({}, 'type', {
          get: () => {
            throw new Error('boom');
          },
        }),
      ],
    };
    expect(toApiError(hostile).status).toBe(500);
  });
});
