// Header names whose values are credentials; wherever they appear in an error (axios and fetch
// errors carry the request's headers), their values never reach the log.
const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
]);
const MAX_DEPTH = 6;
const MAX_KEYS = 50;
const MAX_STRING = 8192;
const SKIPPED_KEYS = new Set(['name', 'message', 'stack', 'cause', 'errors']);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function truncate(value: string): string {
  return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...[truncated]` : value;
}

function serialize(value: unknown, depth: number, seen: Set<object>): Json {
  switch (typeof value) {
    case 'string':
      return truncate(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
    case 'undefined':
      return null;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Object]';
  seen.add(object);
  try {
    return Array.isArray(object)
      ? object.slice(0, MAX_KEYS).map((item) => serialize(item, depth + 1, seen))
      : serializeObject(object, depth, seen);
  } finally {
    seen.delete(object);
  }
}

function serializeObject(object: object, depth: number, seen: Set<object>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const bag = object as Record<string, unknown>;
  if (object instanceof Error) {
    out.type = truncate(String(object.name));
    out.message = truncate(String(object.message));
    if (typeof object.stack === 'string') out.stack = truncate(object.stack);
    if ('cause' in object && object.cause !== undefined) out.cause = serialize(object.cause, depth + 1, seen);
    if (Array.isArray(bag.errors)) out.errors = serialize(bag.errors, depth + 1, seen);
  }
  for (const key of Object.keys(object).slice(0, MAX_KEYS)) {
    if (object instanceof Error && SKIPPED_KEYS.has(key)) continue;
    const item = bag[key];
    if (item === undefined) continue;
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? '[Redacted]' : serialize(item, depth + 1, seen);
  }
  return out;
}

/**
 * A log-safe, JSON-ready copy of anything thrown: name, message and stack of errors, their cause
 * chain and AggregateError members, own properties with credentials redacted, bounded in depth,
 * width and string length, cycles marked. Never throws.
 */
export function serializeError(value: unknown): Json {
  try {
    return serialize(value, 0, new Set());
  } catch {
    return '[Unserializable]';
  }
}
