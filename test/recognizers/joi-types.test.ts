import { toApiError } from '../../src';
import { pastTheCap } from '../helpers/past-the-cap';

// joi's error types, pinned one by one on synthetic `ValidationError`s (`isJoi`, `details[]`):
// the type names come from joi 18's `lib/types/*.js` message tables.
function detailOf(type: string, message = 'joi says no', context: Record<string, unknown> = {}): unknown {
  return toApiError({ isJoi: true, details: [{ path: ['a'], type, message, context }] }).details;
}

const FORMATS = [
  'alphanum',
  'creditCard',
  'dataUri',
  'domain',
  'email',
  'guid',
  'hex',
  'hexAlign',
  'hostname',
  'ip',
  'ipVersion',
  'isoDuration',
  'lowercase',
  'normalize',
  'token',
  'trim',
  'uppercase',
  'uri',
  'uriCustomScheme',
  'uriRelativeOnly',
];

const TYPES: [string, string][] = [
  ['any.required', 'required'],
  ['string.empty', 'required'],
  ['any.only', 'invalid_value'],
  ['any.invalid', 'invalid_value'],
  ['symbol.map', 'invalid_value'],
  ['any.unknown', 'unknown_field'],
  ['object.unknown', 'unknown_field'],
  ['number.integer', 'invalid_type'],
  ['number.multiple', 'not_multiple_of'],
  ['number.greater', 'too_small'],
  ['number.positive', 'too_small'],
  ['date.greater', 'too_small'],
  ['number.less', 'too_big'],
  ['number.negative', 'too_big'],
  ['date.less', 'too_big'],
  ['array.orderedLength', 'too_big'],
  ['date.format', 'invalid_format'],
  ['string.isoDate', 'invalid_format'],
  ...FORMATS.map((name): [string, string] => [`string.${name}`, 'invalid_format']),
  // The suffix rules, anchored at the end.
  ['boolean.base', 'invalid_type'],
  ['string.min', 'too_small'],
  ['array.max', 'too_big'],
  ['x.basex', 'invalid'],
  ['x.minx', 'invalid'],
  ['x.maxx', 'invalid'],
  // FORMAT_TYPE is anchored at both ends; inherited names are not types.
  ['string.emailx', 'invalid'],
  ['xstring.email', 'invalid'],
  ['number.email', 'invalid'],
  ['toString', 'invalid'],
  ['', 'invalid'],
];

describe('joi type names', () => {
  it.each(TYPES)("%s is %s, joi's message kept", (type, code) => {
    expect(detailOf(type)).toEqual([{ path: 'a', code, message: 'joi says no' }]);
  });

  it('string.length and array.length compare the value with the limit; other lengths are "invalid"', () => {
    expect(detailOf('string.length', 'm', { value: 'ab', limit: 3 })).toEqual([{ path: 'a', code: 'too_small', message: 'm' }]);
    expect(detailOf('array.length', 'm', { value: [1, 2, 3, 4], limit: 3 })).toEqual([{ path: 'a', code: 'too_big', message: 'm' }]);
    expect(detailOf('object.length', 'm', { value: {}, limit: 1 })).toEqual([{ path: 'a', code: 'invalid', message: 'm' }]);
    expect(detailOf('x.lengthx', 'm', { value: 'ab', limit: 3 })).toEqual([{ path: 'a', code: 'invalid', message: 'm' }]);
  });

  it('string.pattern.* and any.custom messages are always replaced', () => {
    expect(detailOf('string.pattern.base', '"a" with value "x" fails to match')).toEqual([
      { path: 'a', code: 'invalid_format', message: 'This value is not in the expected format.' },
    ]);
    expect(detailOf('string.pattern.name', 'm')).toEqual([
      { path: 'a', code: 'invalid_format', message: 'This value is not in the expected format.' },
    ]);
    expect(detailOf('string.pattern.invert.base', 'm')).toEqual([
      { path: 'a', code: 'invalid_format', message: 'This value is not in the expected format.' },
    ]);
    expect(detailOf('any.custom', 'failed for tenant 42')).toEqual([{ path: 'a', code: 'invalid', message: 'This value is invalid.' }]);
    // Only those: a type that merely contains the names keeps joi's message.
    expect(detailOf('any.customs', 'm')).toEqual([{ path: 'a', code: 'invalid', message: 'm' }]);
    expect(detailOf('xstring.pattern.name', 'm')).toEqual([{ path: 'a', code: 'invalid', message: 'm' }]);
  });

  it('any other message quoting context.value is replaced', () => {
    expect(detailOf('string.min', 'short-secret is short', { value: 'short-secret' })).toEqual([
      { path: 'a', code: 'too_small', message: 'This value is too small or too short.' },
    ]);
  });

  it('a location prefixes the path (celebrate)', () => {
    const details = [{ path: ['items', 0, 'id'], type: 'any.required', message: '"id" is required' }];
    expect(toApiError({ isJoi: true, details }).details).toEqual([{ path: 'items[0].id', code: 'required', message: '"id" is required' }]);
  });

  it('details stop at 100, the first ones kept, and the entries past them are never read', () => {
    const details: object[] = Array.from({ length: 150 }, (_, i) => ({
      path: [`f${i}`],
      type: 'any.required',
      message: `"f${i}" is required`,
    }));
    details[100] = pastTheCap('path');
    const issues = toApiError({ isJoi: true, details }).details as unknown[];
    expect(issues).toHaveLength(100);
    expect(issues[99]).toEqual({ path: 'f99', code: 'required', message: '"f99" is required' });
  });

  it('a context that is not an object is ignored', () => {
    expect(toApiError({ isJoi: true, details: [{ path: ['a'], type: 'string.length', message: 'm', context: 'ab' }] }).details).toEqual([
      { path: 'a', code: 'invalid', message: 'm' },
    ]);
  });
});
