import fc from 'fast-check';
import { keywordCode, keywordProperty } from '../../src/errors/recognizers/json-schema-keywords';
import { lengthCode, quotesValue, safeIssue, splitFieldPath } from '../../src/errors/recognizers/validator-details';

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

describe('quotesValue and safeIssue', () => {
  it.each([
    ['abc is taken', 'abc', true],
    ['ab is taken', 'ab', false],
    ['must be 12345', 12345, true],
    ['must be 12345', 12345n, true],
    ['must be true', true, false],
    ['must be [object Object]', { toString: () => 'must' }, false],
  ])('%p quoting %p: %p', (message, value, expected) => {
    expect(quotesValue(message, value)).toBe(expected);
  });

  it('keeps a message that quotes none of the values, else the code\'s default', () => {
    expect(safeIssue('a', 'too_small', 'a is too short', 'x1y2', undefined)).toEqual({ path: 'a', code: 'too_small', message: 'a is too short' });
    expect(safeIssue('a', 'too_small', 'x1y2 is too short', undefined, 'x1y2')).toEqual({ path: 'a', code: 'too_small', message: 'This value is too small or too short.' });
    expect(safeIssue('a', 'required', 42)).toEqual({ path: 'a', code: 'required', message: 'This field is required.' });
  });

  it('lengthCode compares the value\'s length', () => {
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
