import fc from 'fast-check';
import { serializeItem, Token, type BareItem } from 'structured-headers';
import { parseIdempotencyKey } from '../../src/idempotency';

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 255,
});
const quote = (key: string): string => `"${key.replace(/[\\"]/g, '\\$&')}"`;

describe('parseIdempotencyKey', () => {
  test('any key of 1-255 printable ASCII characters round-trips through its Structured Field String form', () => {
    fc.assert(fc.property(printable, (key) => expect(parseIdempotencyKey(quote(key))).toEqual({ kind: 'key', key })));
  });

  test('a bare key is taken as it is unless it starts with a quote', () => {
    fc.assert(
      fc.property(
        printable.filter((key) => !key.startsWith('"') && key.trim() === key),
        (key) => expect(parseIdempotencyKey(key)).toEqual({ kind: 'key', key }),
      ),
    );
  });

  test('any other input is invalid, never a throw, and never a key outside the rules', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (value) => {
        const parsed = parseIdempotencyKey(value);
        if (parsed.kind === 'key') {
          expect(parsed.key.length).toBeGreaterThan(0);
          expect(parsed.key.length).toBeLessThanOrEqual(255);
          expect(parsed.key).toMatch(/^[\x20-\x7e]+$/);
        } else {
          expect(parsed.kind).toBe(value === '' ? 'invalid' : 'invalid');
        }
      }),
    );
  });

  // draft-ietf-httpapi-idempotency-key-header §2.1: the field is an sf-string (RFC 9651 §3.3.3),
  // which may carry parameters (RFC 9651 §3.1.2); they say nothing about the key and are ignored.
  const sfKey = fc.stringMatching(/^[a-z*][a-z0-9_.*-]{0,7}$/);
  const bareItem: fc.Arbitrary<BareItem> = fc.oneof(
    fc.integer({ min: -999_999, max: 999_999 }),
    fc.boolean(),
    printable.filter((value) => value.length <= 20),
    fc.stringMatching(/^[A-Za-z*][A-Za-z0-9!#$%&'*+.^_`|~:/-]{0,10}$/).map((value) => new Token(value)),
  );
  const parameters = fc.uniqueArray(fc.tuple(sfKey, bareItem), { selector: ([name]) => name, maxLength: 4 }).map((pairs) => new Map(pairs));

  test('any key serialized as an sf-string with parameters by structured-headers parses back to the key', () => {
    fc.assert(
      fc.property(printable, parameters, (key, params) => {
        expect(parseIdempotencyKey(serializeItem(key, params))).toEqual({ kind: 'key', key });
      }),
    );
  });

  test('an sf-string followed by anything the grammar does not allow is invalid', () => {
    fc.assert(
      fc.property(printable, parameters, fc.constantFrom(';', ' x', ', "b"', ';A=1', '=', '"', ';k=', ';k="'), (key, params, tail) => {
        expect(parseIdempotencyKey(serializeItem(key, params) + tail)).toEqual({ kind: 'invalid' });
      }),
    );
  });

  test.each([
    ['"abc";foo=1', { kind: 'key', key: 'abc' }],
    ['"abc";foo=1;bar;baz="x;y"', { kind: 'key', key: 'abc' }],
    ['"a\\"b\\\\c";v=?0', { kind: 'key', key: 'a"b\\c' }],
    ['"abc";', { kind: 'invalid' }],
    ['"abc";Foo=1', { kind: 'invalid' }],
    ['"abc";foo=', { kind: 'invalid' }],
    ['"abc" ;foo=1', { kind: 'invalid' }],
    ['"abc" x', { kind: 'invalid' }],
    ['"abc", "def"', { kind: 'invalid' }],
    ['"";foo=1', { kind: 'invalid' }],
    [`"${'k'.repeat(256)}";foo=1`, { kind: 'invalid' }],
    // Not quoted: a bare key, taken whole as before.
    ['abc;foo=1', { kind: 'key', key: 'abc;foo=1' }],
  ])('sf-string with parameters: %p is %p', (value, expected) => {
    expect(parseIdempotencyKey(value)).toEqual(expected);
  });

  test.each([
    [undefined, { kind: 'missing' }],
    [[], { kind: 'missing' }],
    [['a', 'b'], { kind: 'invalid' }],
    ['', { kind: 'invalid' }],
    ['""', { kind: 'invalid' }],
    ['"a\\"b\\\\c"', { kind: 'key', key: 'a"b\\c' }],
    ['"a\\nb"', { kind: 'invalid' }],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', { kind: 'key', key: '8e03978e-40d5-43e8-bc93-6894a57f9324' }],
    ['k'.repeat(255), { kind: 'key', key: 'k'.repeat(255) }],
    ['k'.repeat(256), { kind: 'invalid' }],
    ['tab\there', { kind: 'invalid' }],
  ])('%p is %p', (value, expected) => {
    expect(parseIdempotencyKey(value as string | string[] | undefined)).toEqual(expected);
  });
});
