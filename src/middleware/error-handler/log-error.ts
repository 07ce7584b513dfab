import type { IncomingMessage } from 'node:http';
import { isStackless, type ApiError } from '../../errors/api-error';
import { isErrorLogger, type ErrorLogger, type LogLevel } from '../../logging/logger';
import { serializeClientError, serializeError } from '../../logging/serialize-error';
import { readInherited } from '../../utils/inherited-read';
import { requestPath } from '../../utils/request-path';
import { getState, ROUTE_TEMPLATE } from '../../request-state';
import { isLogLevel, type ErrorHandlerConfig } from './options';
import type { ActiveTrace } from '../../tracing/active-trace';

/**
 * pino-http's child logger on the request wins over the configured one: it carries the request's
 * context. A `req.log` without the method for this level falls back, so no line is lost.
 */
function loggerFor(config: ErrorHandlerConfig, req: IncomingMessage, level: LogLevel): ErrorLogger | undefined {
  if (config.logger === undefined) return undefined;
  // pino-http's is an own property; an app may also put one on `app.request`.
  const own = readInherited(req, 'log');
  return isErrorLogger(own) && typeof own[level] === 'function' ? own : config.logger();
}

/** Writes one line to the request's logger; logging must never break the response. */
export function writeLog(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  level: LogLevel,
  fields: Record<string, unknown>,
  message: string,
): void {
  try {
    const logger = loggerFor(config, req, level);
    if (logger !== undefined) logger[level](fields, message);
  } catch {
    // A broken logger is the app's problem to find; the client still gets its answer.
  }
}

// A stack of one line (`NotFoundError: ...`) is a 4xx thrown without capturing one: it only
// repeats the type and message.
const hasFrames = (stack: unknown): boolean => typeof stack === 'string' && stack.includes('\n');

/**
 * The logged `error`. A 4xx thrown on purpose (no cause, no stack captured) is logged by what the
 * line does not already say: its type, message, details and headers, without the status, code and
 * one-line stack that repeat it. Anything else in full.
 */
function loggedError(error: ApiError): unknown {
  if (error.status < 500 && error.cause === undefined && (isStackless(error) || !hasFrames(error.stack)))
    return serializeClientError(error);
  return serializeError(error);
}

/**
 * Logs an error once: the request id, method, path (and route template when known), status and
 * code, and the error itself with its
 * stack, cause chain and AggregateError members (credentials redacted). With an active span,
 * `trace_id` and `span_id` (the names OpenTelemetry's log correlation uses) tie the line to its trace.
 * A line held back by flood suppression costs no serialisation; the next one written for its
 * key says how many were held back (`suppressed`).
 */
export function logError(config: ErrorHandlerConfig, req: IncomingMessage, error: ApiError, requestId: string, trace?: ActiveTrace): void {
  // `logger: false`: no line will be written, so don't pay for serializing the error (its stack).
  if (config.logger === undefined) return;
  let level: LogLevel | 'silent';
  try {
    level = config.levelOf(error);
    if (!isLogLevel(level)) throw new TypeError('not a level');
  } catch {
    level = error.status >= 500 ? 'error' : 'warn';
  }
  if (level === 'silent') return;
  let route: string | undefined;
  try {
    // Known when statusMetrics() watches the routing: the template groups one endpoint's errors.
    route = getState(req, ROUTE_TEMPLATE)?.();
  } catch {
    route = undefined;
  }
  let suppressed = 0;
  if (config.logSampler !== undefined) {
    suppressed = config.logSampler.admit(error.status, error.code, route, level);
    if (suppressed < 0) return;
  }
  // Only for a line that is written: a held-back one costs the sampler's look-up alone.
  const path = requestPath(req);
  const fields: Record<string, unknown> = {
    request_id: requestId,
    method: req.method,
    path,
    status: error.status,
    code: error.code,
    // Not `err`: pino's own err serializer would flatten the cause chain and undo the redaction.
    error: loggedError(error),
  };
  if (route !== undefined) fields.route = route;
  if (suppressed > 0) fields.suppressed = suppressed;
  if (trace !== undefined) {
    fields.trace_id = trace.traceId;
    fields.span_id = trace.spanId;
  }
  writeLog(config, req, level, fields, `${req.method ?? 'GET'} ${path} -> ${error.status} ${error.code}`);
}
