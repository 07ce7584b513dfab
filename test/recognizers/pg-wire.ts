import { Parser } from 'pg-protocol/dist/parser';

/**
 * A real pg `DatabaseError`, as node-postgres gets it: an ErrorResponse message (PostgreSQL
 * protocol §55.7, one byte per field type then a C string) parsed by pg-protocol's own Parser.
 * No server needed.
 */
export function pgDatabaseError(fields: Readonly<Record<string, string>>): Error & Record<string, unknown> {
  const body = Buffer.concat([
    ...Object.entries(fields).map(([type, value]) => Buffer.from(`${type}${value}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  let parsed: unknown;
  new Parser().parse(Buffer.concat([head, body]), (message) => {
    parsed = message;
  });
  if (!(parsed instanceof Error)) throw new Error('pg-protocol did not parse an error');
  return parsed as Error & Record<string, unknown>;
}

/** The error PostgreSQL sends for an insert that breaks `users_email_key`, naming `value`. */
export function uniqueViolation(value: string, columns = 'email'): Error & Record<string, unknown> {
  return pgDatabaseError({
    S: 'ERROR',
    V: 'ERROR',
    C: '23505',
    M: 'duplicate key value violates unique constraint "users_email_key"',
    D: `Key (${columns})=(${value}) already exists.`,
    s: 'public',
    t: 'users',
    n: 'users_email_key',
    F: 'nbtinsert.c',
    L: '666',
    R: '_bt_check_unique',
  });
}

/**
 * TypeORM's `QueryFailedError` (typeorm src/error/QueryFailedError.ts): the driver's message,
 * `query`, `parameters`, `driverError`, and every other own field of the driver error copied
 * onto it. TypeORM 1 cannot be installed beside ioredis 6 (its optional peer wants ioredis 5), so
 * its constructor is reproduced here, field for field.
 */
export class QueryFailedError extends Error {
  constructor(
    readonly query: string,
    readonly parameters: unknown[] | undefined,
    readonly driverError: Error,
  ) {
    super(
      driverError
        .toString()
        .replace(/^error: /, '')
        .replace(/^Error: /, ''),
    );
    Object.defineProperty(this, 'name', { value: 'QueryFailedError', configurable: true, writable: true });
    const { name: _name, ...others } = driverError as Error & Record<string, unknown>;
    Object.assign(this, others);
  }
}
