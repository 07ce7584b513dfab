// RFC 9110 §5.6.2 token, §8.3.1 media-type = type "/" subtype parameters, §5.6.6 parameters with
// token or quoted-string values (§5.6.4). ASCII only: obs-text is obsolete, and a header value we
// write must never carry bytes a client might decode differently.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*"';
// The space after a `;` belongs to the parameter that follows, or else to the next `;`: one way
// to match each character, so a near miss fails in linear time (no backtracking blow-up).
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/(${TOKEN})(?:[ \\t]*;(?:[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED}))?)*[ \\t]*$`);

/** Longest media type accepted as a Content-Type. */
export const MAX_MEDIA_TYPE_LENGTH = 256;

/**
 * True for a media type a response can name as its Content-Type: `type/subtype` with optional
 * parameters (`application/vnd.api+json`, `text/plain; charset=utf-8`), not a range (`*\/*`), at
 * most {@link MAX_MEDIA_TYPE_LENGTH} characters.
 */
export function isValidMediaType(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_MEDIA_TYPE_LENGTH) return false;
  const match = MEDIA_TYPE.exec(value);
  return match !== null && match[1] !== '*' && match[2] !== '*';
}
