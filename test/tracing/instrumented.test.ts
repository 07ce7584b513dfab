// errorHandler() under the real OpenTelemetry SDK with @opentelemetry/instrumentation-http and
// -express, as an app runs them: the SERVER span per the HTTP semantic conventions
// (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#status: 5xx ERROR with
// `error.type`, 4xx UNSET) and one trace id across the response, the log line and the span.
// The app runs in a child process (fixtures/instrumented-server.ts): instrumentations patch
// modules through Node's `require`, which jest's module registry bypasses, so registering them at
// the top of this file, before requiring express and http, patches neither (tried: no span at all).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { SpanRecord } from './fixtures/instrumented-server';

const SERVER = join(__dirname, 'fixtures/instrumented-server.ts');
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

interface Report {
  readonly spans: readonly SpanRecord[];
  readonly lines: readonly Record<string, unknown>[];
}

interface Answer {
  readonly status: number;
  readonly requestIdHeader: string | null;
  readonly body: { error: { code: string; message: string }; meta: Record<string, unknown> };
  readonly server: SpanRecord;
  readonly handlerSpans: readonly SpanRecord[];
  readonly lines: readonly Record<string, unknown>[];
}

class InstrumentedApp {
  private constructor(
    private readonly child: ChildProcess,
    private readonly port: number,
  ) {}

  static async start(tracing: unknown): Promise<InstrumentedApp> {
    const child = fork(SERVER, [JSON.stringify(tracing)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [hello] = (await once(child, 'message')) as [{ port: number }];
    return new InstrumentedApp(child, hello.port);
  }

  private async report(): Promise<Report> {
    const reply = once(this.child, 'message') as Promise<[Report]>;
    this.child.send('spans');
    return (await reply)[0];
  }

  /** One request, then what its spans and log lines were once its SERVER span had ended. */
  async get(path: string, traceparent?: string): Promise<Answer> {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`, { headers: traceparent === undefined ? {} : { traceparent } });
    const body = (await response.json()) as Answer['body'];
    const spans: SpanRecord[] = [];
    const lines: Record<string, unknown>[] = [];
    for (let attempt = 0; attempt < 50 && !spans.some((span) => span.kind === SpanKind.SERVER); attempt++) {
      const report = await this.report();
      spans.push(...report.spans);
      lines.push(...report.lines);
      if (!spans.some((span) => span.kind === SpanKind.SERVER)) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const servers = spans.filter((span) => span.kind === SpanKind.SERVER);
    expect(servers).toHaveLength(1);
    const server = servers[0]!;
    expect(spans.every((span) => span.traceId === server.traceId)).toBe(true);
    return {
      status: response.status,
      requestIdHeader: response.headers.get('x-request-id'),
      body,
      server,
      handlerSpans: spans.filter((span) => span.scope === '@opentelemetry/instrumentation-express'),
      lines,
    };
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.send('stop');
    await exited;
  }
}

const exceptions = (span: SpanRecord) => span.events.filter((event) => event.name === 'exception').map((event) => event.attributes);

describe('errorHandler() with the defaults, requestId({ useTraceId: true }) and exposeTraceId', () => {
  let app: InstrumentedApp;
  beforeAll(async () => {
    app = await InstrumentedApp.start({ exposeTraceId: true });
  });
  afterAll(() => app.stop());

  test('a 404: the server span stays UNSET, without error.type or event; one id in header, body, log line and span', async () => {
    const answer = await app.get('/missing', TRACEPARENT);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      error: { code: 'resource_not_found', message: 'No route matches GET /missing' },
      meta: { request_id: TRACE_ID, trace_id: TRACE_ID },
    });
    expect(answer.requestIdHeader).toBe(TRACE_ID);

    const { server } = answer;
    expect(server).toMatchObject({ scope: '@opentelemetry/instrumentation-http', traceId: TRACE_ID, parentSpanId: '00f067aa0ba902b7' });
    expect(server.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(server.attributes['http.response.status_code']).toBe(404);
    expect(server.attributes).not.toHaveProperty('error.type');
    expect(server.events).toEqual([]);
    // instrumentation-express, not this library, marks the handler span that passed the error on:
    // ERROR even for a 4xx, with the error's `code` property as exception.type (the SDK prefers it).
    const notFound = answer.handlerSpans.find((span) => span.name === 'middleware - notFound')!;
    expect(notFound.status).toEqual({ code: SpanStatusCode.ERROR, message: 'No route matches GET /missing' });
    expect(exceptions(notFound)).toEqual([expect.objectContaining({ 'exception.type': 'resource_not_found' })]);

    expect(answer.lines).toEqual([
      expect.objectContaining({ level: 'warn', status: 404, request_id: TRACE_ID, trace_id: TRACE_ID, span_id: server.spanId }),
    ]);
  });

  test('a 500: the server span is ERROR with error.type the code and the exception with its cause', async () => {
    const answer = await app.get('/fail');
    expect(answer.status).toBe(500);
    expect(answer.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    const { server } = answer;
    // A new trace: its id is the request id, in the header, the body and the log line.
    expect(server.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.body.meta).toEqual({ request_id: server.traceId, trace_id: server.traceId });
    expect(answer.requestIdHeader).toBe(server.traceId);

    // instrumentation-http sets ERROR itself when a 5xx ends, without a description.
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.attributes).toMatchObject({ 'error.type': 'internal_error', 'http.response.status_code': 500, 'http.route': '/fail' });
    const [exception, ...others] = exceptions(server);
    expect(others).toEqual([]);
    expect(exception).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'could not load the user' });
    expect(exception!['exception.stacktrace']).toMatch(
      /^Error: could not load the user\n {4}at [^]*\nCaused by: Error: connect ECONNREFUSED 10\.0\.0\.7:5432\n {4}at /,
    );
    // The body never says what the span and the log line do.
    expect(JSON.stringify(answer.body)).not.toContain('could not load');

    expect(answer.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        status: 500,
        request_id: server.traceId,
        trace_id: server.traceId,
        span_id: server.spanId,
      }),
    ]);
  });

  test.each([
    ['a string', '/string', 'the cache said no'],
    ['a plain object', '/object', '{"reason":"quota","remaining":0}'],
  ])('a thrown non-error (%s): a 500 with error.type the code, an exception with the message only', async (_case, path, message) => {
    const answer = await app.get(path, TRACEPARENT);
    expect(answer.status).toBe(500);
    expect(answer.body.meta).toEqual({ request_id: TRACE_ID, trace_id: TRACE_ID });
    const { server } = answer;
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.attributes).toMatchObject({ 'error.type': 'internal_error', 'http.response.status_code': 500 });
    expect(exceptions(server)).toEqual([{ 'exception.message': message }]);
    expect(answer.lines).toEqual([expect.objectContaining({ status: 500, trace_id: TRACE_ID, span_id: server.spanId })]);
  });

  test('a success: the server span as instrumentation-http made it, and no log line', async () => {
    const answer = await app.get('/ok');
    expect(answer.status).toBe(200);
    expect(answer.server.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(answer.server.attributes).not.toHaveProperty('error.type');
    expect(answer.server.events).toEqual([]);
    expect(answer.lines).toEqual([]);
  });
});

describe('record4xx', () => {
  let app: InstrumentedApp;
  beforeAll(async () => {
    app = await InstrumentedApp.start({ record4xx: true });
  });
  afterAll(() => app.stop());

  test('a 404 gets error.type, ERROR and its exception on the server span; meta has no trace_id by default', async () => {
    const answer = await app.get('/missing', TRACEPARENT);
    expect(answer.status).toBe(404);
    expect(answer.body.meta).toEqual({ request_id: TRACE_ID });
    // instrumentation-http leaves a server span's 4xx status alone: ours, with its description, stays.
    expect(answer.server.status).toEqual({ code: SpanStatusCode.ERROR, message: 'No route matches GET /missing' });
    expect(answer.server.attributes).toMatchObject({ 'error.type': 'resource_not_found', 'http.response.status_code': 404 });
    expect(exceptions(answer.server)).toEqual([
      {
        'exception.type': 'NotFoundError',
        'exception.message': 'No route matches GET /missing',
        'exception.stacktrace': expect.stringMatching(/^NotFoundError: /),
      },
    ]);
  });
});

describe('tracing: false', () => {
  let app: InstrumentedApp;
  beforeAll(async () => {
    app = await InstrumentedApp.start(false);
  });
  afterAll(() => app.stop());

  test('a 500: only what instrumentation-http records (ERROR), no error.type, no event, no ids in the log line', async () => {
    const answer = await app.get('/fail', TRACEPARENT);
    expect(answer.status).toBe(500);
    // requestId({ useTraceId }) is requestId's own option: still the trace id.
    expect(answer.body.meta).toEqual({ request_id: TRACE_ID });
    expect(answer.server.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(answer.server.attributes).not.toHaveProperty('error.type');
    expect(answer.server.events).toEqual([]);
    expect(answer.lines).toHaveLength(1);
    expect(answer.lines[0]).not.toHaveProperty('trace_id');
    expect(answer.lines[0]).not.toHaveProperty('span_id');
  });
});
