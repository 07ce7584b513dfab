import { MAX_HEADER_VALUE_LENGTH } from '../headers/safe-header';

// A URI reference (RFC 3986) as it appears on the wire: visible ASCII, no space. `#` is refused
// separately: 201's Location names the resource itself, never a fragment of it.
const URI_REFERENCE = /^[\x21-\x7e]+$/;

/**
 * Checks a `Location` value for 201/202 and returns it: one URI reference (RFC 9110 §10.2.2),
 * visible ASCII only (no CR, LF, NUL or space: encode path segments with `encodeURIComponent`),
 * no fragment, at most 4096 characters. Throws a `TypeError` otherwise: a bad Location is a bug in
 * the handler, answered as a 500 by `errorHandler` rather than written into a header.
 *
 * @example
 * assertLocation(`/users/${encodeURIComponent(id)}`);
 */
export function assertLocation(location: string): string {
  if (typeof location !== 'string' || location.length === 0 || location.length > MAX_HEADER_VALUE_LENGTH) {
    throw new TypeError('Location must be a non-empty string of at most 4096 characters');
  }
  if (!URI_REFERENCE.test(location)) {
    throw new TypeError('Location must be a URI reference of visible ASCII characters (no CR, LF, NUL or space)');
  }
  if (location.includes('#')) throw new TypeError('Location of a created resource must not have a fragment');
  return location;
}
