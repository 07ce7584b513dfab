import { METHODS, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolveStatusInfo, type ResolvedStatusInfo } from '../../catalog';
import type { ApiError } from '../../errors/api-error';
import { inheritRealm } from '../../headers/challenge';
import { appendLink } from '../../headers/link';
import { normalizeRetryAfter } from '../../headers/retry-after';
import { isSafeHeaderValue, isValidHeaderName } from '../../headers/safe-header';
import { addVary } from '../../headers/vary';
import { allowedMethods } from '../../http/allowed-methods';
import { ENVELOPE_MEDIA_TYPE, toEnvelope } from '../../formats/envelope';
import type { ErrorView } from '../../formats/error-view';
import { runFormatter, type CheckedRepresentation, type ErrorFormatter } from '../../formats/formatter';
import { prefersProblemDetails } from '../../formats/negotiate';
import { PROBLEM_MEDIA_TYPE, problemTypeUri, toProblemDetails } from '../../formats/problem-details';
import { serializeError } from '../../logging/serialize-error';
import { activeTraceId } from '../../tracing/active-trace';
import { requestInstance, targetPath } from '../../utils/request-path';
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
// response copied into one) must not set them, nor overwrite the request id the body names. The
// handler itself writes `Connection: upgrade` where Upgrade needs it.
const HANDLER_OWNED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'proxy-connection', 'trailer']);

// The challenge fields, each with the status that requires it (RFC 9110 §11.6.1, §11.7.1).
const CHALLENGE_HEADERS = [
  ['WWW-Authenticate', 401],
  ['Proxy-Authenticate', 407],
] as const;

/** HTTP/2 and later forbid connection-specific fields, Upgrade among them (RFC 9113 §8.2.2). */
const isHttp1 = (req: IncomingMessage): boolean => req.httpVersionMajor === 1;

function setErrorHeaders(config: ErrorHandlerConfig, req: IncomingMessage, res: ServerResponse, error: ApiError, requestId: string): void {
  const headers = error.headers;
  let requestIdHeader: string | undefined;
  for (const name of Object.keys(headers)) {
    let value = headers[name] as unknown;
    const lower = name.toLowerCase();
    requestIdHeader ??= requestIdHeaderOf(req).toLowerCase();
    if (HANDLER_OWNED.has(lower) || lower === requestIdHeader) continue;
    if (lower === 'upgrade' && !isHttp1(req)) continue;
    if (lower === 'retry-after' && typeof value === 'string') {
      // Only the typed `retryAfter` option is formatted at construction; a plain header or a
      // foreign error's may say `5.5` or `soon` (RFC 9110 §10.2.3 has neither).
      value = normalizeRetryAfter(value);
      if (value === undefined) {
        writeLog(
          config,
          req,
          'warn',
          { request_id: requestId, status: error.status, header: name },
          'dropped an invalid Retry-After header',
        );
        continue;
      }
    }
    if (isValidHeaderName(name) && typeof value === 'string' && isSafeHeaderValue(value, config.maxHeaderLength)) {
      res.setHeader(name, value);
    } else {
      // Neither the value (it may be an injection attempt) nor its content is logged, only where it was.
      writeLog(
        config,
        req,
        'warn',
        { request_id: requestId, header: String(name).slice(0, 256), length: typeof value === 'string' ? value.length : undefined },
        'dropped an unsafe error header',
      );
    }
  }
}

/**
 * A blank challenge is none (RFC 9110 §11.6.1 wants at least one): it is removed, so the default
 * fills in where the status requires one. A challenge without a realm takes the default's of the
 * same scheme, so a Bearer `error="invalid_token"` challenge (RFC 6750 §3) still names the realm.
 */
function normalizeChallenges(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  res: ServerResponse,
  error: ApiError,
  requestId: string,
): void {
  for (const [name, requiredBy] of CHALLENGE_HEADERS) {
    const current = res.getHeader(name);
    if (current === undefined) continue;
    const value = Array.isArray(current) ? current.join(', ') : String(current);
    if (value.trim() === '') {
      res.removeHeader(name);
      continue;
    }
    const defaults = config.requiredHeaders[name];
    const inherited = inheritRealm(value, defaults ?? '');
    if (inherited === undefined) {
      res.removeHeader(name);
      const action = error.status === requiredBy ? 'replaced' : 'dropped';
      writeLog(
        config,
        req,
        'warn',
        { request_id: requestId, status: error.status, header: name, length: value.length },
        `${action} a ${name} value that holds no challenge`,
      );
    } else if (inherited !== value && isSafeHeaderValue(inherited, config.maxHeaderLength)) {
      res.setHeader(name, inherited);
    }
  }
}

/**
 * What `Allow` says when the error names no methods: the methods the app's routes answer for this
 * path, without the one just refused. `app.all()` registers every method Node knows, so a list
 * that long says nothing; then, as without routes, the configured value (default `""`).
 */
function computedAllow(config: ErrorHandlerConfig, req: IncomingMessage): string | undefined {
  const app = (req as IncomingMessage & { app?: unknown }).app;
  if (typeof app !== 'function' && (typeof app !== 'object' || app === null)) return config.requiredHeaders.Allow;
  const methods = allowedMethods(app, targetPath(req.url ?? '/')).filter((method) => method !== req.method);
  return methods.length > 0 && methods.length < METHODS.length - 1 ? methods.join(', ') : config.requiredHeaders.Allow;
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
    if (rule.name === 'Upgrade' && !isHttp1(req)) continue;
    const fallback = rule.name === 'Allow' ? computedAllow(config, req) : config.requiredHeaders[rule.name];
    if (fallback !== undefined && isSafeHeaderValue(fallback, config.maxHeaderLength)) res.setHeader(rule.name, fallback);
    else
      writeLog(
        config,
        req,
        'warn',
        { request_id: requestId, status: error.status, header: rule.name },
        `a ${error.status} response lacks the required ${rule.name} header`,
      );
  }
}

/**
 * A sender of Upgrade MUST send the `upgrade` connection option (RFC 9110 §7.8). Setting
 * Connection stops Node from writing its own, so a connection that is to close says so too.
 */
function addUpgradeOption(req: IncomingMessage, res: ServerResponse): void {
  if (!isHttp1(req) || !res.hasHeader('Upgrade')) return;
  const current = res.getHeader('Connection');
  const closing =
    (res as ServerResponse & { shouldKeepAlive?: boolean }).shouldKeepAlive === false ||
    /(?:^|[\s,])close(?:$|[\s,])/i.test(String(current ?? ''));
  res.setHeader('Connection', closing ? 'upgrade, close' : 'upgrade');
}

/** The page documenting `code`, with a docs base. */
export function docUrlOf(config: ErrorHandlerConfig, code: string): string | undefined {
  return config.docsBaseUrl === undefined ? undefined : problemTypeUri(config.docsBaseUrl, code);
}

/**
 * What the client may see of an error: its message and details only when exposed (a 5xx is
 * masked unless created with `expose: true`), the stack in development mode only.
 */
function viewOf(config: ErrorHandlerConfig, req: IncomingMessage, error: ApiError, requestId: string, problem: boolean): ErrorView {
  const info = resolveStatusInfo(error.status);
  // A formatter gets every member; of the built-in formats only problem details name the
  // instance, and they have `type` for the docs URL (RFC 9457 §3.1.1).
  const custom = config.formatter !== undefined;
  const docUrl = problem ? undefined : docUrlOf(config, error.code);
  return {
    status: error.status,
    title: info.phrase,
    code: error.code,
    message: error.expose ? error.message : info.message,
    details: error.expose ? error.details : undefined,
    requestId,
    instance: (problem || custom) && config.problemInstance ? requestInstance(req) : undefined,
    debug: config.development ? { stack: error.stack, cause: serializeError(error.cause) } : undefined,
    docUrl,
    ...(config.tracing?.exposeTraceId === true ? traceIdMember() : undefined),
  };
}

// Only when asked for: the active span's trace id, or nothing without one.
function traceIdMember(): { traceId: string } | undefined {
  const traceId = activeTraceId();
  return traceId === undefined ? undefined : { traceId };
}

/** The body of a view in the format the request gets. */
export function formatBody(config: ErrorHandlerConfig, view: ErrorView, problem: boolean): string {
  return JSON.stringify(problem ? toProblemDetails(view, { typeBase: config.problemTypeBase }) : toEnvelope(view));
}

const ACCEPT: readonly string[] = ['Accept'];

/** The body of a view in a built-in format, with its media type; `Vary: Accept` when negotiated. */
export function builtInRepresentation(config: ErrorHandlerConfig, view: ErrorView, problem: boolean): CheckedRepresentation {
  return {
    body: formatBody(config, view, problem),
    type: problem ? PROBLEM_MEDIA_TYPE : ENVELOPE_MEDIA_TYPE,
    vary: config.format === 'negotiate' ? ACCEPT : undefined,
  };
}

/**
 * The app formatter's body for the view; if it throws or returns something invalid, the failure
 * is logged (never sent: it may name internals) and the view is answered in the envelope.
 */
function formattedRepresentation(
  config: ErrorHandlerConfig,
  formatter: ErrorFormatter,
  req: IncomingMessage,
  view: ErrorView,
): CheckedRepresentation {
  try {
    // Frozen: the formatter reads the view; the fallback below must still get it as computed.
    return runFormatter(formatter, Object.freeze(view), req);
  } catch (failure) {
    writeLog(
      config,
      req,
      'error',
      { request_id: view.requestId, status: view.status, code: view.code, error: serializeError(failure) },
      'the error formatter failed; answered with the default envelope',
    );
    return builtInRepresentation(config, view, false);
  }
}

/**
 * Writes what every error response has, the last-resort 500 included: status and reason phrase,
 * media type, length, nosniff, Cache-Control, Vary, the docs Link, then the body (none for HEAD).
 */
export function writeRepresentation(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  res: ServerResponse,
  info: ResolvedStatusInfo,
  code: string,
  representation: CheckedRepresentation,
): void {
  const docUrl = docUrlOf(config, code);
  if (docUrl !== undefined) appendLink(res, `<${docUrl}>; rel="describedby"`);
  res.statusCode = info.status;
  // HTTP/2 has no reason phrase and Node warns when one is set.
  if (isHttp1(req)) res.statusMessage = info.phrase;
  const { body } = representation;
  res.setHeader('Content-Type', representation.type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (info.noStore) res.setHeader('Cache-Control', 'no-store');
  else if (config.cacheControl !== false) res.setHeader('Cache-Control', config.cacheControl);
  if (representation.vary !== undefined) for (const name of representation.vary) addVary(res, name);
  // Error statuses are 4xx and 5xx: all take a body (RFC 9110 §6.4.1), except in answer to HEAD.
  res.end(req.method === 'HEAD' ? undefined : body);
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
  const formatter = config.formatter;
  const problem = formatter === undefined && prefersProblemDetails(config.format, req);
  const view = viewOf(config, req, error, requestId, problem);
  const representation =
    formatter === undefined ? builtInRepresentation(config, view, problem) : formattedRepresentation(config, formatter, req, view);

  for (const name of res.getHeaderNames()) if (STALE_HEADERS.has(name)) res.removeHeader(name);
  setErrorHeaders(config, req, res, error, requestId);
  normalizeChallenges(config, req, res, error, requestId);
  fillRequiredHeaders(config, req, res, error, requestId);
  addUpgradeOption(req, res);
  writeRepresentation(config, req, res, info, error.code, representation);
}
