// The helpers every schema recogniser (zod, valibot, arktype, Standard Schema) shares, on their own.
import { MAX_DETAILS } from '../../src/errors/recognizers/issues';
import { hasOwn, pathSegments, pushDetail, quotes, unanimous } from '../../src/errors/recognizers/schema-issue';
import type { ValidationIssue } from '../../src/errors/validation-error';

describe('pathSegments()', () => {
  test('a path of keys and indices is read as it is, without a copy', () => {
    const path = ['items', 0, 'sku'];
    expect(pathSegments(path)).toBe(path);
  });

  test('anything but an array is no path', () => {
    expect([pathSegments(undefined), pathSegments('a.b'), pathSegments({ 0: 'a', length: 1 })]).toEqual([[], [], []]);
  });

  test('{ key } segments become their key; symbols their description; anything else `?`', () => {
    const object = { toString: () => 'sk_live_secret' };
    expect(pathSegments([{ key: 'user' }, { key: 2 }, Symbol('tag'), Symbol(), object, ['nested'], { key: object }, null, 1.5])).toEqual([
      'user',
      2,
      'tag',
      'Symbol()',
      '?',
      '?',
      '?',
      '?',
      1.5,
    ]);
  });

  test('a path longer than 32 segments is cut at 32, plain or not', () => {
    const plain = Array.from({ length: 40 }, (_, index) => index);
    expect(pathSegments(plain)).toEqual(plain.slice(0, 32));
    expect(pathSegments([{ key: 'a' }, ...plain])).toEqual(['a', ...plain.slice(0, 31)]);
    expect(pathSegments(plain.slice(0, 32))).toEqual(plain.slice(0, 32));
  });
});

describe('pushDetail()', () => {
  test('one location-qualified detail, the code’s message when none is given', () => {
    const out: ValidationIssue[] = [];
    pushDetail(out, 'body', ['items', 0, 'sku'], 'required', 'SKU is required');
    pushDetail(out, undefined, ['page'], 'invalid_type');
    pushDetail(out, 'query', [], 'invalid_type', '  ');
    expect(out).toEqual([
      { path: 'body.items[0].sku', code: 'required', message: 'SKU is required' },
      { path: 'page', code: 'invalid_type', message: expect.any(String) },
      { path: 'query', code: 'invalid_type', message: out[1]?.message },
    ]);
    expect(out[1]?.message).not.toBe('');
  });

  test(`stops at ${MAX_DETAILS} details`, () => {
    const out: ValidationIssue[] = [];
    for (let index = 0; index < MAX_DETAILS + 5; index++) pushDetail(out, 'body', [index], 'required');
    expect(out).toHaveLength(MAX_DETAILS);
    expect(out.at(-1)?.path).toBe(`body[${MAX_DETAILS - 1}]`);
  });
});

describe('quotes()', () => {
  test('any non-empty primitive the message spells out, booleans included; objects and empty strings never', () => {
    expect(quotes('Expected string, received "hunter2"', 'hunter2')).toBe(true);
    expect(quotes('Number must be less than 10, got 42', 42)).toBe(true);
    expect(quotes('Expected false to be true', false)).toBe(true);
    expect(quotes('Expected string, received number', 42)).toBe(false);
    expect(quotes('Required', '')).toBe(false);
    expect(quotes('Expected [object Object]', {})).toBe(false);
  });
});

describe('unanimous()', () => {
  test('the one code every entry has, else undefined', () => {
    expect(unanimous(['required', 'required'])).toBe('required');
    expect(unanimous(['required'])).toBe('required');
    expect(unanimous(['required', 'invalid_type'])).toBeUndefined();
    expect(unanimous(['required', undefined])).toBeUndefined();
    expect(unanimous([undefined, 'required'])).toBeUndefined();
    expect(unanimous([])).toBeUndefined();
  });
});

describe('hasOwn()', () => {
  test('own properties only, not inherited ones', () => {
    const inherited = Object.create({ input: 'secret' }) as object;
    expect([hasOwn({ input: undefined }, 'input'), hasOwn(inherited, 'input'), hasOwn({}, 'input')]).toEqual([true, false, false]);
  });
});
