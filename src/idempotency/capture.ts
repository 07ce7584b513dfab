import { OutgoingMessage, type ServerResponse } from 'node:http';
import type { StoredResponse } from './store';
import { markResponseEnding } from '../utils/response-ending';
import { hookResponse, type ResponseHook, type ResponseMethod } from './response-hook';

/**
 * Called once, when the handler ends the response, with what it sent (`undefined` when the body
 * outgrew the limit). A returned promise holds the response until it settles, so the response is
 * stored before the client sees it (and may retry); it must not reject.
 */
export type EndHook = (captured: StoredResponse | undefined) => PromiseLike<void> | undefined;

// One record per captured response: the hook its response's write() and end() hand over to.
class Capture implements ResponseHook {
  chunks: Buffer[] = [];
  size = 0;
  overflow = false;
  ended = false;

  constructor(
    readonly headerNames: ReadonlySet<string>,
    readonly maxBodyBytes: number,
    readonly onEnd: EndHook,
  ) {}

  write(res: ServerResponse, write: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown {
    if (!this.ended) collect(this, chunk, encoding);
    return write.call(res, chunk, encoding, callback);
  }

  end(res: ServerResponse, end: ResponseMethod, chunk: unknown, encoding: unknown, callback: unknown): unknown {
    return capturedEnd(res, this, end, chunk, encoding, callback);
  }
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}

function collect(capture: Capture, chunk: unknown, encoding: unknown): void {
  if (capture.overflow) return;
  const buffer = toBuffer(chunk, encoding);
  if (buffer === undefined || buffer.length === 0) return;
  capture.size += buffer.length;
  if (capture.size > capture.maxBodyBytes) {
    capture.overflow = true;
    capture.chunks = [];
  } else {
    capture.chunks.push(buffer);
  }
}

// RFC 9110 §6.4.1: these never have content, so no Content-Length is added for them.
function hasContent(status: number, method: string | undefined): boolean {
  return method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304;
}

function capturedEnd(
  res: ServerResponse,
  capture: Capture,
  end: ResponseMethod,
  chunk: unknown,
  encoding: unknown,
  callback: unknown,
): unknown {
  // A second end() while the first is held (a handler that answered, then threw) changes nothing.
  if (capture.ended) return res;
  // end(callback) and end(chunk, callback) as Node reads them.
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = undefined;
    encoding = undefined;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = undefined;
  }
  // A chunk Node cannot write: let Node throw its usual error to the handler, now, not later
  // inside a held end() where it would be an unhandled rejection and a hung response.
  if (chunk !== undefined && chunk !== null && toBuffer(chunk, encoding) === undefined) return end.call(res, chunk, encoding, callback);
  capture.ended = true;
  collect(capture, chunk, encoding);
  const settled = capture.onEnd(capture.overflow ? undefined : snapshot(res, capture));
  if (settled === undefined) return end.call(res, chunk, encoding, callback);
  // Corked, the head and the body still leave in one write once the store has answered.
  const socket = res.socket;
  socket?.cork();
  // headersSent is true from here on while writableEnded is not yet: tell the error handler this
  // response is complete, so a handler that answers and then throws does not get it cut off.
  markResponseEnding(res);
  if (!res.headersSent) {
    // Node would have framed a single-chunk body with Content-Length; flushing first must not turn it chunked.
    if (!res.hasHeader('Content-Length') && !res.hasHeader('Transfer-Encoding') && hasContent(res.statusCode, res.req?.method)) {
      res.setHeader('Content-Length', toBuffer(chunk, encoding)?.length ?? 0);
    }
    res.flushHeaders();
  }
  void settled.then(() => {
    try {
      end.call(res, chunk, encoding, callback);
    } catch (error) {
      res.destroy(error as Error);
    } finally {
      socket?.uncork();
    }
  });
  return res;
}

const PROBE = 'x-idempotency-probe';
// Node's own key of that header map ({ lowerName: [name, value] }), read directly: getHeaderNames()
// would build an array per request and getHeader() lower-case each name again.
const headerMapKey = Object.getOwnPropertySymbols(new OutgoingMessage()).find((symbol) => symbol.description === 'kOutHeaders');
type HeaderMap = Record<string, readonly [name: string, value: number | string | readonly string[]]>;

// `undefined` where Node keeps no such map (a later Node without it): then read through the API.
function headerMapOf(res: ServerResponse): HeaderMap | null | undefined {
  return headerMapKey === undefined ? undefined : ((res as unknown as Record<symbol, HeaderMap | null>)[headerMapKey] ?? null);
}

// Node merges headers given to writeHead() into the ones set with setHeader(), where getHeader()
// reads them, once any header was set (OutgoingMessage's header map exists); with none set it
// writes them straight to the wire. Setting and removing one header creates that map (most apps
// have set one already), far cheaper than wrapping writeHead() as a third own property of `res`.
function ensureHeaderStore(res: ServerResponse): void {
  const map = headerMapOf(res);
  const exists = map === undefined ? res.getHeaderNames().length > 0 : map !== null;
  if (exists || res.headersSent) return;
  res.setHeader(PROBE, '1');
  res.removeHeader(PROBE);
}

const NO_BYTES = Buffer.alloc(0);

type HeaderPair = [string, string | readonly string[]];
const headerValue = (value: number | string | readonly string[]): string | readonly string[] =>
  typeof value === 'number' ? String(value) : value;

// In the order the app set them; a response sets few headers, the replay list names many.
function replayedHeaders(res: ServerResponse, names: ReadonlySet<string>): HeaderPair[] {
  const headers: HeaderPair[] = [];
  const map = headerMapOf(res);
  if (map === undefined) {
    for (const name of res.getHeaderNames()) {
      const value = names.has(name) ? res.getHeader(name) : undefined;
      if (value !== undefined) headers.push([name, headerValue(value)]);
    }
  } else if (map !== null) {
    for (const name in map) if (names.has(name)) headers.push([name, headerValue((map[name] as HeaderMap[string])[1])]);
  }
  return headers;
}

// The body is not copied here: the store copies what it keeps (see StoredResponse.body).
function snapshot(res: ServerResponse, capture: Capture): StoredResponse {
  const { chunks } = capture;
  const body = chunks.length === 1 ? (chunks[0] as Buffer) : chunks.length === 0 ? NO_BYTES : Buffer.concat(chunks, capture.size);
  return {
    status: res.statusCode,
    statusMessage: res.statusMessage || undefined,
    headers: replayedHeaders(res, capture.headerNames),
    body,
  };
}

/** A capture under way: `ended` once the handler's `end()` reached it. */
export interface ResponseCapture {
  readonly ended: boolean;
}

/**
 * Records what the handler writes (status line, the named headers, every body byte) by hooking
 * `write` and `end`. When `onEnd` returns a promise, the end of the response waits for it while
 * the headers go out at once, so the app sees `headersSent` and cannot start a second response.
 */
export function captureResponse(
  res: ServerResponse,
  headerNames: ReadonlySet<string>,
  maxBodyBytes: number,
  onEnd: EndHook,
): ResponseCapture {
  ensureHeaderStore(res);
  const capture = new Capture(headerNames, maxBodyBytes, onEnd);
  hookResponse(res, capture);
  return capture;
}
