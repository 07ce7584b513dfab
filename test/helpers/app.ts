import { Writable } from 'node:stream';
import express5, { type Express, type NextFunction, type Request, type Response } from 'express';
import express4 from 'express4';
import pino, { type Logger } from 'pino';
import type { Response as TestResponse } from 'supertest';
import { errorHandler, notFoundHandler, requestId, type ErrorHandlerOptions, type ErrorLogger, type RequestIdOptions } from '../../src';

/** The Express majors the middleware is tested against. */
export const EXPRESS_VERSIONS = [
  ['express 5', express5],
  ['express 4', express4 as unknown as typeof express5],
] as const;

export type ExpressFactory = typeof express5;

/**
 * A pino logger writing JSON lines into `lines`, for asserting what was logged. It is a real
 * pino `Logger` (so pino-http accepts it), and as such an `ErrorLogger`.
 */
export function captureLogger(): { logger: Logger & ErrorLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = pino({ level: 'trace' }, stream);
  return { logger, lines };
}

/** Waits until pino's stream has flushed what was logged during a request. */
export function flushLogs(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** The Express factory; Express 5 by default. */
  readonly express?: ExpressFactory;
  /** Options of `errorHandler`; `logger: false` unless given. */
  readonly handler?: ErrorHandlerOptions;
  /** Options of `requestId()`, or `false` to leave it unmounted. */
  readonly requestId?: RequestIdOptions | false;
  /** Mounts `express.json()` before the routes. Default `false`. */
  readonly json?: boolean;
  /** Mounts the catch-all `notFoundHandler()` after the routes. Default `true`. */
  readonly notFound?: boolean;
}

/**
 * The one builder of the tests' real Express apps, mounted in the order an app mounts them:
 * `requestId()`, `express.json()` when asked, whatever `mount` adds, `notFoundHandler()`, and
 * `errorHandler` last (logging off unless a logger is passed).
 */
export function buildApp(mount: (app: Express) => void, options: BuildAppOptions = {}): Express {
  const factory = options.express ?? express5;
  const app = factory();
  if (options.requestId !== false) app.use(requestId(options.requestId ?? {}));
  if (options.json === true) app.use(factory.json());
  mount(app);
  if (options.notFound !== false) app.use(notFoundHandler());
  app.use(errorHandler({ logger: false, ...options.handler }));
  return app;
}

/** How a route hands its error to Express. */
export type ThrowMode = 'throw' | 'next' | 'reject';

export interface ThrowingAppOptions {
  /** The Express factory; Express 5 by default. */
  readonly express?: ExpressFactory;
  /** Options of `errorHandler`; `logger: false` unless given. */
  readonly handler?: ErrorHandlerOptions;
  /** Options of `requestId()`, or `false` to leave it unmounted. */
  readonly requestId?: RequestIdOptions | false;
  /** How `/throw` fails: a sync throw (default), `next(error)`, or a rejected async handler. */
  readonly mode?: ThrowMode;
  /** Runs before the failure, e.g. to set headers a real handler would have set. */
  readonly before?: (req: Request, res: Response) => void;
}

/**
 * A real Express app: `ALL /throw` fails with `thrown()`, `GET /ok` answers 200 `{ ok: true }`
 * (to prove the server still serves), and `errorHandler` is mounted last.
 */
export function appThrowing(thrown: () => unknown, options: ThrowingAppOptions = {}): Express {
  const factory = options.express ?? express5;
  const mode = options.mode ?? 'throw';
  const mount = (app: Express): void => {
    app.get('/ok', (_req, res) => {
      res.json({ ok: true });
    });
    app.all('/throw', (req: Request, res: Response, next: NextFunction) => {
      options.before?.(req, res);
      if (mode === 'next') return next(thrown());
      if (mode === 'reject') {
        const pending = (async () => {
          await Promise.resolve();
          throw thrown();
        })();
        // Express 5 forwards a rejected promise itself; Express 4 needs the `.catch(next)`.
        return factory === express5 ? pending : pending.catch(next);
      }
      throw thrown();
    });
  };
  // Without the catch-all 404: an unmatched path here gets Express's own final handler.
  return buildApp(mount, { express: factory, handler: options.handler, requestId: options.requestId, notFound: false });
}

/** The JSON body the envelope format writes. */
export interface EnvelopeBody {
  error: { code: string; message: string; details?: unknown };
  meta: { request_id: string };
  debug?: { stack?: unknown; cause?: unknown };
}

/**
 * Asserts that a converted error carries no stack frames: its stack would name toApiError's
 * frames, not the failure's; the original, kept as the cause, has the one that matters.
 */
export function expectNoStackFrames(error: { readonly name: string; readonly message: string; readonly stack?: string }): void {
  expect(error.stack).toBe(`${error.name}: ${error.message}`);
}

/**
 * Asserts what every error response carries: the status and reason phrase, the JSON media type,
 * a Content-Length that matches the body, nosniff, no ETag, Cache-Control no-store, and an
 * `X-Request-Id` equal to `meta.request_id`. Returns the body.
 */
export function expectErrorResponse(res: TestResponse, status: number, phrase?: string): EnvelopeBody {
  expect(res.status).toBe(status);
  if (phrase !== undefined) expect((res as TestResponse & { res: { statusMessage: string } }).res.statusMessage).toBe(phrase);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers.etag).toBeUndefined();
  const body = res.body as EnvelopeBody;
  expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  expect(Object.keys(body).sort()).toEqual(body.debug === undefined ? ['error', 'meta'] : ['debug', 'error', 'meta']);
  expect(typeof body.error.code).toBe('string');
  expect(body.error.code).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof body.error.message).toBe('string');
  expect(res.headers['x-request-id']).toBe(body.meta.request_id);
  return body;
}
