import { recognizeMongoose } from './mongoose';
import { recognizePostgres } from './postgres';
import { recognizePrisma } from './prisma';
import type { ErrorRecognizer } from './recognizer';
import { recognizeSequelize } from './sequelize';

/**
 * The database recognizers, off by default: a database error is the server's failure unless the
 * app says its constraint reflects the client's input (a unique violation on an internal table is
 * nothing the client can change). Turn them on with `errorHandler({ recognizers: databaseRecognizers })`.
 *
 * @example
 * app.use(errorHandler({ recognizers: databaseRecognizers }));
 * app.use(errorHandler({ recognizers: [recognizePrisma] })); // or only the one in use
 */
export const databaseRecognizers: readonly ErrorRecognizer[] = Object.freeze([
  recognizeMongoose,
  recognizePrisma,
  recognizeSequelize,
  recognizePostgres,
]);

export { recognizeMongoose, recognizePostgres, recognizePrisma, recognizeSequelize };
