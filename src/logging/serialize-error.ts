// Names whose values are credentials; wherever they appear in an error (axios and fetch errors
// carry the request's headers, axios its `auth: { username, password }` too), their values never
// reach the log.
const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'password',
  'passwd',
  'secret',
  'client_secret',
  'token',
  'access_token',
  'refresh_token',
  'api_key',
  'apikey',
]);
const MAX_DEPTH = 6;
const MAX_KEYS = 50;
const MAX_STRING = 8192;
// Values written per serialization: an error carrying a socket or an HTTP agent stays one
// bounded log line, whatever its graph.
const MAX_NODES = 2000;
const SKIPPED_KEYS = new Set(['name', 'message', 'stack', 'cause', 'errors']);
const REDACTED = '[Redacted]';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface State {
  readonly seen: Set<object>;
  nodes: number;
}

function truncate(value: string): string {
  return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...[truncated]` : value;
}

const isSecretName = (value: unknown): boolean => typeof value === 'string' && SECRET_KEYS.has(value.toLowerCase());

function serialize(value: unknown, depth: number, state: State): Json {
  if (++state.nodes > MAX_NODES) return '[Truncated]';
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
  if (state.seen.has(object)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Object]';
  state.seen.add(object);
  try {
    return Array.isArray(object) ? serializeArray(object, depth, state) : serializeObject(object, depth, state);
  } finally {
    state.seen.delete(object);
  }
}

// `rawHeaders`-style lists alternate names and values: a value after a secret name is redacted.
function serializeArray(array: readonly unknown[], depth: number, state: State): Json[] {
  return array
    .slice(0, MAX_KEYS)
    .map((item, index) => (index > 0 && isSecretName(array[index - 1]) ? REDACTED : serialize(item, depth + 1, state)));
}

function serializeObject(object: object, depth: number, state: State): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const bag = object as Record<string, unknown>;
  if (object instanceof Error) {
    out.type = truncate(String(object.name));
    out.message = truncate(String(object.message));
    if (typeof object.stack === 'string') out.stack = truncate(object.stack);
    if ('cause' in object && object.cause !== undefined) out.cause = serialize(object.cause, depth + 1, state);
    if (Array.isArray(bag.errors)) out.errors = serialize(bag.errors, depth + 1, state);
    // http-errors keeps `status` on the prototype of its classes: read it, not only own keys.
    if (typeof bag.status === 'number') out.status = bag.status;
    if (typeof bag.code === 'string' || typeof bag.code === 'number') out.code = truncate(String(bag.code));
  }
  for (const key of Object.keys(object).slice(0, MAX_KEYS)) {
    if (object instanceof Error && SKIPPED_KEYS.has(key)) continue;
    // `_`-prefixed keys are internals; Node's ClientRequest keeps the raw request head, with its
    // Authorization line, in `_header`.
    if (key.startsWith('_')) continue;
    const item = bag[key];
    if (item === undefined) continue;
    out[key] = isSecretName(key) ? REDACTED : serialize(item, depth + 1, state);
  }
  return out;
}

/**
 * A log-safe, JSON-ready copy of anything thrown: name, message and stack of errors, their cause
 * chain and AggregateError members, own properties with credentials redacted (also in
 * `rawHeaders`-style lists; `_`-prefixed internals are left out), bounded in depth, width, total
 * size and string length, cycles marked. Never throws.
 *
 * @example
 * logger.error({ error: serializeError(err) }, 'upstream call failed');
 */
export function serializeError(value: unknown): Json {
  try {
    return serialize(value, 0, { seen: new Set(), nodes: 0 });
  } catch {
    return '[Unserializable]';
  }
}
