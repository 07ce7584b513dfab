import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import express from 'express';
import { clientErrorHandler, requestId, type ClientErrorHandlerOptions } from '../../src';
import { captureLogger, flushLogs } from '../helpers/app';

// Requests Node's HTTP parser refuses never reach Express: `server.on('clientError')` answers
// them. Raw sockets send the malformed bytes; the raw answer is asserted byte for byte.

interface RawResponse {
  readonly statusLine: string;
  readonly headers: Record<string, string>;
  readonly headerNames: string[];
  readonly body: string;
  readonly raw: string;
}

function parseRaw(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  const headerNames: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    headerNames.push(line.slice(0, colon));
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusLine: statusLine!, headers, headerNames, body: raw.slice(end + 4), raw };
}

/** Sends `bytes` on a new connection and collects everything until the server closes it. */
function send(port: number, bytes: string | readonly string[], gapMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const writeParts = async (): Promise<void> => {
      for (const part of typeof bytes === 'string' ? [bytes] : bytes) {
        socket.write(part);
        if (gapMs > 0) await new Promise((wait) => setTimeout(wait, gapMs));
      }
    };
    const socket = net.connect(port, '127.0.0.1', () => {
      writeParts().catch(reject);
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close before it read everything: what it answered is still in `chunks`.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

async function serve(options: ClientErrorHandlerOptions, serverOptions: http.ServerOptions = {}) {
  const app = express();
  app.use(express.json());
  app.all('/', (_req, res) => {
    res.json({ ok: true });
  });
  const server = http.createServer(serverOptions, app);
  server.on('clientError', clientErrorHandler(options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

let server: http.Server;
let port: number;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  const capture = captureLogger();
  lines = capture.lines;
  ({ server, port } = await serve({ logger: capture.logger }));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  lines.length = 0;
});

const DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function expectAnswer(
  response: RawResponse,
  status: number,
  phrase: string,
  code: string,
  message: string,
  mediaType = 'application/json',
): string {
  expect(response.statusLine).toBe(`HTTP/1.1 ${status} ${phrase}`);
  expect(response.headerNames).toEqual([
    'Date',
    'Content-Type',
    'Content-Length',
    'X-Content-Type-Options',
    'Cache-Control',
    'X-Request-Id',
    'Connection',
  ]);
  expect(response.headers.date).toMatch(DATE);
  expect(response.headers['content-type']).toBe(mediaType);
  expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers.connection).toBe('close');
  const requestId = response.headers['x-request-id']!;
  expect(requestId).toMatch(/^req_[0-9a-f-]{36}$/);
  if (mediaType === 'application/json')
    expect(JSON.parse(response.body)).toEqual({ error: { code, message }, meta: { request_id: requestId } });
  return requestId;
}

test.each<[string, string | string[], number, string, string, string, string]>([
  [
    'a header line without a colon',
    'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
    400,
    'Bad Request',
    'bad_request',
    'The request is invalid.',
    'HPE_INVALID_HEADER_TOKEN',
  ],
  [
    'a request line that is not HTTP',
    'GARBAGE\r\n\r\n',
    400,
    'Bad Request',
    'bad_request',
    'The request is invalid.',
    'HPE_INVALID_METHOD',
  ],
  [
    'headers over 16 KB',
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
    431,
    'Request Header Fields Too Large',
    'request_header_fields_too_large',
    'The request header fields are too large.',
    'HPE_HEADER_OVERFLOW',
  ],
  [
    'chunk extensions over 16 KB',
    [
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      `2;ext=${'e'.repeat(17 * 1024)}\r\n{}\r\n0\r\n\r\n`,
    ],
    413,
    'Content Too Large',
    'content_too_large',
    'The request body is too large.',
    'HPE_CHUNK_EXTENSIONS_OVERFLOW',
  ],
  [
    'a chunk size that is not hex',
    ['POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', 'ZZ\r\n{}\r\n0\r\n\r\n'],
    400,
    'Bad Request',
    'bad_request',
    'The request is invalid.',
    'HPE_INVALID_CHUNK_SIZE',
  ],
])(
  '%s: answered in the envelope, with a request id, then the connection closes',
  async (_label, bytes, status, phrase, code, message, nodeCode) => {
    const response = parseRaw(await send(port, bytes, 30));
    const requestId = expectAnswer(response, status, phrase, code, message);
    await flushLogs();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        request_id: requestId,
        status,
        code,
        msg: `client error -> ${status} ${code} (${nodeCode})`,
        error: expect.objectContaining({ code: nodeCode }),
      }),
    ]);
  },
);

test('the server keeps serving well-formed requests', async () => {
  const response = parseRaw(await send(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  expect(response.statusLine).toBe('HTTP/1.1 200 OK');
  expect(response.body).toBe('{"ok":true}');
});

test('the request bytes (rawPacket) are never logged: a credential in them stays out of the line', async () => {
  const response = parseRaw(
    await send(port, 'GET /?api_key=RAW-SECRET-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer RAW-SECRET-2\r\nBad Header\r\n\r\n'),
  );
  expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
  await flushLogs();
  expect(lines).toHaveLength(1);
  expect(JSON.stringify(lines)).not.toContain('RAW-SECRET');
  expect((lines[0] as { error: Record<string, unknown> }).error).toEqual({
    code: 'HPE_INVALID_HEADER_TOKEN',
    reason: 'Invalid header token',
    message: 'Parse Error: Invalid header token',
    bytes_parsed: expect.any(Number),
  });
  expect(response.raw).not.toContain('RAW-SECRET');
});

test('a request that does not finish its headers in time is a 408 (server.headersTimeout)', async () => {
  const { server: slow, port: slowPort } = await serve({ logger: false }, {
    headersTimeout: 200,
    requestTimeout: 300,
    connectionsCheckingInterval: 50,
  } as http.ServerOptions);
  try {
    const response = parseRaw(await send(slowPort, 'GET / HTTP/1.1\r\nHost: x\r\n'));
    expectAnswer(response, 408, 'Request Timeout', 'request_timeout', 'The server timed out waiting for the request.');
  } finally {
    slow.close();
  }
});

test('problem details on request, with the type base', async () => {
  const { server: problem, port: problemPort } = await serve({
    logger: false,
    format: 'problem',
    problemTypeBase: 'https://example.com/problems/',
  });
  try {
    const response = parseRaw(await send(problemPort, 'GARBAGE\r\n\r\n'));
    const requestId = expectAnswer(response, 400, 'Bad Request', 'bad_request', 'The request is invalid.', 'application/problem+json');
    expect(JSON.parse(response.body)).toEqual({
      type: 'https://example.com/problems/bad_request',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is invalid.',
      code: 'bad_request',
      request_id: requestId,
    });
  } finally {
    problem.close();
  }
});

describe('the listener on its own', () => {
  class FakeSocket extends Duplex {
    written = '';
    destroyedByHandler = false;
    _httpMessage: { headersSent: boolean } | null = null;
    override _read(): void {}
    override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
      this.written += chunk.toString('latin1');
      callback();
    }
    override destroy(error?: Error): this {
      this.destroyedByHandler = true;
      return super.destroy(error);
    }
  }
  const parseError = (code: string): Error =>
    Object.assign(new Error('Parse Error'), { code, rawPacket: Buffer.from('GET /?token=RAW-3') });

  test('ECONNRESET: destroyed, nothing written, nothing logged', async () => {
    const { logger, lines: logged } = captureLogger();
    const socket = new FakeSocket();
    clientErrorHandler({ logger })(parseError('ECONNRESET'), socket);
    await flushLogs();
    expect([socket.destroyedByHandler, socket.written, logged]).toEqual([true, '', []]);
  });

  test('a response already on the wire: destroyed, nothing written', () => {
    const socket = new FakeSocket();
    socket._httpMessage = { headersSent: true };
    clientErrorHandler({ logger: false })(parseError('HPE_INVALID_CHUNK_SIZE'), socket);
    expect([socket.destroyedByHandler, socket.written]).toEqual([true, '']);
  });

  test('a socket that is not writable: destroyed', () => {
    const socket = new FakeSocket();
    socket.end();
    clientErrorHandler({ logger: false })(parseError('HPE_INVALID_METHOD'), socket);
    expect(socket.destroyedByHandler).toBe(true);
  });

  test('a response started but not sent: answered; chunk extensions too long: 413; custom id header; level', async () => {
    const { logger, lines: logged } = captureLogger();
    const socket = new FakeSocket();
    socket._httpMessage = { headersSent: false };
    clientErrorHandler({ logger, logLevel: 'info', requestId: requestId({ header: 'X-Correlation-Id', generate: () => 'corr-1' }) })(
      parseError('HPE_CHUNK_EXTENSIONS_OVERFLOW'),
      socket,
    );
    await flushLogs();
    const response = parseRaw(socket.written);
    expect(response.statusLine).toBe('HTTP/1.1 413 Content Too Large');
    expect(response.headerNames).toContain('X-Correlation-Id');
    expect(response.headers['x-correlation-id']).toBe('corr-1');
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'content_too_large', message: 'The request body is too large.' },
      meta: { request_id: 'corr-1' },
    });
    expect(logged).toEqual([expect.objectContaining({ level: 30, status: 413 })]);
    expect(JSON.stringify(logged)).not.toContain('RAW-3');
  });

  test.each([
    ['unsafe', () => 'id\r\nSet-Cookie: a=b'],
    [
      'throwing',
      (): string => {
        throw new Error('generator down');
      },
    ],
  ])("an %s id from the app's generator gives way to a generated one, in the configured header", (_case, generate) => {
    const socket = new FakeSocket();
    const ids = requestId({ header: 'X-Trace-Id' });
    clientErrorHandler({ logger: false, requestId: { header: ids.header, newId: generate } })(parseError('HPE_INVALID_METHOD'), socket);
    const response = parseRaw(socket.written);
    expect(response.headers['x-trace-id']).toMatch(/^req_[0-9a-f-]{36}$/);
    expect(JSON.parse(response.body).meta.request_id).toBe(response.headers['x-trace-id']);
    expect(socket.written).not.toContain('Set-Cookie');
  });

  test('an error without a code, and a hostile code, are a 400; silent and a broken logger log nothing and still answer', async () => {
    const { logger, lines: logged } = captureLogger();
    const socket = new FakeSocket();
    clientErrorHandler({ logger, logLevel: 'silent' })(Object.assign(new Error('x'), { code: 'bad\r\ncode' }), socket);
    expect(parseRaw(socket.written).statusLine).toBe('HTTP/1.1 400 Bad Request');
    const broken = {
      warn: () => {
        throw new Error('disk full');
      },
    } as unknown as typeof logger;
    const other = new FakeSocket();
    clientErrorHandler({ logger: broken })(new Error('x'), other);
    expect(parseRaw(other.written).statusLine).toBe('HTTP/1.1 400 Bad Request');
    await flushLogs();
    expect(logged).toEqual([]);
  });

  test('invalid options are refused when the listener is created', () => {
    expect(() => clientErrorHandler({ requestIdHeader: 'X-Correlation-Id' } as never)).toThrow(
      'clientErrorHandler: `requestIdHeader` is no longer an option; pass the requestId() middleware as `requestId`',
    );
    expect(() => clientErrorHandler({ requestId: { header: 'Bad Header', newId: () => 'a' } })).toThrow(
      'clientErrorHandler: the requestId header "Bad Header" is not a valid header name',
    );
    expect(() => clientErrorHandler({ logLevel: 'warning' as never })).toThrow(
      `clientErrorHandler: logLevel "warning" is not a pino level or 'silent'`,
    );
    expect(() => clientErrorHandler({ format: 'negotiate' as never })).toThrow(
      `clientErrorHandler: format must be 'envelope' or 'problem', not "negotiate"`,
    );
  });
});
