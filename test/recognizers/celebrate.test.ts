import Joi from 'joi';
import { ValidationError, toApiError } from '../../src';

// celebrate's error is an Error whose `details` map segments to joi errors; built here from
// real joi errors, as celebrate 16 builds it, to pin each branch of the shape check.
function celebrateLike(details: Map<unknown, unknown>): Error {
  return Object.assign(new Error('Validation failed'), { details });
}

const joiError = (schema: Joi.Schema, value: unknown): Joi.ValidationError => {
  const { error } = schema.validate(value, { abortEarly: false });
  if (error === undefined) throw new Error('expected a joi failure');
  return error;
};

describe('celebrate shape', () => {
  const required = joiError(Joi.object({ a: Joi.string().required() }), {});

  it.each([
    ['body', 'body.a'],
    ['query', 'query.a'],
    ['params', 'params.a'],
    ['headers', 'headers.a'],
    ['cookies', 'cookies.a'],
    ['signedCookies', 'cookies.a'],
    ['other', 'a'],
  ])('segment %s gives path %s', (segment, path) => {
    const error = toApiError(celebrateLike(new Map([[segment, required]])));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([{ path, code: 'required', message: '"a" is required' }]);
    expect(error.cause).toEqual({ source: 'celebrate' });
  });

  it('a segment key that is not a string names no location, even one that reads as "body"', () => {
    const key = { toString: (): string => 'body' };
    expect(toApiError(celebrateLike(new Map([[key, required]]))).details).toEqual([
      { path: 'a', code: 'required', message: '"a" is required' },
    ]);
  });

  it('more than 100 failures across segments are capped at 100', () => {
    const many = joiError(Joi.object(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, Joi.string().required()]))), {});
    expect(
      toApiError(
        celebrateLike(
          new Map([
            ['body', many],
            ['query', many],
          ]),
        ),
      ).details,
    ).toHaveLength(100);
  });

  it("look-alikes are not celebrate's: an empty map, a map of non-joi values, details that are not a Map", () => {
    expect(toApiError(celebrateLike(new Map())).status).toBe(500);
    expect(toApiError(celebrateLike(new Map([['body', new Error('x')]]))).status).toBe(500);
    expect(
      toApiError(
        celebrateLike(
          new Map<unknown, unknown>([
            ['body', required],
            ['query', { details: [] }],
          ]),
        ),
      ).status,
    ).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { details: { body: required } })).status).toBe(500);
  });
});
