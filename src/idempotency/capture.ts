import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { StoredResponse } from './store';

/**
 * Called once, when the handler ends the response, with what it sent (`undefined` when the body
 * outgrew the limit). The response is held until the returned promise settles, so it is stored
 * before the client sees it (and may retry); it must not reject.
 */
export type EndHook = (captured: StoredResponse | undefined) => Promise<void>;

type Method = (this: ServerResponse, ...args: unknown[]) => unknown;

// One record per captured response, kept in a WeakMap: the wrappers below are shared by every
// response, so capturing allocates no closures. Each own property added to Express's `res` costs
// about 2 µs (its prototype was swapped, so V8 builds a new map), a WeakMap entry a fifth of that;
// the three methods must still be own properties, to survive Express swapping `res`'s prototype
// when a request enters a mounted sub-app.
interface Capture {
  readonly write: Method;
  readonly end: Method;
  readonly writeHead: Method;
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

const captures = new WeakMap<ServerResponse, Capture>();
type CapturedResponse = ServerResponse;

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

// Headers given to writeHead() bypass setHeader(), where the capture reads them: route them through it.
function capturedWriteHead(this: CapturedResponse, statusCode: number, ...rest: unknown[]): unknown {
  const { writeHead } = captures.get(this) as Capture;
  const reason = typeof rest[0] === 'string' ? rest[0] : undefined;
  const headers = reason === undefined ? rest[0] : rest[1];
  if (!this.headersSent && typeof headers === 'object' && headers !== null && !Array.isArray(headers)) {
    const fields = headers as OutgoingHttpHeaders;
    for (const name of Object.keys(fields)) this.setHeader(name, fields[name] as string);
    return reason === undefined ? writeHead.call(this, statusCode) : writeHead.call(this, statusCode, reason);
  }
  return writeHead.call(this, statusCode, ...rest);
}

function capturedWrite(this: CapturedResponse, chunk: unknown, ...rest: unknown[]): unknown {
  const capture = captures.get(this) as Capture;
  if (!capture.ended) collect(capture, chunk, rest[0]);
  return capture.write.call(this, chunk, ...rest);
}

function capturedEnd(this: CapturedResponse, ...args: unknown[]): unknown {
  const capture = captures.get(this) as Capture;
  // A second end() while the first is held (a handler that answered, then threw) changes nothing.
  if (capture.ended) return this;
  capture.ended = true;
  const [chunk, encoding] = typeof args[0] === 'function' ? [] : typeof args[1] === 'function' ? [args[0]] : args;
  collect(capture, chunk, encoding);
  const captured = capture.overflow ? undefined : snapshot(this, capture);
  const settled = capture.onEnd(captured);
  if (!capture.hold) return capture.end.apply(this, args);
  // Corked, the head and the body still leave in one write once the store has answered.
  const socket = this.socket;
  socket?.cork();
  if (!this.headersSent) {
    // Node would have framed a single-chunk body with Content-Length; flushing first must not turn it chunked.
    if (!this.hasHeader('Content-Length') && !this.hasHeader('Transfer-Encoding') && hasContent(this.statusCode, this.req?.method)) {
      this.setHeader('Content-Length', toBuffer(chunk, encoding)?.length ?? 0);
    }
    this.flushHeaders();
  }
  void settled.then(() => {
    capture.end.apply(this, args);
    socket?.uncork();
  });
  return this;
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
 * `writeHead`, `write` and `end`. With `hold`, the end of the response waits for `onEnd`'s promise
 * while the headers go out at once, so the app sees `headersSent` and cannot start a second response.
 */
export function captureResponse(
  res: ServerResponse,
  headerNames: readonly string[],
  maxBodyBytes: number,
  hold: boolean,
  onEnd: EndHook,
): void {
  captures.set(res, {
    write: res.write as Method,
    end: res.end as Method,
    writeHead: res.writeHead as Method,
    headerNames,
    maxBodyBytes,
    onEnd,
    hold,
    chunks: [],
    size: 0,
    overflow: false,
    ended: false,
  });
  res.writeHead = capturedWriteHead as typeof res.writeHead;
  res.write = capturedWrite as typeof res.write;
  res.end = capturedEnd as typeof res.end;
}
