import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationError, toApiError } from '../../src';
import { EXPRESS_VERSIONS } from '../helpers/app';
import { checked, post, validatorApp } from './validator-app';
import { pastTheCap } from '../helpers/past-the-cap';

const SECRET = 'hunter2-SECRET';

const ajv = new Ajv({ allErrors: true, verbose: true });
addFormats(ajv);

const validateUser = ajv.compile({
  $async: true,
  type: 'object',
  required: ['email', 'name'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    name: { type: 'string', minLength: 2 },
    password: { type: 'string', minLength: 20 },
    age: { type: 'integer', minimum: 18, maximum: 130 },
    role: { enum: ['admin', 'user'] },
    step: { type: 'number', multipleOf: 5 },
    kind: { const: 'person' },
    code: { type: 'string', pattern: '^x' },
    tags: { type: 'array', maxItems: 1 },
    items: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
    either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  },
});

// What an `$async` validator rejects with (its type says `boolean | Promise` for a non-literal schema).
async function rejection(result: unknown): Promise<unknown> {
  return Promise.resolve(result).then(
    () => {
      throw new Error('expected an ajv failure');
    },
    (error: unknown) => error,
  );
}

describe('ajv ValidationError ($async schema, allErrors): 400 validation_error, one detail per error', () => {
  it.each(EXPRESS_VERSIONS)('every keyword has its code and path (%s)', async (_name, factory) => {
    const { app, lines } = validatorApp([checked((req) => validateUser(req.body))], factory);
    const { body, text, logs } = await post(app, lines, {
      email: SECRET,
      name: 'x',
      password: SECRET,
      age: 200,
      role: SECRET,
      step: 7,
      kind: SECRET,
      code: SECRET,
      tags: [SECRET, SECRET],
      items: [{}],
      either: null,
      [`${SECRET}-key`]: 1,
    });
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        { path: 'hunter2-SECRET-key', code: 'unknown_field', message: 'must NOT have additional properties' },
        { path: 'email', code: 'invalid_format', message: 'must match format "email"' },
        { path: 'name', code: 'too_small', message: 'must NOT have fewer than 2 characters' },
        { path: 'password', code: 'too_small', message: 'must NOT have fewer than 20 characters' },
        { path: 'age', code: 'too_big', message: 'must be <= 130' },
        { path: 'role', code: 'invalid_value', message: 'must be equal to one of the allowed values' },
        { path: 'step', code: 'not_multiple_of', message: 'must be multiple of 5' },
        { path: 'kind', code: 'invalid_value', message: 'must be equal to constant' },
        { path: 'code', code: 'invalid_format', message: 'must match pattern "^x"' },
        { path: 'tags', code: 'too_big', message: 'must NOT have more than 1 items' },
        { path: 'items[0].id', code: 'required', message: "must have required property 'id'" },
        { path: 'either', code: 'invalid_type', message: 'must be string' },
        { path: 'either', code: 'invalid_type', message: 'must be number' },
        { path: 'either', code: 'invalid', message: 'must match exactly one schema in oneOf' },
      ],
    });
    expect(text.replaceAll(`${SECRET}-key`, '')).not.toContain(SECRET);
    // `verbose: true` puts each value on the error's `data`; the log keeps only the details.
    expect(logs.replaceAll(`${SECRET}-key`, '')).not.toContain(SECRET);
    expect(logs).toContain('"source":"ajv"');
  });

  it('a missing required property is named by its path; minimum and type', async () => {
    const error = toApiError(await rejection(validateUser({ age: 'old' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([
      { path: 'email', code: 'required', message: "must have required property 'email'" },
      { path: 'name', code: 'required', message: "must have required property 'name'" },
      { path: 'age', code: 'invalid_type', message: 'must be integer' },
    ]);
    expect(toApiError(await rejection(validateUser({ email: 'a@b.co', name: 'ab', age: 3 }))).details).toEqual([
      { path: 'age', code: 'too_small', message: 'must be >= 18' },
    ]);
  });

  it('unevaluatedProperties (draft 2019-09+) names the property', async () => {
    const Ajv2019 = (await import('ajv/dist/2019')).default;
    const validate = new Ajv2019().compile({
      $async: true,
      type: 'object',
      properties: { a: { type: 'string' } },
      unevaluatedProperties: false,
    });
    expect(toApiError(await rejection(validate({ a: 'x', extra: 1 }))).details).toEqual([
      { path: 'extra', code: 'unknown_field', message: 'must NOT have unevaluated properties' },
    ]);
  });

  it('a JSON Pointer with escaped keys reads back as the key', async () => {
    const validate = ajv.compile({ $async: true, type: 'object', properties: { 'a/b': { type: 'string' }, 'c~d': { type: 'string' } } });
    expect(toApiError(await rejection(validate({ 'a/b': 1, 'c~d': 2 }))).details).toEqual([
      { path: '["a/b"]', code: 'invalid_type', message: 'must be string' },
      { path: '["c~d"]', code: 'invalid_type', message: 'must be string' },
    ]);
  });
});

describe('look-alikes and hostile values', () => {
  it('needs ajv: true, validation: true and errors[]', () => {
    expect(toApiError(Object.assign(new Error('x'), { ajv: true, errors: [] })).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { validation: true, errors: [] })).status).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { ajv: true, validation: true, errors: 'no' })).status).toBe(500);
  });

  it('details stop at 100, the first ones kept, and the entries past them are never read', () => {
    const errors: unknown[] = Array.from({ length: 150 }, (_, i) => ({
      keyword: 'type',
      instancePath: `/f${i}`,
      message: 'must be string',
    }));
    errors[100] = pastTheCap('keyword');
    const details = toApiError({ ajv: true, validation: true, errors }).details as { path: string }[];
    expect(details).toHaveLength(100);
    expect(details[99]).toEqual({ path: 'f99', code: 'invalid_type', message: 'must be string' });
  });

  it('malformed entries are "invalid" at the root; a message quoting verbose data is replaced', () => {
    const error = toApiError({
      ajv: true,
      validation: true,
      errors: [
        null,
        { keyword: 'toString', instancePath: 5, params: 'x' },
        { keyword: 'pattern', instancePath: '/a', message: `must not be ${SECRET}`, data: SECRET },
      ],
    });
    expect(error.details).toEqual([
      { path: '', code: 'invalid', message: 'This value is invalid.' },
      { path: '', code: 'invalid', message: 'This value is invalid.' },
      { path: 'a', code: 'invalid_format', message: 'This value is not in the expected format.' },
    ]);
  });
});
