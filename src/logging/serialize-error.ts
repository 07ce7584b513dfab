import { isSafeHeaderValue, isValidHeaderName } from '../headers/safe-header';
import { readDatabaseFailure, type DatabaseFailure } from './database-failure';
import { readHttpClientFailure, type HttpClientFailure } from './http-client-failure';
import { redactUrls, redactUserinfo } from './safe-url';

// Names whose values are credentials; wherever they appear in an error (fetch errors carry the
// request's headers, axios its `auth: { username, password }` too), their values never reach
// the log. Exact names first, then patterns over the name lower-cased without `-`, `_`, `.`.
const SECRET_KEYS = new Set(['pass', 'pwd', 'otp', 'jwt', 'dsn', 'sessionid', 'connect.sid']);
// Anywhere in the name: `password_hash`, `client_secret`, `aws_credentials`, `set-cookie`...
const SECRET_PARTS = /password|passwd|passphrase|secret|credential|authorization|cookie|apikey|privatekey|connectionstring/;
// At the end: every `*-token` / `*_token` / `*Token` (`x-amz-security-token`, `private-token`,
// `x-csrf-token`, `accessToken`) and keys named for what they unlock (`access_key`, `signingKey`).
// Not `tokenType`, `maxTokens`, `keyword`, `primaryKey`, `cacheKey`: those say nothing secret.
const SECRET_SUFFIX =
  /token$|signature$|(?:api|access|secret|private|signing|encryption|master|auth|client|license|subscription|session)key$/;

/**
 * True when a property or header named `name` holds a credential, so its value is not logged:
 * `authorization`, `cookie`, names containing `password`, `secret`, `credential`, `apikey`, names
 * ending in `token` or `signature`, header names ending in `-key` (`x-goog-api-key`), and keys
 * named for what they unlock (`access_key`, `privateKey`). Case-insensitive.
 */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_KEYS.has(lower) || lower.endsWith('-key')) return true;
  const compact = lower.replace(/[-_.\s]/g, '');
  return SECRET_PARTS.test(compact) || SECRET_SUFFIX.test(compact);
}
const MAX_DEPTH = 6;
const MAX_KEYS = 50;
const MAX_STRING = 8192;
// Values written per serialization: an error carrying a socket or an HTTP agent stays one
// bounded log line, whatever its graph.
const MAX_NODES = 2000;
const SKIPPED_KEYS = new Set(['name', 'message', 'stack', 'cause', 'errors']);
const REDACTED = '[Redacted]';
// A header value the error handler would refuse to write (CR, LF, controls, too long) is not
// logged either: it may be the injection attempt itself.
const DROPPED = '[Dropped]';
// The keys of a client error's summary, after type, message and stack.
const SUMMARY_FIELDS = ['client', 'method', 'url', 'status', 'code'] as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface State {
  readonly seen: Set<object>;
  nodes: number;
}

function truncate(value: string): string {
  const text = redactUserinfo(value);
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}...[truncated]` : text;
}

const isSecretKey = (value: unknown): boolean => typeof value === 'string' && isSecretName(value);

// Errors from another realm (Node's own, seen from a vm context) fail `instanceof Error`.
const isError = (value: object): value is Error => value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';

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
    if (Array.isArray(object)) return serializeArray(object, depth, state);
    if (isError(object)) {
      const failure = readHttpClientFailure(object);
      if (failure !== undefined) return summarizeClientError(object, failure, depth, state);
      const database = readDatabaseFailure(object);
      if (database !== undefined) return summarizeDatabaseError(object, database, depth, state);
    }
    return serializeObject(object, depth, state);
  } finally {
    state.seen.delete(object);
  }
}

// `rawHeaders`-style lists alternate names and values: a value after a secret name is redacted.
function serializeArray(array: readonly unknown[], depth: number, state: State): Json[] {
  return array
    .slice(0, MAX_KEYS)
    .map((item, index) => (index > 0 && isSecretKey(array[index - 1]) ? REDACTED : serialize(item, depth + 1, state)));
}

/**
 * An HTTP client's error as logged: what the call was and how it ended, never the config,
 * headers, bodies or query string it holds. Its message and stack name the URL (got, ky, ofetch
 * put it there, query included): URLs in them keep origin and path only.
 */
function summarizeClientError(error: Error, failure: HttpClientFailure, depth: number, state: State): { [key: string]: Json } {
  const out: { [key: string]: Json } = {
    type: truncate(String(error.name)),
    message: truncate(redactUrls(String(error.message))),
  };
  if (typeof error.stack === 'string') out.stack = truncate(redactUrls(error.stack));
  for (const field of SUMMARY_FIELDS) {
    const value = failure[field];
    if (value !== undefined) out[field] = value;
  }
  if (error.cause !== undefined) out.cause = serialize(error.cause, depth + 1, state);
  return out;
}

/**
 * A database or driver error as logged: its code, the names it gives (table, column, constraint,
 * fields) and its message and stack with quoted values redacted, never the row, SQL, parameters
 * or `detail` it holds. The driver error beneath (TypeORM's `driverError`, Sequelize's
 * `original`) is its `cause`, summarised in turn.
 */
function summarizeDatabaseError(error: Error, failure: DatabaseFailure, depth: number, state: State): { [key: string]: Json } {
  const out: { [key: string]: Json } = { type: truncate(String(error.name)), message: truncate(failure.message) };
  if (failure.stack !== undefined) out.stack = truncate(failure.stack);
  out.source = failure.source;
  if (failure.code !== undefined) out.code = typeof failure.code === 'string' ? truncate(failure.code) : failure.code;
  for (const [key, value] of Object.entries(failure.details)) {
    out[key] =
      typeof value === 'string' || typeof value === 'number' ? value : value.map((item) => (typeof item === 'string' ? item : { ...item }));
  }
  if (failure.cause !== undefined) out.cause = serialize(failure.cause, depth + 1, state);
  return out;
}

function headerValue(value: unknown): Json {
  if (typeof value === 'string') return isSafeHeaderValue(value) ? truncate(value) : DROPPED;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value;
  return DROPPED;
}

/**
 * A `headers` bag: credentials redacted, and each value the error handler would refuse to write
 * (see `isSafeHeaderValue`) dropped; entries with an invalid name are only counted, under `[Dropped]`.
 */
function serializeHeaders(headers: object): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const bag = headers as Record<string, unknown>;
  let dropped = 0;
  for (const name of Object.keys(headers).slice(0, MAX_KEYS)) {
    const value = bag[name];
    if (value === undefined) continue;
    if (!isValidHeaderName(name)) dropped += 1;
    else if (isSecretName(name)) out[name] = REDACTED;
    else out[name] = Array.isArray(value) ? value.slice(0, MAX_KEYS).map(headerValue) : headerValue(value);
  }
  if (dropped > 0) out[DROPPED] = dropped;
  return out;
}

const isHeaderBag = (key: string, value: unknown): value is object =>
  (key === 'headers' || key === 'Headers') && typeof value === 'object' && value !== null && !Array.isArray(value) && !isError(value);

function serializeObject(object: object, depth: number, state: State): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  const bag = object as Record<string, unknown>;
  const errorLike = isError(object);
  if (errorLike) {
    out.type = truncate(String(object.name));
    out.message = truncate(String(object.message));
    if (typeof object.stack === 'string') out.stack = truncate(object.stack);
    if ('cause' in object && object.cause !== undefined) out.cause = serialize(object.cause, depth + 1, state);
    if (Array.isArray(bag.errors)) out.errors = serialize(bag.errors, depth + 1, state);
    // http-errors keeps `status` on the prototype of its classes: read it, not only own keys.
    if (typeof bag.status === 'number') out.status = bag.status;
    if (typeof bag.code === 'string' || typeof bag.code === 'number') out.code = truncate(String(bag.code));
  }
  copyOwnKeys(object, out, depth, state, errorLike ? SKIPPED_KEYS : undefined);
  return out;
}

function copyOwnKeys(
  object: object,
  out: { [key: string]: Json },
  depth: number,
  state: State,
  skipped: ReadonlySet<string> | undefined,
): void {
  const bag = object as Record<string, unknown>;
  const keys = Object.keys(object);
  // Indexed rather than over a slice: no second array for the common object of a few keys.
  for (let index = 0; index < keys.length && index < MAX_KEYS; index += 1) {
    const key = keys[index] as string;
    if (skipped?.has(key) === true) continue;
    // `_`-prefixed keys are internals; Node's ClientRequest keeps the raw request head, with its
    // Authorization line, in `_header`.
    if (key.startsWith('_')) continue;
    const item = bag[key];
    if (item === undefined) continue;
    if (isSecretName(key)) out[key] = REDACTED;
    else if (isHeaderBag(key, item)) out[key] = ++state.nodes > MAX_NODES ? '[Truncated]' : serializeHeaders(item);
    else out[key] = serialize(item, depth + 1, state);
  }
}

// What the log line of a client error already says (status, code) or what says nothing
// (`statusCode`, `expose`, a one-line stack).
const CLIENT_ERROR_SKIPPED = new Set([...SKIPPED_KEYS, 'status', 'statusCode', 'code', 'expose']);
const CLIENT_ERROR_SKIPPED_NO_HEADERS = new Set([...CLIENT_ERROR_SKIPPED, 'headers']);

/**
 * The short form of a client error the app threw on purpose, for its log line: `type`,
 * `message` and its other own properties (`details`, non-empty `headers`, the app's own fields),
 * redacted like {@link serializeError}, without the `status`, `code`, `statusCode`, `expose` and
 * stack the line has no use for. Never throws.
 */
export function serializeClientError(error: Error): Json {
  try {
    // add(), not new Set([error]): no array and no iterator for each line.
    const state: State = { seen: new Set<object>().add(error), nodes: 1 };
    const out: { [key: string]: Json } = { type: truncate(String(error.name)), message: truncate(String(error.message)) };
    const headers = (error as { headers?: unknown }).headers;
    const skipped =
      isHeaderBag('headers', headers) && Object.keys(headers).length === 0 ? CLIENT_ERROR_SKIPPED_NO_HEADERS : CLIENT_ERROR_SKIPPED;
    copyOwnKeys(error, out, 0, state, skipped);
    return out;
  } catch {
    return '[Unserializable]';
  }
}

/**
 * A log-safe, JSON-ready copy of anything thrown: name, message and stack of errors, their cause
 * chain and AggregateError members, own properties with credentials redacted (see
 * {@link isSecretName}; also in `rawHeaders`-style lists; `_`-prefixed internals are left out),
 * bounded in depth, width, total size and string length, cycles marked. Never throws.
 *
 * An HTTP client's error (axios, got, ky, ofetch, node-fetch...), wherever it is in the cause
 * chain, becomes a summary: `type`, `message`, `stack`, `client`, `method`, `url` (origin and
 * path), upstream `status`, `code`, `cause`. A database or driver error (pg, TypeORM, mysql2,
 * SQLite, MongoDB, mongoose, Prisma, Sequelize) becomes a summary too: `type`, `message` and
 * `stack` with quoted values redacted, `source`, `code`, names such as `table`, `column`,
 * `constraint`, `fields`, and the driver's error as `cause`. URLs lose their userinfo everywhere; `headers` bags
 * lose the values the error handler would refuse to write (`[Dropped]`).
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
