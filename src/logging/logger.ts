import { createRequire } from 'node:module';
import type { pino as Pino } from 'pino';

/** The levels the error handler logs at. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** One log method: a pino `LogFn` fits. */
export type LogMethod = (object: Record<string, unknown>, message: string) => void;

/** What the library needs of a logger. A pino logger (and pino-http's `req.log`) fits. */
export type ErrorLogger = { readonly [L in LogLevel]: LogMethod };

// pino (about 30 files, tens of milliseconds) is loaded when the default logger is first used, not
// when the package is: an app passing its own logger or `logger: false` never pays for it.
// `__filename` is the bundle's own path in the CommonJS build and in tests, and tsup's ESM shim
// (`shims: true`) in the ESM build; resolving from there finds our pino, however the app installs.
function loadPino(): typeof Pino {
  return createRequire(__filename)('pino') as typeof Pino;
}

/** The logger used when none is given: pino to stdout, created on first use. */
let fallback: ErrorLogger | undefined;
export function defaultLogger(): ErrorLogger {
  fallback ??= loadPino()({ name: 'express-api-errors' }) as unknown as ErrorLogger;
  return fallback;
}

/** True for a value that has every method of an {@link ErrorLogger}, such as pino-http's `req.log`. */
export function isErrorLogger(value: unknown): value is ErrorLogger {
  if (typeof value !== 'object' || value === null) return false;
  const logger = value as Record<string, unknown>;
  return typeof logger.error === 'function' && typeof logger.warn === 'function' && typeof logger.info === 'function';
}
