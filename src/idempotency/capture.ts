import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { StoredResponse } from './store';

/**
 * Called once, when the handler ends the response: `captured` is what it sent (`undefined` when
 * the body outgrew the limit). Nothing reaches the client until `send()` is called, so a
 * response can be stored before the client sees it (and may retry).
 */
export type EndHook = (captured: StoredResponse | undefined, send: () => void) => void;

type Chunk = string | Buffer | Uint8Array;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}

// RFC 9110 §6.4.1: these never have content, so no Content-Length is added for them.
function hasContent(status: number, method: string | undefined): boolean {
  return method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304;
}

/**
 * Records what the handler writes (status line, the named headers, every body byte) by wrapping
 * `writeHead`, `write` and `end`, and holds the end of the response until `onEnd` says to send it.
 * The headers go out at once, so the app sees `headersSent` and cannot start a second response.
 */
export function captureResponse(
  res: ServerResponse,
  headerNames: readonly string[],
  maxBodyBytes: number,
  onEnd: EndHook,
): void {
  const { write, end, writeHead } = res;
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let ended = false;

  const collect = (chunk: unknown, encoding: unknown): void => {
    if (overflow) return;
    const buffer = toBuffer(chunk, encoding);
    if (buffer === undefined || buffer.length === 0) return;
    size += buffer.length;
    if (size > maxBodyBytes) {
      overflow = true;
      chunks.length = 0;
    } else {
      chunks.push(buffer);
    }
  };

  // Headers given to writeHead() bypass setHeader(), where the capture reads them: route them through it.
  res.writeHead = function capturedWriteHead(this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const reason = typeof rest[0] === 'string' ? rest[0] : undefined;
    const headers = reason === undefined ? rest[0] : rest[1];
    if (!this.headersSent && typeof headers === 'object' && headers !== null && !Array.isArray(headers)) {
      const fields = headers as OutgoingHttpHeaders;
      for (const name of Object.keys(fields)) this.setHeader(name, fields[name] as string);
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...(reason === undefined ? [] : [reason]));
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, statusCode, ...rest);
  } as typeof res.writeHead;

  res.write = function capturedWrite(this: ServerResponse, chunk: Chunk, ...rest: unknown[]) {
    if (!ended) collect(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;

  res.end = function capturedEnd(this: ServerResponse, ...args: unknown[]) {
    // A second end() while the first is held (a handler that answered, then threw) changes nothing.
    if (ended) return this;
    ended = true;
    const [chunk, encoding] = typeof args[0] === 'function' ? [] : typeof args[1] === 'function' ? [args[0]] : args;
    collect(chunk, encoding);
    const captured = overflow ? undefined : snapshot(this, headerNames, chunks, size);
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
    onEnd(captured, () => {
      (end as (...args: unknown[]) => ServerResponse).apply(this, args);
      socket?.uncork();
    });
    return this;
  } as typeof res.end;
}

function snapshot(res: ServerResponse, headerNames: readonly string[], chunks: Buffer[], size: number): StoredResponse {
  const headers: [string, string | readonly string[]][] = [];
  for (const name of headerNames) {
    const value = res.getHeader(name);
    if (value !== undefined) headers.push([name, typeof value === 'number' ? String(value) : value]);
  }
  return {
    status: res.statusCode,
    statusMessage: res.statusMessage || undefined,
    headers,
    body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
  };
}
