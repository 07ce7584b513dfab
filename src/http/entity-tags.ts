/** One entity tag (RFC 9110 §8.8.3): its opaque quoted value and whether it is weak (`W/`). */
export interface EntityTag {
  readonly weak: boolean;
  /** The opaque-tag without `W/`, quotes included: `"abc"`. */
  readonly opaque: string;
}

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text (commas included).
const ENTITY_TAG = /(W\/)?("[\x21\x23-\x7e\x80-\xff]*")/y;
const MAX_LIST_LENGTH = 8192;

function isListSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** Parses one entity tag such as `W/"abc"`; `undefined` when malformed. */
export function parseEntityTag(value: string): EntityTag | undefined {
  const list = parseEntityTagList(value);
  return list !== undefined && list !== '*' && list.length === 1 ? list[0] : undefined;
}

/**
 * Parses an `If-Match` / `If-None-Match` value: `'*'`, or the list of entity tags; `undefined`
 * when any member is malformed (an unquoted tag is the usual mistake).
 */
export function parseEntityTagList(value: string): '*' | EntityTag[] | undefined {
  const text = value.trim();
  if (text === '*') return '*';
  if (text.length > MAX_LIST_LENGTH) return undefined;
  const tags: EntityTag[] = [];
  let i = 0;
  for (;;) {
    // Empty list members (`"a", , "b"`) are allowed by RFC 9110 §5.6.1.
    while (isListSpace(text[i]) || text[i] === ',') i++;
    if (i >= text.length) break;
    ENTITY_TAG.lastIndex = i;
    const match = ENTITY_TAG.exec(text);
    if (match === null) return undefined;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] as string });
    i = ENTITY_TAG.lastIndex;
    while (isListSpace(text[i])) i++;
    if (i < text.length && text[i] !== ',') return undefined;
  }
  return tags.length === 0 ? undefined : tags;
}

/**
 * Compares two entity tags (RFC 9110 §8.8.3.2): `strong` matches only two strong tags with the
 * same opaque value (what `If-Match` uses); `weak` matches equal opaque values whether or not
 * either is weak (what `If-None-Match` uses).
 *
 * @example
 * entityTagsMatch('W/"1"', '"1"', 'weak');   // true
 * entityTagsMatch('W/"1"', '"1"', 'strong'); // false
 */
export function entityTagsMatch(a: string | EntityTag, b: string | EntityTag, comparison: 'strong' | 'weak'): boolean {
  const left = typeof a === 'string' ? parseEntityTag(a) : a;
  const right = typeof b === 'string' ? parseEntityTag(b) : b;
  if (left === undefined || right === undefined || left.opaque !== right.opaque) return false;
  return comparison === 'weak' || (!left.weak && !right.weak);
}
