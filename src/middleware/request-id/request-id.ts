import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidHeaderName } from '../../headers/safe-header';
import { isValidRequestId } from '../../headers/request-id-syntax';

export { isValidRequestId };

/** The default request-id header, read from requests and written on responses. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

const HEADER_NAME = Symbol.for('express-api-errors.requestIdHeader');

type RequestWithId = IncomingMessage & { id?: unknown; [HEADER_NAME]?: string };

/** A new unique request id, `req_` and a random UUID. */
export function generateRequestId(): string {
  return `req_${randomUUID()}`;
}

/** The request id of `req` (set by `requestId()` or pino-http), or `undefined` when it has none or an unsafe one. */
export function getRequestId(req: IncomingMessage): string | undefined {
  const id = (req as RequestWithId).id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return isValidRequestId(id) ? id : undefined;
}

/** The header the request id of `req` is written to: the one `requestId()` was given, else `fallback`. */
export function requestIdHeaderOf(req: IncomingMessage, fallback = REQUEST_ID_HEADER): string {
  return (req as RequestWithId)[HEADER_NAME] ?? fallback;
}

/**
 * The request id to answer with: the one the request has, or a new one stored on `req.id`; the
 * response header is set to it when not already there, so body and header always agree.
 */
export function ensureRequestId(req: IncomingMessage, res: ServerResponse, header = REQUEST_ID_HEADER): string {
  const request = req as RequestWithId;
  let id = getRequestId(req);
  if (id === undefined) {
    id = generateRequestId();
    request.id = id;
  }
  const name = requestIdHeaderOf(req, header);
  if (!res.headersSent && res.getHeader(name) !== id) res.setHeader(name, id);
  return id;
}

/** Options of {@link requestId}. */
export interface RequestIdOptions {
  /** Header read from requests and written on responses. Default `X-Request-Id`. */
  readonly header?: string;
  /** Take a safe incoming id instead of generating one. Default `true`; turn off at the edge of untrusted networks. */
  readonly trustIncoming?: boolean;
  /** Generates ids; the result must be a safe id, or the default generator is used. */
  readonly generate?: () => string;
}

/**
 * Gives every request an id: a safe incoming `X-Request-Id` (letters, digits, `-_.:`, at most
 * 128 characters) or a generated one. Sets `req.id` and the response header.
 *
 * @example app.use(requestId());
 */
export function requestId(
  options: RequestIdOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const header = options.header ?? REQUEST_ID_HEADER;
  if (!isValidHeaderName(header)) throw new TypeError(`requestId: "${header}" is not a valid header name`);
  const lowerHeader = header.toLowerCase();
  const trustIncoming = options.trustIncoming ?? true;
  const generate = options.generate;
  return function requestIdMiddleware(req, res, next) {
    const incoming = trustIncoming ? req.headers[lowerHeader] : undefined;
    let id: string | undefined = isValidRequestId(incoming) ? incoming : undefined;
    if (id === undefined && generate !== undefined) {
      const generated = generate();
      id = isValidRequestId(generated) ? generated : undefined;
    }
    id ??= generateRequestId();
    const request = req as RequestWithId;
    request.id = id;
    request[HEADER_NAME] = header;
    res.setHeader(header, id);
    next();
  };
}
