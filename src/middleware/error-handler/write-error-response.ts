import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveStatusInfo } from '../../catalog';
import type { ApiError } from '../../errors/api-error';
import { isSafeHeaderValue, isValidHeaderName } from '../../headers/safe-header';
import { addVary } from '../../headers/vary';
import { ENVELOPE_MEDIA_TYPE, toEnvelope } from '../../formats/envelope';
import type { ErrorView } from '../../formats/error-view';
import { prefersProblemDetails } from '../../formats/negotiate';
import { PROBLEM_MEDIA_TYPE, toProblemDetails } from '../../formats/problem-details';
import { serializeError } from '../../logging/serialize-error';
import { requestInstance } from '../../utils/request-path';
import { requestIdHeaderOf } from '../request-id/request-id';
import { writeLog } from './log-error';
import type { ErrorHandlerConfig } from './options';

// Headers an earlier handler may have set for the representation it meant to send; they would
// describe the error body wrongly (finalhandler removes the same, and we also drop validators).
// Lower case, matched against `getHeaderNames()`: a walk over the few headers actually set
// instead of seven `removeHeader` calls per error.
const STALE_HEADERS = new Set([
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'content-location',
  'etag',
  'last-modified',
]);


// Framing and connection headers belong to Node and to this handler: an error (or an upstream
// response copied into one) must not set them, nor overwrite the request id the body names.
const HANDLER_OWNED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'trailer']);

function setErrorHeaders(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  res: ServerResponse,
  error: ApiError,
  requestId: string,
): void {
  const headers = error.headers;
  let requestIdHeader: string | undefined;
  for (const name of Object.keys(headers)) {
    const value = headers[name] as unknown;
    const lower = name.toLowerCase();
    requestIdHeader ??= requestIdHeaderOf(req, config.requestIdHeader).toLowerCase();
    if (HANDLER_OWNED.has(lower) || lower === requestIdHeader) continue;
    if (isValidHeaderName(name) && typeof value === 'string' && isSafeHeaderValue(value, config.maxHeaderLength)) {
      res.setHeader(name, value);
    } else {
      // Neither the value (it may be an injection attempt) nor its content is logged, only where it was.
      writeLog(config, req, 'warn', { request_id: requestId, header: String(name).slice(0, 256), length: typeof value === 'string' ? value.length : undefined }, 'dropped an unsafe error header');
    }
  }
}

function fillRequiredHeaders(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  res: ServerResponse,
  error: ApiError,
  requestId: string,
): void {
  for (const rule of resolveStatusInfo(error.status).headers) {
    if (rule.need !== 'required' || res.hasHeader(rule.name)) continue;
    const fallback = config.requiredHeaders[rule.name];
    if (fallback !== undefined && isSafeHeaderValue(fallback, config.maxHeaderLength)) res.setHeader(rule.name, fallback);
    else writeLog(config, req, 'warn', { request_id: requestId, status: error.status, header: rule.name }, `a ${error.status} response lacks the required ${rule.name} header`);
  }
}

function viewOf(config: ErrorHandlerConfig, req: IncomingMessage, error: ApiError, requestId: string, problem: boolean): ErrorView {
  const info = resolveStatusInfo(error.status);
  return {
    status: error.status,
    title: info.phrase,
    code: error.code,
    message: error.expose ? error.message : info.message,
    details: error.expose ? error.details : undefined,
    requestId,
    // Only problem details name the instance; the envelope never reads it.
    instance: problem && config.problemInstance ? requestInstance(req) : undefined,
    debug: config.development ? { stack: error.stack, cause: serializeError(error.cause) } : undefined,
  };
}

/** Writes the status, headers and body (none for HEAD) of an error response. */
export function writeErrorResponse(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  res: ServerResponse,
  error: ApiError,
  requestId: string,
): void {
  const info = resolveStatusInfo(error.status);
  const problem = prefersProblemDetails(config.format, req);
  const view = viewOf(config, req, error, requestId, problem);
  const body = JSON.stringify(problem ? toProblemDetails(view, { typeBase: config.problemTypeBase }) : toEnvelope(view));

  for (const name of res.getHeaderNames()) if (STALE_HEADERS.has(name)) res.removeHeader(name);
  setErrorHeaders(config, req, res, error, requestId);
  fillRequiredHeaders(config, req, res, error, requestId);

  res.statusCode = error.status;
  // HTTP/2 has no reason phrase and Node warns when one is set.
  if (req.httpVersionMajor === 1) res.statusMessage = info.phrase;
  res.setHeader('Content-Type', problem ? PROBLEM_MEDIA_TYPE : ENVELOPE_MEDIA_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (info.noStore) res.setHeader('Cache-Control', 'no-store');
  else if (config.cacheControl !== false) res.setHeader('Cache-Control', config.cacheControl);
  if (config.format === 'negotiate') addVary(res, 'Accept');
  res.end(req.method === 'HEAD' ? undefined : body);
}
