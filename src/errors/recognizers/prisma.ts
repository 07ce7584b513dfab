import type { ApiError } from '../api-error';
import { createError } from '../create-error';
import { isBag, type Bag } from './recognizer';
import { alreadyExists, fieldNames, logText } from './unique-violation';

// P2002's fields: `meta.target` is the list of fields (Prisma 4-6 on most databases) or the
// name of the index (MySQL, SQL Server), which must not reach the client; Prisma 7's driver
// adapters report `meta.driverAdapterError.cause.constraint` as `{ fields }` or `{ index }`.
function uniqueFields(meta: Bag): { fields: string[]; constraint: string | undefined } {
  if (Array.isArray(meta.target)) return { fields: fieldNames(meta.target), constraint: undefined };
  const adapterError = isBag(meta.driverAdapterError) ? meta.driverAdapterError : {};
  const constraint = isBag(adapterError.cause) && isBag(adapterError.cause.constraint) ? adapterError.cause.constraint : {};
  if (Array.isArray(constraint.fields)) return { fields: fieldNames(constraint.fields), constraint: undefined };
  return { fields: [], constraint: logText(meta.target) ?? logText(constraint.index) };
}

/**
 * Prisma's `PrismaClientKnownRequestError`: P2002 (unique constraint) is 409 `already_exists`
 * naming the fields when Prisma lists them (never an index name), P2025 (record not found) 404.
 * Prisma's message is not kept: it can quote the query's arguments. Opt-in: see `databaseRecognizers`.
 */
export function recognizePrisma(error: unknown): ApiError | undefined {
  if (!isBag(error) || error.name !== 'PrismaClientKnownRequestError' || typeof error.code !== 'string') return undefined;
  const meta = isBag(error.meta) ? error.meta : {};
  // Only P2002 and P2025 are answered, so the code logged is one of those two.
  const cause = { source: 'prisma', code: error.code, modelName: logText(meta.modelName) };
  if (error.code === 'P2002') {
    const { fields, constraint } = uniqueFields(meta);
    return alreadyExists(fields, { ...cause, constraint });
  }
  if (error.code === 'P2025') {
    return createError(404, undefined, { cause: { ...cause, reason: logText(meta.cause, 256) }, captureStack: false });
  }
  return undefined;
}
