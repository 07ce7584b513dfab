import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { ApiError } from '../../errors/api-error';
import { toApiError } from '../../errors/to-api-error';
import { isResponseEnding } from '../../utils/response-ending';
import { getState, RESPONSE_ERROR, setState } from '../../request-state';
import { ensureRequestId, generateRequestId, requestIdHeaderOf } from '../request-id/request-id';
import { serializeError } from '../../logging/serialize-error';
import { logError, writeLog } from './log-error';
import { resolveOptions, type ErrorHandlerOptions } from './options';
import { builtInRepresentation, docUrlOf, writeErrorResponse, writeRepresentation } from './write-error-response';
import { resolveStatusInfo } from '../../catalog';
import { prefersProblemDetails } from '../../formats/negotiate';
import { requestInstance } from '../../utils/request-path';
import type { ErrorHandlerConfig } from './options';
import { activeTrace } from '../../tracing/active-trace';
import { recordError } from '../../tracing/record-error';
import { reportError } from './report-error';

/** The error a response was answered with by {@link errorHandler}, for metrics and access logs. */
export function getResponseError(res: ServerResponse): ApiError | undefined {
  return getState(res, RESPONSE_ERROR);
}

/** An Express error-handling middleware (four parameters). */
export type ErrorMiddleware = (error: unknown, req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The central error middleware: turns anything thrown into the right status, headers and one JSON
 * body (the envelope or RFC 9457 problem details), logs it once, and hands 5xx to `onError` (an
 * error tracker) once the response is decided. Mount it last.
 *
 * @example
 * app.use(requestId());
 * app.get('/users/:id', (req) => { throw new NotFoundError(`User ${req.params.id} was not found`); });
 * app.use(notFoundHandler());
 * app.use(errorHandler({ logger }));
 */
export function errorHandler<Req extends IncomingMessage = Request>(options: ErrorHandlerOptions<Req> = {}): ErrorMiddleware {
  const config = resolveOptions(options);
  // Four parameters, or Express would not call it with errors; `next` is never called: see below.
  return function apiErrorHandler(thrown, req, res, _next) {
    const error = toApiError(thrown, config);
    let requestId: string;
    try {
      requestId = ensureRequestId(req, res);
    } catch {
      requestId = generateRequestId();
    }
    // The request's OpenTelemetry span, if any: its ids go on the log line.
    const tracing = config.tracing;
    const trace = tracing === undefined ? undefined : activeTrace();
    try {
      logError(config, req, error, requestId, trace);
    } catch {
      // Logging never stands between the client and its answer.
    }
    const headersSent = res.headersSent;
    let written = false;
    if (headersSent) {
      // A complete response stays as it was (its keep-alive connection too); one cut off
      // mid-body can only be ended by closing the connection, so the client sees it incomplete
      // (RFC 9112 §8). We close it ourselves: Express's final handler would do the same but
      // first print the error with console.error (outside env=test), cause and all.
      if (!isResponseEnding(res)) cutConnection(res);
    } else {
      written = respond(config, req, res, error, requestId);
    }
    // The response is decided (written, or left as it had started): the span learns how it ended,
    // then the app's error tracker; neither can change the answer any more.
    if (trace !== undefined && tracing !== undefined) recordError(trace, error, thrown, tracing);
    reportError(config, req, error, thrown, requestId, { written, headersSent });
  };
}

/** Writes the error's response; `false` when only the last-resort 500 could be written. */
function respond(config: ErrorHandlerConfig, req: IncomingMessage, res: ServerResponse, error: ApiError, requestId: string): boolean {
  setState(res, RESPONSE_ERROR, error);
  try {
    writeErrorResponse(config, req, res, error, requestId);
    return true;
  } catch (failure) {
    // e.g. details that JSON cannot write (a BigInt, a cycle): a bug worth an error line.
    writeLog(
      config,
      req,
      'error',
      { request_id: requestId, status: 500, error: serializeError(failure) },
      'failed to write the error response',
    );
    writeFallback(config, req, res, requestId);
    return false;
  }
}

function cutConnection(res: ServerResponse): void {
  try {
    res.destroy();
  } catch {
    // Already destroyed.
  }
}

// Reached only if writing the response itself failed (a broken socket, a hostile header set by
// an earlier middleware, details JSON cannot write): a bare 500 in the format the request gets
// (the envelope when the app has its own formatter: that may be what failed), with the headers of
// any 500, if still possible; else the connection is closed.
function writeFallback(config: ErrorHandlerConfig, req: IncomingMessage, res: ServerResponse, requestId: string): void {
  if (res.headersSent) return cutConnection(res);
  try {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const info = resolveStatusInfo(500);
    const problem = prefersProblemDetails(config.format, req);
    const docUrl = problem ? undefined : docUrlOf(config, info.code);
    const representation = builtInRepresentation(
      config,
      {
        status: 500,
        title: info.phrase,
        code: info.code,
        message: info.message,
        details: undefined,
        requestId,
        instance: problem && config.problemInstance ? requestInstance(req) : undefined,
        debug: undefined,
        ...(docUrl === undefined ? {} : { docUrl }),
      },
      problem,
    );
    res.setHeader(requestIdHeaderOf(req), requestId);
    writeRepresentation(config, req, res, info, info.code, representation);
  } catch {
    cutConnection(res);
  }
}
