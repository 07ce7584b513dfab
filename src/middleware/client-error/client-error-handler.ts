import type { Duplex } from 'node:stream';
import { resolveStatusInfo } from '../../catalog';
import { ENVELOPE_MEDIA_TYPE, toEnvelope } from '../../formats/envelope';
import type { ErrorView } from '../../formats/error-view';
import { PROBLEM_MEDIA_TYPE, toProblemDetails } from '../../formats/problem-details';
import { isValidHeaderName } from '../../headers/safe-header';
import { isValidRequestId } from '../../headers/request-id-syntax';
import { defaultLogger, type ErrorLogger, type LogLevel } from '../../logging/logger';
import { generateRequestId, REQUEST_ID_HEADER, type RequestIdMiddleware } from '../request-id/request-id';

/** Options of {@link clientErrorHandler}. */
export interface ClientErrorHandlerOptions {
  /** Body format: the JSON envelope (default) or RFC 9457 problem details. No request was parsed, so nothing is negotiated. */
  readonly format?: 'envelope' | 'problem';
  /** Base URI of problem `type`s (`<base><code>`); without it, `about:blank`. */
  readonly problemTypeBase?: string;
  /** Logger of the one line per answered client error; `false` logs nothing. Default: pino to stdout. */
  readonly logger?: ErrorLogger | false;
  /** Level of that line. Default `warn`. */
  readonly logLevel?: LogLevel | 'silent';
  /**
   * The app's `requestId()` middleware: its header and generator name the request id of these
   * answers too, so the header is configured in one place. Default: `X-Request-Id`, `req_<uuid>`.
   */
  readonly requestId?: Pick<RequestIdMiddleware, 'header' | 'newId'>;
}

/** The error Node hands to `'clientError'`: a parser error (`HPE_*`), a timeout, a socket error. */
export type ClientError = Error & { readonly code?: unknown; readonly reason?: unknown; readonly bytesParsed?: unknown };

/** What `server.on('clientError', ...)` takes. */
export type ClientErrorListener = (error: ClientError, socket: Duplex) => void;

// The statuses Node's own default listener answers with (lib/_http_server.js `socketOnError`):
// 431 for oversized headers (RFC 6585 §5), 413 for oversized chunk extensions, 408 for
// `server.requestTimeout` / `headersTimeout` (RFC 9110 §15.5.9), 400 for anything else unparsable.
const STATUS_BY_CODE: Readonly<Record<string, 408 | 413 | 431>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};
const CODE = /^[A-Z0-9_]{1,64}$/;
const MAX_LOGGED_TEXT = 256;
const LEVELS = new Set<unknown>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

type SocketWithMessage = Duplex & { readonly _httpMessage?: { readonly headersSent?: boolean } | null };

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value.slice(0, MAX_LOGGED_TEXT) : undefined);

/**
 * A `'clientError'` listener for `http.Server`: a request Node's parser refused (a malformed
 * request line or header, headers over `maxHeaderSize`, bad chunked encoding, a request timeout)
 * is answered in the same JSON body as every other error, with a generated request id, then the
 * connection is closed. A reset connection, or one whose response has started, is just destroyed
 * (Node's guidance for this event). One line is logged, without the request bytes.
 *
 * @example
 * const server = http.createServer(app);
 * server.on('clientError', clientErrorHandler({ logger }));
 */
export function clientErrorHandler(options: ClientErrorHandlerOptions = {}): ClientErrorListener {
  if ((options as { requestIdHeader?: unknown }).requestIdHeader !== undefined) {
    throw new TypeError('clientErrorHandler: `requestIdHeader` is no longer an option; pass the requestId() middleware as `requestId`');
  }
  const ids = options.requestId;
  const header = ids?.header ?? REQUEST_ID_HEADER;
  if (!isValidHeaderName(header))
    throw new TypeError(`clientErrorHandler: the requestId header "${String(header)}" is not a valid header name`);
  // The app's generator, checked on every use as requestId() does: its id goes into a raw head.
  const newId =
    ids === undefined
      ? generateRequestId
      : () => {
          const id = ids.newId();
          return isValidRequestId(id) ? id : generateRequestId();
        };
  const problem = options.format === 'problem';
  if (options.format !== undefined && !problem && options.format !== 'envelope') {
    throw new TypeError(`clientErrorHandler: format must be 'envelope' or 'problem', not "${String(options.format)}"`);
  }
  const level = options.logLevel ?? 'warn';
  // A typo here ('warning') would silently lose every line: fail at startup, as errorHandler does.
  if (!LEVELS.has(level)) throw new TypeError(`clientErrorHandler: logLevel "${String(level)}" is not a pino level or 'silent'`);
  const logger = options.logger;

  return function onClientError(error, socket) {
    const code = typeof error?.code === 'string' && CODE.test(error.code) ? error.code : undefined;
    // The peer is gone, or part of a response is on the wire: any bytes now would corrupt it.
    if (code === 'ECONNRESET' || !socket.writable || (socket as SocketWithMessage)._httpMessage?.headersSent === true) {
      socket.destroy();
      return;
    }
    const status = (code !== undefined ? STATUS_BY_CODE[code] : undefined) ?? 400;
    const info = resolveStatusInfo(status);
    let requestId: string;
    try {
      requestId = newId();
    } catch {
      requestId = generateRequestId();
    }
    const view: ErrorView = {
      status,
      title: info.phrase,
      code: info.code,
      message: info.message,
      details: undefined,
      requestId,
      instance: undefined,
      debug: undefined,
    };
    const body = JSON.stringify(problem ? toProblemDetails(view, { typeBase: options.problemTypeBase }) : toEnvelope(view));
    const head = [
      // RFC 9110 reason phrases, as errorHandler writes them (413 is "Content Too Large").
      `HTTP/1.1 ${status} ${info.phrase}`,
      `Date: ${new Date().toUTCString()}`,
      `Content-Type: ${problem ? PROBLEM_MEDIA_TYPE : ENVELOPE_MEDIA_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      `${header}: ${requestId}`,
      'Connection: close',
    ];
    if (logger !== false && level !== 'silent') {
      // `rawPacket` (the bytes Node could not parse) may hold credentials: never logged.
      const fields = {
        request_id: requestId,
        status,
        code: info.code,
        error: {
          code,
          reason: textOf(error?.reason),
          message: textOf(error?.message),
          bytes_parsed: typeof error?.bytesParsed === 'number' ? error.bytesParsed : undefined,
        },
      };
      try {
        (logger ?? defaultLogger())[level](fields, `client error -> ${status} ${info.code}${code === undefined ? '' : ` (${code})`}`);
      } catch {
        // A broken logger does not keep the client from its answer.
      }
    }
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  };
}
