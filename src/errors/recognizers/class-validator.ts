import type { ApiError } from '../api-error';
import type { ValidationIssue } from '../validation-error';
import { issuePath, validationFailure, type IssueCode } from './issues';
import { isBag, type Bag } from './recognizer';
import { MAX_DETAILS, safeIssue } from './validator-details';

// class-validator's constraint names (its `ValidationTypes` and decorator constants) by the
// kind of failure; the string-format checks are listed in FORMAT_CONSTRAINTS.
const CONSTRAINT_CODES: Readonly<Record<string, IssueCode>> = {
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
};

const FORMAT_CONSTRAINTS: ReadonlySet<string> = new Set([
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
]);

const MAX_DEPTH = 32;

function codeOf(constraint: string, message: unknown): IssueCode {
  const known = Object.prototype.hasOwnProperty.call(CONSTRAINT_CODES, constraint) ? CONSTRAINT_CODES[constraint] : undefined;
  if (known !== undefined) return known;
  if (FORMAT_CONSTRAINTS.has(constraint)) return 'invalid_format';
  // `@Length(min, max)` is one constraint for both bounds; its default messages tell which failed.
  if (constraint === 'isLength' && typeof message === 'string') {
    if (message.includes('longer than or equal to')) return 'too_small';
    if (message.includes('shorter than or equal to')) return 'too_big';
  }
  return 'invalid';
}

function isElement(value: unknown): value is Bag {
  return isBag(value) && typeof value.property === 'string' && (isBag(value.constraints) || Array.isArray(value.children));
}

// A child of an array property is named by its index ("1") and has the array as its target.
function segmentOf(element: Bag): string | number {
  const property = element.property as string;
  return Array.isArray(element.target) && /^(0|[1-9]\d*)$/.test(property) ? Number(property) : property;
}

function collect(elements: readonly unknown[], parent: readonly (string | number)[], details: ValidationIssue[]): void {
  for (const element of elements) {
    if (details.length >= MAX_DETAILS || !isElement(element)) continue;
    const segments = [...parent, segmentOf(element)];
    const path = issuePath(undefined, segments);
    if (isBag(element.constraints)) {
      for (const [constraint, message] of Object.entries(element.constraints)) {
        details.push(safeIssue(path, codeOf(constraint, message), message, element.value));
      }
    }
    if (Array.isArray(element.children) && segments.length < MAX_DEPTH) collect(element.children, segments, details);
  }
}

/**
 * What class-validator's `validateOrReject()` rejects with: an array of its `ValidationError`s
 * (`property`, `constraints`, nested `children`). One detail per failed constraint, nested paths
 * as `address.city` and `items[1].qty`. Each `value` and `target` hold what was sent: neither is
 * kept.
 */
export function recognizeClassValidator(error: unknown): ApiError | undefined {
  if (!Array.isArray(error) || error.length === 0 || !error.every(isElement)) return undefined;
  const details: ValidationIssue[] = [];
  collect(error, [], details);
  return validationFailure('class-validator', details);
}
