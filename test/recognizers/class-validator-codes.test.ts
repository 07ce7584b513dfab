import { toApiError } from '../../src';

// Every constraint name class-validator 0.15 reports (its `ValidationTypes` and the `IS_*`
// constants of its decorators), by the issue code each maps to. Synthetic errors of the shape
// `validateOrReject()` rejects with, so each name is pinned without one decorator per test.
const FORMAT = [
  'matches',
  'contains',
  'notContains',
  'isEmail',
  'isUrl',
  'isUuid',
  'isFqdn',
  'isIp',
  'isPort',
  'isMacAddress',
  'isDateString',
  'isISO8601',
  'isRFC3339',
  'isMilitaryTime',
  'isTimeZone',
  'isNumberString',
  'isBooleanString',
  'isDecimal',
  'isHexadecimal',
  'isOctal',
  'isAlpha',
  'isAlphanumeric',
  'isAscii',
  'isLowercase',
  'isUppercase',
  'isJson',
  'isJwt',
  'isBase32',
  'isBase58',
  'isBase64',
  'isDataURI',
  'isMagnetURI',
  'isMimeType',
  'isMongoId',
  'isHash',
  'isSemVer',
  'isLocale',
  'isCurrency',
  'isCreditCard',
  'isIBAN',
  'isBIC',
  'isISIN',
  'isIsin',
  'isIsbn',
  'isISSN',
  'isISRC',
  'isEAN',
  'isTaxId',
  'isPassportNumber',
  'isIdentityCard',
  'isPhoneNumber',
  'isMobilePhone',
  'isPostalCode',
  'isLatLong',
  'isLatitude',
  'isLongitude',
  'isHexColor',
  'isRgbColor',
  'isHSL',
  'isBtcAddress',
  'isEthereumAddress',
  'IsFirebasePushId',
  'isStrongPassword',
  'isSurrogatePair',
  'isVariableWidth',
  'isFullWidth',
  'isHalfWidth',
  'isMultibyte',
  'isISO31661Alpha2',
  'isISO31661Alpha3',
  'isISO4217CurrencyCode',
];

const CODES: Record<string, string> = {
  isDefined: 'required',
  isNotEmpty: 'required',
  isNotEmptyObject: 'required',
  isString: 'invalid_type',
  isNumber: 'invalid_type',
  isInt: 'invalid_type',
  isBoolean: 'invalid_type',
  isArray: 'invalid_type',
  isObject: 'invalid_type',
  isDate: 'invalid_type',
  isInstance: 'invalid_type',
  nestedValidation: 'invalid_type',
  min: 'too_small',
  minLength: 'too_small',
  minDate: 'too_small',
  isPositive: 'too_small',
  arrayMinSize: 'too_small',
  arrayNotEmpty: 'too_small',
  max: 'too_big',
  maxLength: 'too_big',
  maxDate: 'too_big',
  isNegative: 'too_big',
  arrayMaxSize: 'too_big',
  equals: 'invalid_value',
  notEquals: 'invalid_value',
  isIn: 'invalid_value',
  isNotIn: 'invalid_value',
  isEnum: 'invalid_value',
  arrayContains: 'invalid_value',
  arrayNotContains: 'invalid_value',
  isDivisibleBy: 'not_multiple_of',
  whitelistValidation: 'unknown_field',
  ...Object.fromEntries(FORMAT.map((name) => [name, 'invalid_format'])),
  // Not class-validator's, or inherited from Object.prototype: no code of their own.
  customRule: 'invalid',
  toString: 'invalid',
  isLength: 'invalid',
};

function detailsOf(elements: unknown[]): unknown {
  return toApiError(elements).details;
}

describe('class-validator constraint names', () => {
  it.each(Object.entries(CODES))('%s is %s', (constraint, code) => {
    expect(detailsOf([{ property: 'field', constraints: { [constraint]: 'field failed' } }])).toEqual([
      { path: 'field', code, message: 'field failed' },
    ]);
  });

  it('@Length tells its bound by its default message only', () => {
    expect(detailsOf([{ property: 'a', constraints: { isLength: 'a must be longer than or equal to 3 characters' } }])).toEqual([
      { path: 'a', code: 'too_small', message: 'a must be longer than or equal to 3 characters' },
    ]);
    expect(detailsOf([{ property: 'a', constraints: { isLength: 'a must be shorter than or equal to 5 characters' } }])).toEqual([
      { path: 'a', code: 'too_big', message: 'a must be shorter than or equal to 5 characters' },
    ]);
    expect(detailsOf([{ property: 'a', constraints: { isLength: 7 } }])).toEqual([
      { path: 'a', code: 'invalid', message: 'This value is invalid.' },
    ]);
  });
});

describe('class-validator element shapes', () => {
  it('an element with children only is recognised; its children carry the path', () => {
    expect(
      detailsOf([{ property: 'address', children: [{ property: 'city', constraints: { isString: 'city must be a string' } }] }]),
    ).toEqual([{ path: 'address.city', code: 'invalid_type', message: 'city must be a string' }]);
  });

  it('an array child is named by its index only when its target is an array', () => {
    const child = { property: '1', constraints: { min: 'qty must not be less than 1' } };
    expect(detailsOf([{ property: 'items', children: [{ ...child, target: [{}, {}] }] }])).toEqual([
      { path: 'items[1]', code: 'too_small', message: 'qty must not be less than 1' },
    ]);
    expect(detailsOf([{ property: 'items', children: [{ ...child, target: { 1: 'x' } }] }])).toEqual([
      { path: 'items["1"]', code: 'too_small', message: 'qty must not be less than 1' },
    ]);
    expect(detailsOf([{ property: 'items', children: [{ ...child, property: '01', target: [] }] }])).toEqual([
      { path: 'items["01"]', code: 'too_small', message: 'qty must not be less than 1' },
    ]);
    expect(detailsOf([{ property: 'items', children: [{ ...child, property: '0', target: [] }] }])).toEqual([
      { path: 'items[0]', code: 'too_small', message: 'qty must not be less than 1' },
    ]);
  });

  it('children that are not elements are skipped, the others kept', () => {
    expect(detailsOf([{ property: 'a', children: ['x', { property: 'b', constraints: { isInt: 'b must be an integer' } }] }])).toEqual([
      { path: 'a.b', code: 'invalid_type', message: 'b must be an integer' },
    ]);
  });

  it('a detail at depth 32 is kept, one at depth 33 is not', () => {
    const nest = (levels: number): Record<string, unknown> => {
      let node: Record<string, unknown> = { property: 'leaf', constraints: { isDefined: 'leaf is required' } };
      for (let i = 1; i < levels; i += 1) node = { property: 'n', children: [node] };
      return node;
    };
    expect(detailsOf([nest(32)])).toEqual([{ path: `${'n.'.repeat(31)}leaf`, code: 'required', message: 'leaf is required' }]);
    expect(detailsOf([nest(33)])).toEqual([]);
  });

  it('details stop at exactly 100, also inside one element and across children', () => {
    const constraints = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`rule${i}`, `rule ${i} failed`]));
    const one = detailsOf([{ property: 'a', constraints }]) as unknown[];
    expect(one).toHaveLength(100);
    expect(one[99]).toEqual({ path: 'a', code: 'invalid', message: 'rule 99 failed' });
    const children = Array.from({ length: 150 }, (_, i) => ({ property: `c${i}`, constraints: { isDefined: 'required' } }));
    const nested = detailsOf([{ property: 'p', children }]) as unknown[];
    expect(nested).toHaveLength(100);
    expect(nested[99]).toEqual({ path: 'p.c99', code: 'required', message: 'required' });
  });

  it('a message quoting the value is replaced, the value never kept', () => {
    expect(detailsOf([{ property: 'name', value: 'taken-name', constraints: { isUnique: 'taken-name is taken' } }])).toEqual([
      { path: 'name', code: 'invalid', message: 'This value is invalid.' },
    ]);
  });
});
