import fc from 'fast-check';
import { parseIdempotencyKey } from '../../src';

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 255 });
const quote = (key: string): string => `"${key.replace(/[\\"]/g, '\\$&')}"`;

describe('parseIdempotencyKey', () => {
  test('any key of 1-255 printable ASCII characters round-trips through its Structured Field String form', () => {
    fc.assert(fc.property(printable, (key) => expect(parseIdempotencyKey(quote(key))).toEqual({ kind: 'key', key })));
  });

  test('a bare key is taken as it is unless it starts with a quote', () => {
    fc.assert(
      fc.property(printable.filter((key) => !key.startsWith('"') && key.trim() === key), (key) =>
        expect(parseIdempotencyKey(key)).toEqual({ kind: 'key', key }),
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
