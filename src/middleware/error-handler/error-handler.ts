import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../errors/api-error';
import { createError } from '../../errors/create-error';
import { toApiError } from '../../errors/to-api-error';
import { isResponseEnding } from '../../utils/response-ending';
import { ensureRequestId, generateRequestId } from '../request-id/request-id';
import { serializeError } from '../../logging/serialize-error';
import { logError, writeLog } from './log-error';
import { resolveOptions, type ErrorHandlerOptions } from './options';
import { writeErrorResponse } from './write-error-response';
import { resolveStatusInfo } from '../../catalog';
import { ENVELOPE_MEDIA_TYPE, toEnvelope } from '../../formats/envelope';

const RESPONSE_ERROR = Symbol.for('express-api-errors.responseError');

/** The error a response was answered with by {@link errorHandler}, for metrics and access logs. */
export function getResponseError(res: ServerResponse): ApiError | undefined {
  return (res as ServerResponse & { [RESPONSE_ERROR]?: ApiError })[RESPONSE_ERROR];
}

/** An Express error-handling middleware (four parameters). */
export type ErrorMiddleware = (
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The central error middleware: turns anything thrown into the right status, headers and one JSON
 * body (the envelope or RFC 9457 problem details), and logs it once. Mount it last.
 *
 * @example
 * app.use(requestId());
 * app.get('/users/:id', (req) => { throw new NotFoundError(`User ${req.params.id} was not found`); });
 * app.use(notFoundHandler());
 * app.use(errorHandler({ logger }));
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorMiddleware {
  const config = resolveOptions(options);
  return function apiErrorHandler(thrown, req, res, next) {
    const error = toApiError(thrown, config);
    let requestId: string;
    try {
      requestId = ensureRequestId(req, res, config.requestIdHeader);
    } catch {
      requestId = generateRequestId();
    }
    try {
      logError(config, req, error, requestId);
    } catch {
      // Logging never stands between the client and its answer.
    }
    if (res.headersSent) {
      // A complete response stays as it was (its keep-alive connection too); one cut off
      // mid-body is handed to Express's final handler, which closes the connection.
      if (!isResponseEnding(res)) next(error);
      return;
    }
    (res as ServerResponse & { [RESPONSE_ERROR]?: ApiError })[RESPONSE_ERROR] = error;
    try {
      writeErrorResponse(config, req, res, error, requestId);
    } catch (failure) {
      // e.g. details that JSON cannot write (a BigInt, a cycle): a bug worth an error line.
      writeLog(config, req, 'error', { request_id: requestId, status: 500, error: serializeError(failure) }, 'failed to write the error response');
      writeFallback(res, failure, config.requestIdHeader, requestId, next);
    }
  };
}

// Reached only if writing the response itself failed (a broken socket, a hostile header set by
// an earlier middleware): answer a bare 500 if still possible, else let Express close the socket.
function writeFallback(
  res: ServerResponse,
  failure: unknown,
  requestIdHeader: string,
  requestId: string,
  next: (error?: unknown) => void,
): void {
  if (res.headersSent) {
    next(createError(500, undefined, { cause: failure }));
    return;
  }
  try {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const info = resolveStatusInfo(500);
    const body = JSON.stringify(
      toEnvelope({ status: 500, title: info.phrase, code: info.code, message: info.message, details: undefined, requestId, instance: undefined, debug: undefined }),
    );
    res.statusCode = 500;
    res.setHeader('Content-Type', ENVELOPE_MEDIA_TYPE);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader(requestIdHeader, requestId);
    res.end(body);
  } catch {
    next(createError(500, undefined, { cause: failure }));
  }
}
