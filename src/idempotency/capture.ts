import { OutgoingMessage, type ServerResponse } from 'node:http';
import type { StoredResponse } from './store';
import { markResponseEnding } from '../utils/response-ending';

/**
 * Called once, when the handler ends the response, with what it sent (`undefined` when the body
 * outgrew the limit). The response is held until the returned promise settles, so it is stored
 * before the client sees it (and may retry); it must not reject.
 */
export type EndHook = (captured: StoredResponse | undefined) => Promise<void>;

type Method = (this: ServerResponse, ...args: unknown[]) => unknown;

// One record per captured response, which two small closures (the `write` and `end` wrappers)
// hold: shared wrappers looking it up in a WeakMap measured no faster, and WeakMap entries are
// ephemerons the garbage collector must trace. Each own property added to Express's `res` costs
// about 2.5 µs (its prototype was swapped, so V8 copies its map); `write` and `end` must still be
// own properties, to survive Express swapping `res`'s prototype when a request enters a mounted
// sub-app. `writeHead` is not wrapped: see ensureHeaderStore().
interface Capture {
  readonly write: Method;
  readonly end: Method;
  readonly headerNames: readonly string[];
  readonly maxBodyBytes: number;
  readonly onEnd: EndHook;
  /** False when the store does its work before returning (MemoryStore): nothing to wait for. */
  readonly hold: boolean;
  chunks: Buffer[];
  size: number;
  overflow: boolean;
  ended: boolean;
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

function capturedWrite(res: ServerResponse, capture: Capture, args: unknown[]): unknown {
  if (!capture.ended) collect(capture, args[0], args[1]);
  return capture.write.apply(res, args);
}

function capturedEnd(this: ServerResponse, capture: Capture, args: unknown[]): unknown {
  // A second end() while the first is held (a handler that answered, then threw) changes nothing.
  if (capture.ended) return this;
  // end(callback), end(chunk, callback) or end(chunk, encoding, callback).
  const chunk = typeof args[0] === 'function' ? undefined : args[0];
  const encoding = chunk === undefined || typeof args[1] === 'function' ? undefined : args[1];
  // A chunk Node cannot write: let Node throw its usual error to the handler, now, not later
  // inside a held end() where it would be an unhandled rejection and a hung response.
  if (chunk !== undefined && chunk !== null && toBuffer(chunk, encoding) === undefined) return capture.end.apply(this, args);
  capture.ended = true;
  collect(capture, chunk, encoding);
  const captured = capture.overflow ? undefined : snapshot(this, capture);
  const settled = capture.onEnd(captured);
  if (!capture.hold) return capture.end.apply(this, args);
  // Corked, the head and the body still leave in one write once the store has answered.
  const socket = this.socket;
  socket?.cork();
  // headersSent is true from here on while writableEnded is not yet: tell the error handler this
  // response is complete, so a handler that answers and then throws does not get it cut off.
  markResponseEnding(this);
  if (!this.headersSent) {
    // Node would have framed a single-chunk body with Content-Length; flushing first must not turn it chunked.
    if (!this.hasHeader('Content-Length') && !this.hasHeader('Transfer-Encoding') && hasContent(this.statusCode, this.req?.method)) {
      this.setHeader('Content-Length', toBuffer(chunk, encoding)?.length ?? 0);
    }
    this.flushHeaders();
  }
  void settled.then(() => {
    try {
      capture.end.apply(this, args);
    } catch (error) {
      this.destroy(error as Error);
    } finally {
      socket?.uncork();
    }
  });
  return this;
}

const PROBE = 'x-idempotency-probe';
// Node's own key of that header map, read directly: getHeaderNames() would build an array per request.
const headerMapKey = Object.getOwnPropertySymbols(new OutgoingMessage()).find((symbol) => symbol.description === 'kOutHeaders');

// Node merges headers given to writeHead() into the ones set with setHeader(), where getHeader()
// reads them, once any header was set (OutgoingMessage's header map exists); with none set it
// writes them straight to the wire. Setting and removing one header creates that map (most apps
// have set one already), far cheaper than wrapping writeHead() as a third own property of `res`.
function ensureHeaderStore(res: ServerResponse): void {
  const exists = headerMapKey === undefined ? res.getHeaderNames().length > 0 : Boolean((res as unknown as Record<symbol, unknown>)[headerMapKey]);
  if (exists || res.headersSent) return;
  res.setHeader(PROBE, '1');
  res.removeHeader(PROBE);
}

function snapshot(res: ServerResponse, capture: Capture): StoredResponse {
  const headers: [string, string | readonly string[]][] = [];
  for (const name of capture.headerNames) {
    const value = res.getHeader(name);
    if (value !== undefined) headers.push([name, typeof value === 'number' ? String(value) : value]);
  }
  // An own copy: small buffers are slices of Node's shared 8 KiB pool, and keeping a slice for a
  // day would keep its whole slab; the handler may also reuse a buffer it wrote.
  const body = Buffer.allocUnsafeSlow(capture.size);
  let offset = 0;
  for (const chunk of capture.chunks) offset += chunk.copy(body, offset);
  return { status: res.statusCode, statusMessage: res.statusMessage || undefined, headers, body };
}

/**
 * Records what the handler writes (status line, the named headers, every body byte) by wrapping
 * `write` and `end`. With `hold`, the end of the response waits for `onEnd`'s promise
 * while the headers go out at once, so the app sees `headersSent` and cannot start a second response.
 */
export function captureResponse(
  res: ServerResponse,
  headerNames: readonly string[],
  maxBodyBytes: number,
  hold: boolean,
  onEnd: EndHook,
): void {
  ensureHeaderStore(res);
  const capture: Capture = {
    write: res.write as Method,
    end: res.end as Method,
    headerNames,
    maxBodyBytes,
    onEnd,
    hold,
    chunks: [],
    size: 0,
    overflow: false,
    ended: false,
  };
  res.write = function write(this: ServerResponse, ...args: unknown[]): unknown {
    return capturedWrite(this, capture, args);
  } as typeof res.write;
  res.end = function end(this: ServerResponse, ...args: unknown[]): unknown {
    return capturedEnd.call(this, capture, args);
  } as typeof res.end;
}
