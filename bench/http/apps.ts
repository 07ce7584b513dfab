import http from 'node:http';
import Boom from '@hapi/boom';
import express, { type ErrorRequestHandler, type Express } from 'express';
import createHttpError from 'http-errors';
import pino from 'pino';
import { LineBatch } from '../../src/logging/line-batch';
import { DEFAULT_LOG_BUFFER, type ErrorLogger, type LogMethod } from '../../src/logging/logger';
import { lib, loadLibrary, type LibraryApi } from '../shared/library';
import { CODES, INTERNAL_MESSAGE, NOT_FOUND_MESSAGE, envelope, newRequestId, successBody } from '../shared/bodies';

// Every server answers the same routes:
//   GET /users/:id  404 (the main scenario)     GET /ok/:id      200, a body of the 404's size
//   GET /crash      500 from a plain Error     GET /private     401     GET /limited  429, Retry-After: 30
// Each implementation throws its own kind of error and answers with the same envelope shape.

type Thrower = {
  notFound: (message: string) => unknown;
  unauthorized: () => unknown;
  tooManyRequests: () => unknown;
};

function appWith(thrower: Thrower, handler: ErrorRequestHandler | ReturnType<typeof lib.errorHandler>): Express {
  const app = express();
  app.get('/users/:id', (req) => {
    throw thrower.notFound(`User ${req.params.id} was not found`);
  });
  app.get('/ok/:id', (_req, res) => {
    const requestId = newRequestId();
    res.set('X-Request-Id', requestId);
    res.json(successBody(requestId));
  });
  app.get('/crash', () => {
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
  });
  app.get('/private', () => {
    throw thrower.unauthorized();
  });
  app.get('/limited', () => {
    throw thrower.tooManyRequests();
  });
  app.use(handler);
  return app;
}

const oursThrower = (captureStack: boolean, api: LibraryApi = lib): Thrower => ({
  notFound: (message) => new api.NotFoundError(message, { captureStack }),
  unauthorized: () => new api.UnauthorizedError(undefined, { captureStack }),
  tooManyRequests: () => new api.TooManyRequestsError(undefined, { retryAfter: 30, captureStack }),
});

const httpErrorsThrower: Thrower = {
  notFound: (message) => createHttpError(404, message),
  unauthorized: () => createHttpError(401, { headers: { 'WWW-Authenticate': 'Bearer realm="api"' } }),
  tooManyRequests: () => createHttpError(429, { headers: { 'Retry-After': '30' } }),
};

// Another copy of the library (a build of an earlier commit), to measure a change before and after
// in the same run: `BENCH_BASELINE=/tmp/before/dist`.
function baselineApp(): Express {
  const location = process.env.BENCH_BASELINE;
  if (location === undefined) throw new Error('the baseline target needs BENCH_BASELINE=<path of another build>');
  const api = loadLibrary(location);
  return appWith(oursThrower(false, api), api.errorHandler({ logger: false }));
}

// (b) The handler teams write by hand on top of http-errors.
const httpErrorsHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const error = createHttpError.isHttpError(err) ? err : createHttpError(500);
  const requestId = newRequestId();
  res.set('X-Request-Id', requestId);
  if (error.headers !== undefined) res.set(error.headers);
  const message = error.expose ? error.message : INTERNAL_MESSAGE;
  res.status(error.status).json(envelope(CODES[error.status] ?? 'error', message, requestId));
};

// (b+log) The same handler logging each error the way Express's guide shows (`console.error(err.stack)`):
// what a hand-written handler usually costs once it logs.
const httpErrorsConsoleHandler: ErrorRequestHandler = (err, req, res, next) => {
  console.error((err as Error).stack);
  httpErrorsHandler(err, req, res, next);
};

// (b+pino) The same logging with pino, synchronously, pino's own `err` serializer: a team already on pino.
function httpErrorsPinoHandler(): ErrorRequestHandler {
  const logger = pino(pino.destination({ sync: true }));
  return (err, req, res, next) => {
    const status = (err as { status?: number }).status ?? 500;
    logger[status >= 500 ? 'error' : 'warn']({ err, method: req.method, path: req.path, status }, (err as Error).message);
    httpErrorsHandler(err, req, res, next);
  };
}

/** A logger whose every method does nothing: the handler builds each line's fields, nobody serializes them. */
function silentLogger(): ErrorLogger {
  const drop: LogMethod = () => undefined;
  return { fatal: drop, error: drop, warn: drop, info: drop, debug: drop, trace: drop };
}

/**
 * A logger like the default one (pino, the same batched asynchronous stdout), given only
 * `request_id`, `status`, `code` and the message of each line: the least a pino line can carry.
 */
function threeFieldLogger(): ErrorLogger {
  const logger = pino(
    { name: 'express-api-errors' },
    new LineBatch(pino.destination({ dest: 1, sync: false, minLength: 0 }), DEFAULT_LOG_BUFFER),
  );
  const cut =
    (level: keyof ErrorLogger): LogMethod =>
    (fields, message) =>
      logger[level]({ request_id: fields.request_id, status: fields.status, code: fields.code }, message);
  return { fatal: cut('fatal'), error: cut('error'), warn: cut('warn'), info: cut('info'), debug: cut('debug'), trace: cut('trace') };
}

// (e) The same with Boom.
const boomHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const error = Boom.isBoom(err) ? err : Boom.boomify(err as Error);
  const { statusCode, headers, payload } = error.output;
  const requestId = newRequestId();
  res.set('X-Request-Id', requestId);
  res.set(headers as Record<string, string>);
  // Boom replaces 5xx messages with its own generic one; ours is used for the same bytes on the wire.
  const message = statusCode >= 500 ? INTERNAL_MESSAGE : payload.message;
  res.status(statusCode).json(envelope(CODES[statusCode] ?? 'error', message, requestId));
};

// The least any Express error handler can cost: a prebuilt error thrown, the same JSON written with
// bare node calls. The gap from here to the success path is Express's own error dispatch.
const FLOOR_ERROR = Object.assign(new Error(NOT_FOUND_MESSAGE), { status: 404 });
const floorHandler: ErrorRequestHandler = (_err, _req, res, _next) => {
  const requestId = newRequestId();
  const body = JSON.stringify(envelope(CODES[404] ?? '', NOT_FOUND_MESSAGE, requestId));
  res.statusCode = 404;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('X-Request-Id', requestId);
  res.end(body);
};

/** (d) No framework: node:http writing the 404 envelope (and the success body) itself. */
function rawListener(): http.RequestListener {
  return (req, res) => {
    const requestId = newRequestId();
    const ok = req.url?.startsWith('/ok/') === true;
    const body = JSON.stringify(ok ? successBody(requestId) : envelope(CODES[404] ?? '', NOT_FOUND_MESSAGE, requestId));
    res.writeHead(ok ? 200 : 404, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'X-Request-Id': requestId,
    });
    res.end(body);
  };
}

/** The implementations a bench server can run, by name. */
export const IMPLEMENTATIONS = {
  /** (a) errorHandler, no logging. */
  ours: () => appWith(oursThrower(false), lib.errorHandler({ logger: false })),
  /** (a0) the same as `ours`, from the build at BENCH_BASELINE. */
  baseline: baselineApp,
  /** (a) errorHandler logging every error with pino to /dev/null (synchronous writes: cheap there, and no buffer to fill in-process). */
  'ours-pino': () => appWith(oursThrower(false), lib.errorHandler({ logger: pino(pino.destination({ dest: '/dev/null', sync: true })) })),
  /** (a) errorHandler with its default logger (pino to stdout), one line per error: flood suppression off. */
  'ours-default': () => appWith(oursThrower(false), lib.errorHandler({ logSampling: false })),
  /** (a) errorHandler with a logger that does nothing: what building a line's fields costs. */
  'ours-silent-logger': () => appWith(oursThrower(false), lib.errorHandler({ logger: silentLogger(), logSampling: false })),
  /** (a) errorHandler, lines cut to three fields, then as the default logger writes them. */
  'ours-three-fields': () => appWith(oursThrower(false), lib.errorHandler({ logger: threeFieldLogger(), logSampling: false })),
  /** (a) errorHandler with every default, flood suppression of repeated 4xx lines included. */
  'ours-default-sampled': () => appWith(oursThrower(false), lib.errorHandler()),
  /** (a) errorHandler, errors forced to capture a stack (what skipping it saves). */
  'ours-stack': () => appWith(oursThrower(true), lib.errorHandler({ logger: false })),
  /** (b) and (c) http-errors and a hand-written handler. */
  'http-errors': () => appWith(httpErrorsThrower, httpErrorsHandler),
  /** (b+log) http-errors and a hand-written handler that logs `console.error(err.stack)`. */
  'http-errors-log': () => appWith(httpErrorsThrower, httpErrorsConsoleHandler),
  /** (b+pino) http-errors and a hand-written handler that logs with pino, synchronously, `{ err }`. */
  'http-errors-pino': () => appWith(httpErrorsThrower, httpErrorsPinoHandler()),
  /** (e) Boom and a hand-written handler. */
  boom: () =>
    appWith(
      {
        notFound: (message) => Boom.notFound(message),
        unauthorized: () => Boom.unauthorized(null, 'Bearer', { realm: 'api' }),
        tooManyRequests: () => {
          const error = Boom.tooManyRequests();
          error.output.headers['Retry-After'] = '30';
          return error;
        },
      },
      boomHandler,
    ),
  /** Express's error dispatch with nothing else: a prebuilt error, bare node calls. */
  floor: () => appWith({ notFound: () => FLOOR_ERROR, unauthorized: () => FLOOR_ERROR, tooManyRequests: () => FLOOR_ERROR }, floorHandler),
  /** (d) node:http, no framework. */
  raw: rawListener,
} satisfies Record<string, () => Express | http.RequestListener>;

export type Implementation = keyof typeof IMPLEMENTATIONS;

/** Starts `name` on a free loopback port. */
export function listen(name: Implementation): Promise<http.Server> {
  const server = http.createServer(IMPLEMENTATIONS[name]());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
