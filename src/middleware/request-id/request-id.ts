import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidHeaderName } from '../../headers/safe-header';
import { isValidRequestId } from '../../headers/request-id-syntax';
import { getState, REQUEST_ID, setState } from '../../request-state';
import { requestTraceId } from '../../tracing/request-trace-id';

export { isValidRequestId };

/** The default request-id header, read from requests and written on responses. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

type RequestWithId = IncomingMessage & { id?: unknown };

/** A new unique request id, `req_` and a random UUID. */
export function generateRequestId(): string {
  return `req_${randomUUID()}`;
}

/**
 * The request id of `req`: the one `requestId()` gave it, else a safe `req.id` (pino-http's), else
 * `undefined`.
 */
export function getRequestId(req: IncomingMessage): string | undefined {
  // requestId()'s id is already in the response header: it wins over a req.id set after it.
  const own = getState(req, REQUEST_ID);
  if (own !== undefined) return own.id;
  const id = (req as RequestWithId).id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return isValidRequestId(id) ? id : undefined;
}

/** The header the request id of `req` is written to: the one `requestId()` was given, else `X-Request-Id`. */
export function requestIdHeaderOf(req: IncomingMessage): string {
  return getState(req, REQUEST_ID)?.header ?? REQUEST_ID_HEADER;
}

/**
 * The request id to answer with: the one the request has, or a new one stored on `req.id`; the
 * response header (`requestId()`'s, else `X-Request-Id`) is set to it when not already there, so
 * body and header always agree.
 */
export function ensureRequestId(req: IncomingMessage, res: ServerResponse): string {
  let state = getState(req, REQUEST_ID);
  if (state === undefined) {
    let id = getRequestId(req);
    if (id === undefined) {
      id = generateRequestId();
      (req as RequestWithId).id = id;
    }
    state = { id, header: REQUEST_ID_HEADER };
    setState(req, REQUEST_ID, state);
  }
  if (!res.headersSent && res.getHeader(state.header) !== state.id) res.setHeader(state.header, state.id);
  return state.id;
}

/** Options of {@link requestId}. */
export interface RequestIdOptions {
  /**
   * Header read from requests and written on responses. Default `X-Request-Id`. The one place it
   * is configured on the server: `errorHandler()` writes the id to it, and `clientErrorHandler()`
   * reads it from this middleware (its `requestId` option).
   */
  readonly header?: string;
  /** Take a safe incoming id instead of generating one. Default `true`; turn off at the edge of untrusted networks. */
  readonly trustIncoming?: boolean;
  /** Generates ids; the result must be a safe id, or the default generator is used. */
  readonly generate?: () => string;
  /**
   * Use the request's trace id (32 hex digits) as its id, so that support, logs and traces share
   * one: the active OpenTelemetry span's (`@opentelemetry/api` installed and a span active), else,
   * with `trustIncoming`, the one of a valid W3C `traceparent` header. It wins over an incoming
   * `X-Request-Id`; a request with neither gets an id as usual. Default `false`.
   */
  readonly useTraceId?: boolean;
}

/** The middleware {@link requestId} returns, with the settings other handlers read from it. */
export interface RequestIdMiddleware {
  (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** The header it reads and writes. */
  readonly header: string;
  /** A new id, from `generate` when it gives a safe one, else `req_<uuid>`. */
  readonly newId: () => string;
}

/**
 * Gives every request an id: a safe incoming `X-Request-Id` (letters, digits, `-_.:`, at most
 * 128 characters) or a generated one. Sets `req.id` and the response header.
 *
 * @example app.use(requestId());
 */
export function requestId(options: RequestIdOptions = {}): RequestIdMiddleware {
  const header = options.header ?? REQUEST_ID_HEADER;
  if (!isValidHeaderName(header)) throw new TypeError(`requestId: "${header}" is not a valid header name`);
  const lowerHeader = header.toLowerCase();
  const trustIncoming = options.trustIncoming ?? true;
  const generate = options.generate;
  const useTraceId = options.useTraceId === true;
  const newId = (): string => {
    if (generate !== undefined) {
      const generated = generate();
      if (isValidRequestId(generated)) return generated;
    }
    return generateRequestId();
  };
  const middleware = function requestIdMiddleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    const incoming = trustIncoming ? req.headers[lowerHeader] : undefined;
    const traced = useTraceId ? requestTraceId(req, trustIncoming) : undefined;
    const id = traced ?? (isValidRequestId(incoming) ? incoming : newId());
    (req as RequestWithId).id = id;
    setState(req, REQUEST_ID, { id, header });
    res.setHeader(header, id);
    next();
  };
  return Object.defineProperties(middleware, {
    header: { value: header, enumerable: true },
    newId: { value: newId, enumerable: true },
  }) as RequestIdMiddleware;
}
