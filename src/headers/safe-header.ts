/** Longest header value the library writes; longer values are dropped, not truncated. */
export const MAX_HEADER_VALUE_LENGTH = 4096;

// RFC 9110 §5.1 token; §5.5 forbids CR, LF and NUL in values. We also refuse the other controls
// and anything outside Latin-1, which Node's setHeader rejects with ERR_INVALID_CHAR.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const INVALID_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/** True when `name` is a valid header field name (an RFC 9110 token). */
export function isValidHeaderName(name: string): boolean {
  return name.length <= 256 && TOKEN.test(name);
}

/** True when `value` is an RFC 9110 §5.6.2 token (auth schemes, param names, protocol names). */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** True when `value` can be written as a header value without injection or a crash. */
export function isSafeHeaderValue(value: string, maxLength = MAX_HEADER_VALUE_LENGTH): boolean {
  return value.length <= maxLength && !INVALID_VALUE_CHAR.test(value);
}
