import { integerOf, isBag, type Bag } from '../errors/recognizers/recognizer';
import { logText } from '../errors/recognizers/unique-violation';

/** Where a database error came from, as told by its shape. */
export type DatabaseSource = 'postgres' | 'mysql' | 'sqlite' | 'mongodb' | 'mongoose' | 'prisma' | 'sequelize' | 'typeorm';

/** A structural field of a database error: a name or a code, a list of names, a list of `{ path, kind }`-like entries. */
export type DatabaseField = string | number | readonly string[] | readonly Readonly<Record<string, string>>[];

/**
 * What a database or driver error says about the failure, safe to log: which database, its error
 * code, the names of the table, column, constraint or fields involved, and a message whose quoted
 * values are redacted. The values, the SQL, its parameters and the server's `detail` are not part of it.
 */
export interface DatabaseFailure {
  readonly source: DatabaseSource;
  /** SQLSTATE (`23505`), `ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_UNIQUE`, Prisma's `P2002`, MongoDB's `11000`. */
  readonly code: string | number | undefined;
  /** The error's message, values redacted (see {@link redactDatabaseMessage}). */
  readonly message: string;
  /** The stack, its head (which repeats the message) redacted the same way. */
  readonly stack: string | undefined;
  /** Allowlisted structural fields: `severity`, `table`, `column`, `constraint`, `errno`, `keyPattern` names... */
  readonly details: Readonly<Record<string, DatabaseField>>;
  /** The driver error beneath (TypeORM's `driverError`, Sequelize's `original`), else the error's `cause`. */
  readonly cause: unknown;
}

const REDACTED = '[Redacted]';
const SQLSTATE = /^[0-9A-Z]{5}$/; // PostgreSQL Appendix A: five characters, digits and capitals
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_LISTED = 16;
const MAX_VALUES = 32;
// Shorter values would redact common words and numbers out of the message for no gain.
const MIN_VALUE_LENGTH = 3;

// pg's DatabaseError fields (pg-protocol, PostgreSQL protocol §55.8), mysql2's and SQLite's, as
// TypeORM copies them onto its QueryFailedError too. Names and codes only: never `detail`, `hint`,
// `where`, `internalQuery` (they quote rows and SQL), nor `sql`, `sqlMessage`, `parameters`.
const SQL_NAMES = ['severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine', 'sqlState', 'errstr'] as const;
const SQL_NUMBERS = ['errno', 'errcode'] as const;

// Mongoose's errors all extend MongooseError, whose prototype is named so (mongoose lib/error/mongooseError.js).
function isMongooseError(error: Bag): boolean {
  for (
    let proto: unknown = Object.getPrototypeOf(error), depth = 0;
    isBag(proto) && depth < 8;
    proto = Object.getPrototypeOf(proto), depth += 1
  ) {
    if (Object.getOwnPropertyDescriptor(proto, 'name')?.value === 'MongooseError') return true;
  }
  // A copy from another realm or bundle: the two shapes the handler sees most.
  if (error.name === 'CastError') return typeof error.path === 'string' && typeof error.kind === 'string';
  return (
    error.name === 'ValidationError' &&
    isBag(error.errors) &&
    !Array.isArray(error.errors) &&
    Object.values(error.errors).some((entry) => isBag(entry) && (entry.name === 'ValidatorError' || entry.name === 'CastError'))
  );
}

function sourceOf(error: Bag): DatabaseSource | undefined {
  const name = typeof error.name === 'string' ? error.name : '';
  const code = error.code;
  if (name === 'QueryFailedError') return 'typeorm';
  if (/^Sequelize[A-Za-z]*Error$/.test(name)) return 'sequelize';
  if (/^PrismaClient[A-Za-z]*Error$/.test(name)) return 'prisma';
  if (isMongooseError(error)) return 'mongoose';
  if (/^Mongo[A-Za-z]*Error$/.test(name)) return 'mongodb';
  if (typeof error.severity === 'string' && typeof code === 'string' && SQLSTATE.test(code)) return 'postgres';
  if (
    typeof error.sqlState === 'string' ||
    typeof error.sqlMessage === 'string' ||
    (typeof code === 'string' && /^ER_[A-Z0-9_]+$/.test(code))
  )
    return 'mysql';
  if (name === 'SqliteError' || (typeof code === 'string' && /^(?:ERR_)?SQLITE_[A-Z0-9_]+$/.test(code))) return 'sqlite';
  return undefined;
}

const codeOf = (value: unknown): string | number | undefined =>
  (typeof value === 'string' && CODE.test(value)) || integerOf(value) !== undefined ? (value as string | number) : undefined;

/** Distinct string names, at most 16, each bounded. */
const namesOf = (names: readonly unknown[]): string[] =>
  [...new Set(names.filter((name): name is string => typeof name === 'string' && name !== '').map((name) => name.slice(0, 128)))].slice(
    0,
    MAX_LISTED,
  );

function put(details: Record<string, DatabaseField>, key: string, value: DatabaseField | undefined): void {
  if (value !== undefined && !(Array.isArray(value) && value.length === 0)) details[key] = value;
}

function sqlDetails(error: Bag, details: Record<string, DatabaseField>): void {
  for (const key of SQL_NAMES) put(details, key, logText(error[key]));
  for (const key of SQL_NUMBERS) put(details, key, integerOf(error[key]));
}

// `{ path, kind }` per failing path of a mongoose ValidationError (its `errors` map is keyed by path).
function mongooseEntries(errors: Bag): Record<string, string>[] {
  return Object.entries(errors)
    .slice(0, MAX_LISTED)
    .map(([path, entry]) => {
      const item: Record<string, string> = { path: path.slice(0, 128) };
      const kind = isBag(entry) ? logText(entry.kind, 64) : undefined;
      if (kind !== undefined) item.kind = kind;
      return item;
    });
}

// `{ path, type, validatorKey }` per Sequelize ValidationErrorItem; never its `value`, `instance` or `original`.
function sequelizeEntries(items: readonly unknown[]): Record<string, string>[] {
  return items
    .filter(isBag)
    .slice(0, MAX_LISTED)
    .map((item) => {
      const entry: Record<string, string> = {};
      for (const key of ['path', 'type', 'validatorKey'] as const) {
        const text = logText(item[key]);
        if (text !== undefined) entry[key] = text;
      }
      return entry;
    });
}

function detailsOf(source: DatabaseSource, error: Bag): Record<string, DatabaseField> {
  const details: Record<string, DatabaseField> = {};
  switch (source) {
    case 'postgres':
    case 'mysql':
    case 'sqlite':
    case 'typeorm':
      sqlDetails(error, details);
      break;
    case 'mongodb':
      put(details, 'codeName', logText(error.codeName, 64));
      // `keyPattern` is the index (`{ email: 1 }`): its keys are field names. `keyValue` holds the values.
      if (isBag(error.keyPattern)) put(details, 'keyPattern', namesOf(Object.keys(error.keyPattern)));
      break;
    case 'mongoose':
      if (error.name === 'ValidationError' && isBag(error.errors)) put(details, 'errors', mongooseEntries(error.errors));
      put(details, 'path', logText(error.path));
      put(details, 'kind', logText(error.kind, 64));
      put(details, 'valueType', logText(error.valueType, 64));
      break;
    case 'prisma': {
      const meta = isBag(error.meta) ? error.meta : {};
      put(details, 'modelName', logText(meta.modelName));
      // P2002's `target`: the fields (most databases) or the index's name (MySQL, SQL Server).
      put(details, 'target', Array.isArray(meta.target) ? namesOf(meta.target) : logText(meta.target));
      put(details, 'clientVersion', logText(error.clientVersion, 32));
      break;
    }
    case 'sequelize': {
      put(details, 'table', logText(error.table));
      put(details, 'index', logText(error.index));
      put(details, 'constraint', logText(error.constraint));
      // `fields` maps each field to its submitted value (UniqueConstraintError), or lists names.
      const fields = error.fields;
      put(details, 'fields', Array.isArray(fields) ? namesOf(fields) : isBag(fields) ? namesOf(Object.keys(fields)) : undefined);
      if (Array.isArray(error.errors)) put(details, 'errors', sequelizeEntries(error.errors));
      break;
    }
  }
  return details;
}

function addValue(values: Set<string>, value: unknown): void {
  if (values.size >= MAX_VALUES) return;
  if (typeof value === 'string' || typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value))) {
    const text = String(value);
    if (text.length >= MIN_VALUE_LENGTH) values.add(text);
  }
}

// The values the error itself holds in structured form: where a message shows one unquoted (an
// app's Sequelize validator saying "alice is taken"), it is still found and redacted.
function knownValues(error: Bag): string[] {
  const values = new Set<string>();
  addValue(values, error.value);
  const entries = isBag(error.errors) ? Object.values(error.errors).slice(0, MAX_VALUES) : [];
  for (const entry of entries) {
    if (!isBag(entry)) continue;
    addValue(values, entry.value);
    if (isBag(entry.properties)) addValue(values, entry.properties.value);
  }
  for (const bag of [error.keyValue, error.fields]) {
    if (isBag(bag) && !Array.isArray(bag)) for (const value of Object.values(bag).slice(0, MAX_VALUES)) addValue(values, value);
  }
  // pg's "Key (email)=(a@b.c) already exists.": the row's values, whole and column by column.
  const key = typeof error.detail === 'string' ? /=\((.*)\)/.exec(error.detail) : null;
  if (key?.[1] !== undefined) for (const value of [key[1], ...key[1].split(', ')]) addValue(values, value);
  return [...values];
}

// Prisma's message prints the call (source lines and the arguments, numbers unquoted) between
// its first line ("Invalid `prisma.user.create()` invocation") and its last (the reason).
function prismaMessage(message: string): string {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  if (lines.length <= 2) return lines.join('\n');
  return `${lines[0] ?? ''}\n${REDACTED}\n${lines[lines.length - 1] ?? ''}`;
}

// The stack's head is `${name}: ${message}`, as captured at construction (TypeORM and Sequelize set
// their name or message later): the raw message is replaced where found, else the whole head is.
function redactStack(stack: unknown, type: string, raw: string, message: string): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const at = raw === '' ? -1 : stack.indexOf(raw);
  if (at >= 0 && !stack.slice(0, at).includes('\n')) return stack.slice(0, at) + message + stack.slice(at + raw.length);
  const frames = /\n[ \t]+at /.exec(stack);
  const head = message === '' ? type : `${type}: ${message}`;
  return frames === null ? head : head + stack.slice(frames.index);
}

const LETTER = '[\\p{L}\\p{N}_]';
// A quoted segment: "...", `...`, or '...' (an apostrophe between letters, as in "can't", opens
// none). A quote followed by a letter does not close it (`'O'Brien'`); an unclosed one runs to the end.
const QUOTED = new RegExp(
  `(["\`])(?:(?!\\1)[\\s\\S]|\\1(?=${LETTER}))*(?:\\1(?!${LETTER})|$)|(?<!${LETTER})'(?:[^']|'(?=${LETTER}))*(?:'(?!${LETTER})|$)`,
  'gu',
);
// Words after which databases quote a name, not a value: `constraint "users_email_key"`,
// `column 'age'`, `for key 'users.email'`, mongoose's `Path \`email\``, Prisma's `Argument \`age\``.
const NAME_BEFORE =
  /\b(?:constraint|column|relation|table|index|key|path|model|collection|fields?|argument|schema|database|function)[\s:(]*$/i;
const NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const PRISMA_CALL = /^prisma\.[A-Za-z_$][\w$]*\.[A-Za-z_$][\w$]*\(\)$/;
// MongoDB's E11000 ends with the duplicated key's values: `dup key: { email: "a@b.c" }`.
const DUP_KEY = /dup key: \{[\s\S]*$/;

/**
 * A database error's message with its values redacted: each of `values` wherever it appears,
 * MongoDB's `dup key: { ... }`, and the content of every quoted segment ('...', "...", `...`)
 * except a name after a word that announces one (`constraint "users_email_key"`, `column 'age'`,
 * `for key 'users.email'`, `at path "_id"`). Limits: a value the database prints unquoted is only
 * redacted when it is among `values`; a value holding its own quote mark followed by a space or
 * punctuation ends its segment early, and what follows up to the next quote stays.
 */
export function redactDatabaseMessage(message: string, values: readonly string[] = []): string {
  let text = message;
  for (const value of [...values].sort((a, b) => b.length - a.length)) text = text.split(value).join(REDACTED);
  text = text.replace(DUP_KEY, `dup key: { ${REDACTED} }`);
  return text.replace(QUOTED, (segment: string, ...rest: unknown[]) => {
    const offset = rest[rest.length - 2] as number;
    const quote = segment[0] ?? '';
    const closed = segment.length > 1 && segment.endsWith(quote);
    const content = segment.slice(1, closed ? -1 : undefined);
    const isName = content.length <= 128 && NAME.test(content) && NAME_BEFORE.test(text.slice(Math.max(0, offset - 40), offset));
    if (isName || PRISMA_CALL.test(content)) return segment;
    return `${quote}${REDACTED}${closed ? quote : ''}`;
  });
}

function failureOf(source: DatabaseSource, error: Bag): DatabaseFailure {
  const raw = typeof error.message === 'string' ? error.message : '';
  const message = redactDatabaseMessage(source === 'prisma' ? prismaMessage(raw) : raw, knownValues(error));
  const below = [error.cause, error.driverError, error.original, error.parent].find((value) => value !== undefined && value !== error);
  return {
    source,
    code: codeOf(error.code) ?? codeOf(error.errorCode),
    message,
    stack: redactStack(error.stack, String(error.name), raw, message),
    details: detailsOf(source, error),
    cause: below,
  };
}

/**
 * What a database or driver error says about the failure, by its shape: pg's `DatabaseError`
 * (a `severity` and a SQLSTATE `code`), TypeORM's `QueryFailedError`, mysql/mysql2 (`sqlState`,
 * `sqlMessage`, `ER_*` codes), SQLite (`SQLITE_*` codes, better-sqlite3's `SqliteError`),
 * MongoDB's `Mongo*Error`, mongoose's errors, Prisma's `PrismaClient*Error` and Sequelize's
 * `Sequelize*Error`. `undefined` for everything else. Never throws.
 */
export function readDatabaseFailure(error: unknown): DatabaseFailure | undefined {
  if (!isBag(error)) return undefined;
  let source: DatabaseSource | undefined;
  try {
    source = sourceOf(error);
    return source === undefined ? undefined : failureOf(source, error);
  } catch {
    // A getter that throws: a database error is still one, with nothing more said about it.
    return source === undefined
      ? undefined
      : { source, code: undefined, message: REDACTED, stack: undefined, details: {}, cause: undefined };
  }
}
