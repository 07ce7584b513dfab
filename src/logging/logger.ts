import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import type { pino as Pino } from 'pino';
import { LineBatch } from './line-batch';

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

/** Characters (bytes, for ASCII lines) the default logger gathers before writing them to stdout in one call. */
export const DEFAULT_LOG_BUFFER = 4096;
/** Longest the default logger keeps a line in its buffer, in ms. */
export const DEFAULT_LOG_FLUSH_MS = 1000;
// Bytes waiting to be written beyond which new lines are dropped (sonic-boom's `maxLength`): a
// stdout nobody reads must not grow the heap without end.
const MAX_BUFFERED = 16 * 1024 * 1024;

/**
 * Where the default logger writes: stdout through pino's asynchronous destination (sonic-boom),
 * lines gathered by a {@link LineBatch} into {@link DEFAULT_LOG_BUFFER}-character writes instead of
 * one write each, and handed over at least every {@link DEFAULT_LOG_FLUSH_MS} ms (an unref'd
 * timer) and on exit: the process's `exit` event (which `process.exit()`, the end of the event
 * loop, an uncaught exception and an unhandled rejection all emit) writes what is left
 * synchronously, and a `fatal` line is written before `fatal()` returns. A terminal gets each line
 * written at once, synchronously.
 * `undefined` (pino's own default) where that does not hold: in a worker thread (no exit flush
 * there), or when something has replaced `process.stdout.write` (a test runner capturing output
 * expects the lines to go through it).
 */
function defaultDestination(pino: typeof Pino): Pino.DestinationStream | undefined {
  const stdout = process.stdout;
  if (!isMainThread || stdout.write !== (Object.getPrototypeOf(stdout) as { write?: unknown }).write) return undefined;
  // Writes before it returns, retrying EAGAIN and partial writes (a full pipe): a pipe's fatal lines
  // and last lines on exit, and every line of a terminal, which a person reads as the lines come.
  const syncSink = pino.destination({ dest: stdout.fd, sync: true, minLength: 0 });
  if (stdout.isTTY) return syncSink;
  // The batch, not sonic-boom, gathers the lines (see LineBatch): sonic-boom writes each batch as it comes.
  const sink = pino.destination({ dest: stdout.fd, sync: false, minLength: 0, maxLength: MAX_BUFFERED });
  const batch = new LineBatch(sink, DEFAULT_LOG_BUFFER, syncSink);
  setInterval(() => batch.push(), DEFAULT_LOG_FLUSH_MS).unref();
  // pino's own exit hook flushes only what the sink holds; this one writes the batch too.
  process.once('exit', () => {
    try {
      batch.flushSync();
    } catch {
      // stdout is gone (closed, EPIPE): there is nowhere left to write the lines to.
    }
  });
  return batch;
}

/** The logger used when none is given: pino to stdout, created on first use. */
let fallback: ErrorLogger | undefined;
export function defaultLogger(): ErrorLogger {
  if (fallback === undefined) {
    const pino = loadPino();
    const destination = defaultDestination(pino);
    const options = { name: 'express-api-errors' };
    fallback = destination === undefined ? pino(options) : pino(options, destination);
  }
  return fallback;
}

/** True for a value that has every method of an {@link ErrorLogger}, such as pino-http's `req.log`. */
export function isErrorLogger(value: unknown): value is ErrorLogger {
  if (typeof value !== 'object' || value === null) return false;
  const logger = value as Record<string, unknown>;
  return typeof logger.error === 'function' && typeof logger.warn === 'function' && typeof logger.info === 'function';
}
