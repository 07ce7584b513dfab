import fc from 'fast-check';
import { ISSUE_CODES, issue, issuePath, splitPath } from '../../src/errors/recognizers/issues';

describe('issuePath', () => {
  test.each([
    [undefined, [], ''],
    ['body', [], 'body'],
    [undefined, ['email'], 'email'],
    ['body', ['email'], 'body.email'],
    ['body', ['items', 0, 'name'], 'body.items[0].name'],
    ['body', ['items', 10], 'body.items[10]'],
    [undefined, [0, 'a'], '[0].a'],
    ['query', ['first name'], 'query["first name"]'],
    ['body', ['a.b'], 'body["a.b"]'],
    ['body', ['0'], 'body["0"]'],
    ['headers', ['x-api-version'], 'headers.x-api-version'],
    ['body', [{ key: 'email' }, { key: 2 }], 'body.email[2]'],
    ['body', [1.5], 'body["1.5"]'],
    ['body', [Symbol('s')], 'body["Symbol(s)"]'],
    ['body', [null], 'body.null'],
    ['body', ['1a'], 'body["1a"]'],
    ['body', [-1], 'body[-1]'],
  ] as const)('%s %j -> %s', (location, segments, expected) => {
    expect(issuePath(location, segments)).toBe(expected);
  });

  test('keeps at most 32 segments', () => {
    const segments = Array.from({ length: 40 }, (_, index) => `k${index}`);
    const path = issuePath('body', segments);
    expect(path.split('.')).toHaveLength(33);
    expect(path.endsWith('.k31')).toBe(true);
  });

  test('cuts a key at 128 characters', () => {
    expect(issuePath(undefined, ['a'.repeat(200)])).toBe('a'.repeat(128));
  });

  test('property: a path of identifier keys and indices reads back through splitPath', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(key, fc.nat({ max: 10_000 })), { maxLength: 10 }), (segments) => {
        expect(splitPath(issuePath(undefined, segments))).toEqual(segments);
      }),
    );
  });
});

describe('splitPath', () => {
  test.each([
    ['', []],
    ['email', ['email']],
    ['items[0].name', ['items', 0, 'name']],
    ['items[10]', ['items', 10]],
    ['[3].a', [3, 'a']],
    ['a.01', ['a', '01']],
    ['a.1a', ['a', '1a']],
    ['a.10', ['a', 10]],
    ['a.100', ['a', 100]],
    ['a[100]', ['a', 100]],
    ['/body/email', ['body', 'email']],
    ['/items/0/a~1b~0c', ['items', 0, 'a/b~c']],
  ] as const)('%s', (path, expected) => {
    expect(splitPath(path)).toEqual(expected);
  });
});

describe('ISSUE_CODES', () => {
  test('each code has a message that names no value (clients show them as they are)', () => {
    expect(ISSUE_CODES).toEqual({
      required: 'This field is required.',
      invalid_type: 'This field has the wrong type.',
      too_small: 'This value is too small or too short.',
      too_big: 'This value is too big or too long.',
      invalid_format: 'This value is not in the expected format.',
      invalid_value: 'This value is not one of the allowed values.',
      not_multiple_of: 'This number is not a multiple of the required step.',
      unknown_field: 'This field is not allowed.',
      not_unique: 'This value is already taken.',
      invalid: 'This value is invalid.',
    });
  });
});

describe('issue', () => {
  test("keeps the library's message, cut at 512 characters", () => {
    expect(issue('body.a', 'too_small', 'Too short')).toEqual({ path: 'body.a', code: 'too_small', message: 'Too short' });
    expect(issue('a', 'invalid', 'x'.repeat(600)).message).toBe('x'.repeat(512));
  });

  test.each([undefined, '', '   ', 42, null])('a message %j becomes the code default', (message) => {
    expect(issue('a', 'required', message)).toEqual({ path: 'a', code: 'required', message: ISSUE_CODES.required });
  });
});
