/** Which submitted values a message is searched for by {@link quotesValue}. */
export interface QuoteRule {
  /** Values printed shorter than this are not looked for. */
  readonly minLength: number;
  /** Whether `true` and `false` are looked for. */
  readonly booleans: boolean;
}

/**
 * True when `message` spells out `value`, a submitted primitive (a string, number or bigint, and
 * a boolean when `rule` says so), printed at least `rule.minLength` characters long. Objects are
 * never looked for: validators' own messages name a value's type, not its content, and an
 * object's `String()` could throw.
 */
export function quotesValue(message: string, value: unknown, rule: QuoteRule): boolean {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint' || (rule.booleans && typeof value === 'boolean')) text = String(value);
  else return false;
  return text.length >= rule.minLength && message.includes(text);
}
