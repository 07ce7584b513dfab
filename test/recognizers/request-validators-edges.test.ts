import { toApiError } from '../../src';

// Boundary cases of the express-validator and express-openapi-validator recognizers, on
// synthetic errors of the shapes their real errors have (see their own test files).
const result = (errors: unknown[]): object => Object.assign(new Error(''), { errors, mapped: () => ({}), isEmpty: () => false });
const field = (extra: object): object => ({ type: 'field', location: 'body', path: 'a', msg: 'Invalid value', value: 'x', ...extra });

describe('express-validator', () => {
  it.each(['body', 'query', 'params', 'headers', 'cookies'])('location %s qualifies the path', (location) => {
    expect(toApiError(result([field({ location })])).details).toEqual([
      { path: `${location}.a`, code: 'invalid', message: 'Invalid value' },
    ]);
  });

  it('a field sent as null or not sent is required; one sent empty is invalid', () => {
    expect(
      toApiError(result([field({ value: undefined }), field({ path: 'b', value: null }), field({ path: 'c', value: '' })])).details,
    ).toEqual([
      { path: 'body.a', code: 'required', message: 'Invalid value' },
      { path: 'body.b', code: 'required', message: 'Invalid value' },
      { path: 'body.c', code: 'invalid', message: 'Invalid value' },
    ]);
  });

  it('the same path with the same message is one detail; another message is another detail', () => {
    expect(toApiError(result([field({}), field({}), field({ msg: 'Too short' }), field({ path: 'b' })])).details).toEqual([
      { path: 'body.a', code: 'invalid', message: 'Invalid value' },
      { path: 'body.a', code: 'invalid', message: 'Too short' },
      { path: 'body.b', code: 'invalid', message: 'Invalid value' },
    ]);
  });

  it('unknown fields: the group message is replaced, an own message kept, a value-quoting one replaced', () => {
    const unknown = (msg: unknown): object => ({
      type: 'unknown_fields',
      msg,
      fields: [{ location: 'query', path: 'debug', value: 'on-please' }, 'x'],
    });
    expect(toApiError(result([unknown('Unknown field(s)')])).details).toEqual([
      { path: 'query.debug', code: 'unknown_field', message: 'This field is not allowed.' },
    ]);
    expect(toApiError(result([unknown('Not allowed here')])).details).toEqual([
      { path: 'query.debug', code: 'unknown_field', message: 'Not allowed here' },
    ]);
    expect(toApiError(result([unknown(5)])).details).toEqual([
      { path: 'query.debug', code: 'unknown_field', message: 'This field is not allowed.' },
    ]);
    expect(toApiError(result([unknown('on-please is not allowed')])).details).toEqual([
      { path: 'query.debug', code: 'unknown_field', message: 'This field is not allowed.' },
    ]);
  });

  it('oneOf: alternatives (flat and grouped) are read up to three levels deep', () => {
    const leaf = field({ path: 'deep' });
    expect(toApiError(result([{ type: 'alternative', nestedErrors: [leaf] }])).details).toEqual([
      { path: 'body.deep', code: 'invalid', message: 'Invalid value' },
    ]);
    expect(toApiError(result([{ type: 'alternative_grouped', nestedErrors: [[leaf]] }])).details).toEqual([
      { path: 'body.deep', code: 'invalid', message: 'Invalid value' },
    ]);
    expect(toApiError(result([[[leaf]]])).details).toEqual([{ path: 'body.deep', code: 'invalid', message: 'Invalid value' }]);
    expect(toApiError(result([[[[leaf]]]])).details).toEqual([{ path: 'body.deep', code: 'invalid', message: 'Invalid value' }]);
    expect(toApiError(result([[[[[leaf]]]]])).details).toEqual([]);
    expect(toApiError(result([{ type: 'alternative', nestedErrors: [[[leaf]]] }])).details).toEqual([
      { path: 'body.deep', code: 'invalid', message: 'Invalid value' },
    ]);
    expect(toApiError(result([{ type: 'alternative', nestedErrors: 'x' }])).details).toEqual([]);
  });

  it('details stop at exactly 100, also for unknown fields', () => {
    const errors = Array.from({ length: 150 }, (_, i) => field({ path: `f${i}` }));
    const details = toApiError(result(errors)).details as unknown[];
    expect(details).toHaveLength(100);
    expect(details[99]).toEqual({ path: 'body.f99', code: 'invalid', message: 'Invalid value' });
    const fields = Array.from({ length: 150 }, (_, i) => ({ location: 'body', path: `u${i}` }));
    expect(
      toApiError(result([...Array.from({ length: 100 }, (_, i) => field({ path: `f${i}` })), { type: 'unknown_fields', fields }])).details,
    ).toHaveLength(100);
  });
});

describe('express-openapi-validator', () => {
  const badRequest = (errors: unknown[], extra: object = {}): object =>
    Object.assign(new Error('x'), { name: 'Bad Request', status: 400, path: '/users/1', errors, ...extra });

  it.each([
    ['/headers/x-api-version', 'headers.x-api-version'],
    ['/params/id', 'params.id'],
    ['/query/page', 'query.page'],
    ['.body.items[0].id', 'body.items[0].id'],
    ['/toString/a', ''],
    ['', ''],
  ])('path %p reads as %p', (path, expected) => {
    expect(toApiError(badRequest([{ path, message: 'm' }])).details).toEqual([{ path: expected, code: 'invalid', message: 'm' }]);
  });

  it.each([
    ['minLength.openapi.validation', 'too_small'],
    ['xformat.openapi.validationx', 'invalid'],
    ['format.openapi.validations', 'invalid'],
    ['a.format.openapi.validation', 'invalid'],
    ['format.openapiXvalidation', 'invalid'],
    ['.openapi.validation', 'invalid'],
  ])('errorCode %s is %s', (errorCode, code) => {
    expect(toApiError(badRequest([{ path: '/body/a', message: 'm', errorCode }])).details).toEqual([
      { path: 'body.a', code, message: 'm' },
    ]);
  });

  it('only a message starting with "Unknown query parameter" is unknown_field', () => {
    expect(
      toApiError(
        badRequest([
          { path: '/query/a', message: "Oops: Unknown query parameter 'a'" },
          { path: '/query/a', message: 5 },
        ]),
      ).details,
    ).toEqual([
      { path: 'query.a', code: 'invalid', message: "Oops: Unknown query parameter 'a'" },
      { path: 'query.a', code: 'invalid', message: 'This value is invalid.' },
    ]);
  });

  it('needs status 400, the name "Bad Request", a string path and errors[]', () => {
    expect(toApiError(badRequest([{ path: '/body/a', message: 'm' }])).code).toBe('validation_error');
    expect(toApiError(badRequest([], { status: 404 })).code).toBe('resource_not_found');
    expect(toApiError(badRequest([], { path: 5 })).code).toBe('bad_request');
  });

  it('details stop at exactly 100, the first ones kept', () => {
    const details = toApiError(badRequest(Array.from({ length: 150 }, (_, i) => ({ path: `/body/f${i}`, message: 'm' }))))
      .details as unknown[];
    expect(details).toHaveLength(100);
    expect(details[99]).toEqual({ path: 'body.f99', code: 'invalid', message: 'm' });
  });
});
