import fc from 'fast-check';
import { keywordCode, keywordProperty } from '../../src/errors/recognizers/json-schema-keywords';
import { quotesValue } from '../../src/errors/recognizers/quoted-value';
import { quotes } from '../../src/errors/recognizers/schema-issue';
import { lengthCode, safeIssue, splitFieldPath } from '../../src/errors/recognizers/validator-details';

describe('splitFieldPath (yup and express-validator paths)', () => {
  it.each([
    ['', []],
    ['email', ['email']],
    ['items[0].name', ['items', 0, 'name']],
    ['a.b.c', ['a', 'b', 'c']],
    ['meta["first name"]', ['meta', 'first name']],
    ["meta['first name']", ['meta', 'first name']],
    ['m["say \\"hi\\""]', ['m', 'say "hi"']],
    ['[3]', [3]],
  ])('%p', (path, segments) => {
    expect(splitFieldPath(path)).toEqual(segments);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (path) => Array.isArray(splitFieldPath(path))));
  });
});

describe('quotesValue, safeIssue and quotes', () => {
  // safeIssue keeps a validator's message unless it quotes a value of 3 characters or more
  // (booleans are not looked for); quotes, for schema validators, looks for any non-empty primitive.
  it.each([
    ['abc is taken', 'abc', true, true],
    ['ab is taken', 'ab', false, true],
    ['must be 12345', 12345, true, true],
    ['must be 12345', 12345n, true, true],
    ['must be 12', 12, false, true],
    ['is x', 'x', false, true],
    ['must be true', true, false, true],
    ['must be true', false, false, false],
    ['must be a string', '', false, false],
    ['must be [object Object]', { toString: () => 'must' }, false, false],
    ['must be null', null, false, false],
    ['must be undefined', undefined, false, false],
  ])('%p quoting %p: validator %p, schema %p', (message, value, byValidator, bySchema) => {
    const detail = safeIssue('a', 'invalid', message, value);
    expect(detail.message).toBe(byValidator ? 'This value is invalid.' : message);
    expect(quotes(message, value)).toBe(bySchema);
  });

  it('quotesValue follows its rule: the minimum length counts the printed value, booleans only when asked', () => {
    const rule = { minLength: 4, booleans: true };
    expect(quotesValue('is 1234', 1234, rule)).toBe(true);
    expect(quotesValue('is 123', 123, rule)).toBe(false);
    expect(quotesValue('is abcd', 'abcd', rule)).toBe(true);
    expect(quotesValue('is abc', 'abc', rule)).toBe(false);
    expect(quotesValue('is false', false, rule)).toBe(true);
    expect(quotesValue('is true', true, rule)).toBe(true);
    expect(quotesValue('is true', true, { minLength: 4, booleans: false })).toBe(false);
    expect(quotesValue('is 10000000000000000000', 10n ** 19n, rule)).toBe(true);
    expect(quotesValue('is abcd', 'abce', rule)).toBe(false);
  });

  it("keeps a message that quotes none of the values, else the code's default", () => {
    expect(safeIssue('a', 'too_small', 'a is too short', 'x1y2', undefined)).toEqual({
      path: 'a',
      code: 'too_small',
      message: 'a is too short',
    });
    expect(safeIssue('a', 'too_small', 'x1y2 is too short', undefined, 'x1y2')).toEqual({
      path: 'a',
      code: 'too_small',
      message: 'This value is too small or too short.',
    });
    expect(safeIssue('a', 'required', 42)).toEqual({ path: 'a', code: 'required', message: 'This field is required.' });
  });

  it("lengthCode compares the value's length", () => {
    expect(lengthCode('ab', 3)).toBe('too_small');
    expect(lengthCode([1, 2, 3, 4], 3)).toBe('too_big');
    expect(lengthCode('abc', '3')).toBe('invalid');
    expect(lengthCode(5, 3)).toBe('invalid');
  });
});

describe('JSON Schema keywords', () => {
  it('unknown and inherited names are "invalid"', () => {
    expect(keywordCode('oneOf')).toBe('invalid');
    expect(keywordCode('toString')).toBe('invalid');
    expect(keywordCode(undefined)).toBe('invalid');
    expect(keywordCode('exclusiveMinimum')).toBe('too_small');
    expect(keywordCode('maxContains')).toBe('too_big');
    expect(keywordCode('dependentRequired')).toBe('required');
  });

  it('keywordProperty reads the property of required and unknown-property errors only', () => {
    expect(keywordProperty({ missingProperty: 'a' })).toBe('a');
    expect(keywordProperty({ additionalProperty: 'b' })).toBe('b');
    expect(keywordProperty({ unevaluatedProperty: 'c' })).toBe('c');
    expect(keywordProperty({ limit: 3 })).toBeUndefined();
    expect(keywordProperty({ missingProperty: 3 })).toBeUndefined();
    expect(keywordProperty(null)).toBeUndefined();
    expect(keywordProperty('a')).toBeUndefined();
  });
});
