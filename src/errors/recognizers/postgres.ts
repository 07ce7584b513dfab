import type { ApiError } from '../api-error';
import { integerOf, isBag, type Bag } from './recognizer';
import { alreadyExists, fieldNames, logText } from './unique-violation';

const UNIQUE_VIOLATION = '23505'; // SQLSTATE unique_violation (PostgreSQL Appendix A)
const IDENTIFIER = '"?[A-Za-z_][A-Za-z0-9_$]*"?';
// pg's `detail` is "Key (email)=(a@b.c) already exists.": only the column list before `)=(` is
// read, and only when it is plain identifiers (an expression index names no field).
const PG_KEY_COLUMNS = new RegExp(`^Key \\((${IDENTIFIER}(?:, ${IDENTIFIER})*)\\)=\\(`);
// SQLite: "UNIQUE constraint failed: users.email, users.tenant_id" (sqlite3 prefixes its code).
const SQLITE_COLUMNS = new RegExp(`UNIQUE constraint failed: (${IDENTIFIER}\\.${IDENTIFIER}(?:, ${IDENTIFIER}\\.${IDENTIFIER})*)$`);
const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
// node:sqlite's extended result codes for the same (SQLite result codes 2067 and 1555).
const SQLITE_UNIQUE_ERRCODES = new Set([2067, 1555]);

const unquote = (name: string): string => name.replace(/^"|"$/g, '');

function postgresViolation(error: Bag): ApiError {
  const match = typeof error.detail === 'string' ? PG_KEY_COLUMNS.exec(error.detail) : null;
  const fields = match?.[1] === undefined ? [] : fieldNames(match[1].split(', ').map(unquote));
  return alreadyExists(fields, {
    source: 'postgres',
    sqlstate: UNIQUE_VIOLATION,
    table: logText(error.table),
    constraint: logText(error.constraint),
  });
}

function isSqliteUnique(error: Bag): boolean {
  if (typeof error.code === 'string' && SQLITE_UNIQUE_CODES.has(error.code)) return true;
  if (SQLITE_UNIQUE_ERRCODES.has(integerOf(error.errcode) ?? 0)) return true;
  return error.code === 'SQLITE_CONSTRAINT' && typeof error.message === 'string' && error.message.includes('UNIQUE constraint failed: ');
}

function sqliteViolation(error: Bag): ApiError {
  const match = typeof error.message === 'string' ? SQLITE_COLUMNS.exec(error.message) : null;
  const fields =
    match?.[1] === undefined ? [] : fieldNames(match[1].split(', ').map((column) => unquote(column.slice(column.indexOf('.') + 1))));
  return alreadyExists(fields, { source: 'sqlite', code: logText(error.code, 64) });
}

// The driver's error itself: pg's DatabaseError (`severity`, SQLSTATE `code`), mysql/mysql2
// (`ER_DUP_ENTRY`, errno 1062; its message quotes the value and names only the index), SQLite.
function driverViolation(error: Bag): ApiError | undefined {
  if (error.code === UNIQUE_VIOLATION && typeof error.severity === 'string') return postgresViolation(error);
  if (error.code === 'ER_DUP_ENTRY' || (integerOf(error.errno) === 1062 && typeof error.sqlState === 'string')) {
    return alreadyExists([], { source: 'mysql', code: 'ER_DUP_ENTRY' });
  }
  return isSqliteUnique(error) ? sqliteViolation(error) : undefined;
}

/**
 * A unique violation from SQL drivers: pg's `DatabaseError` and TypeORM's `QueryFailedError`
 * with SQLSTATE 23505, mysql's `ER_DUP_ENTRY` (1062) and SQLite's UNIQUE constraint: 409
 * `already_exists`, naming the columns when the database lists them. The value, the SQL, its
 * parameters and the constraint name never reach the client; the log gets the table and
 * constraint. Opt-in: see `databaseRecognizers`.
 */
export function recognizePostgres(error: unknown): ApiError | undefined {
  if (!isBag(error)) return undefined;
  // TypeORM copies the driver error's fields onto its own; `driverError` is the original.
  if (error.name === 'QueryFailedError' && isBag(error.driverError)) return driverViolation(error.driverError);
  return driverViolation(error);
}
