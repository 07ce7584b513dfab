import { SpanStatusCode } from '@opentelemetry/api';
import express5 from 'express';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import { errorHandler, NotFoundError, requestId, ServiceUnavailableError, type ErrorHandlerOptions } from '../../src';
import { captureLogger, EXPRESS_VERSIONS, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';
import { endedSpans, serverSpan, serverSpanOf, startTracing } from './tracer';

// The error handler and a real OpenTelemetry SDK, with the server span made by hand (the
// instrumentation-http case, in its own process, is instrumented.test.ts): status, `error.type`
// and the exception event per the HTTP semantic conventions (https://opentelemetry.io/docs/specs/semconv/http/http-spans/#status).
const tracing = startTracing();
afterAll(() => tracing.stop());
afterEach(() => tracing.exporter.reset());

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

interface AppOptions {
  readonly handler?: ErrorHandlerOptions;
  readonly span?: Parameters<typeof serverSpan>[0] | false;
}

function tracedApp(express: ExpressFactory, thrown: () => unknown, options: AppOptions = {}) {
  const { logger, lines } = captureLogger();
  const app = express();
  if (options.span !== false) app.use(serverSpan(options.span));
  app.use(requestId());
  app.get('/fail', () => {
    throw thrown();
  });
  app.get('/fail-async', (_req, _res, next) => {
    const pending = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      throw thrown();
    })();
    // Express 5 forwards a rejected promise itself; Express 4 needs the `.catch(next)`.
    return express === express5 ? pending : pending.catch(next);
  });
  app.use(errorHandler({ logger, ...options.handler }));
  return { app, lines };
}

const exceptionEvents = (span: ReadableSpan) => span.events.filter((event) => event.name === 'exception');

describe.each(EXPRESS_VERSIONS)('%s', (_name, express: ExpressFactory) => {
  test('a 500: status ERROR with the message, error.type the code, the exception with its stack and cause', async () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:5432');
    const thrown = new Error('could not load the user', { cause });
    const { app, lines } = tracedApp(express, () => thrown);
    const res = await request(app).get('/fail');
    const body = expectErrorResponse(res, 500);
    expect(body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });

    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'could not load the user' });
    expect(span.attributes['error.type']).toBe('internal_error');
    const events = exceptionEvents(span);
    expect(events).toHaveLength(1);
    expect(events[0]!.attributes).toEqual({
      'exception.type': 'Error',
      'exception.message': 'could not load the user',
      'exception.stacktrace': `${thrown.stack}\nCaused by: ${cause.stack}`,
    });

    // One id across the response, the log line and the span.
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      request_id: body.meta.request_id,
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
  });

  test('an async handler rejecting: the same, through the async context', async () => {
    const { app, lines } = tracedApp(express, () => new ServiceUnavailableError('the queue is full'));
    const res = await request(app).get('/fail-async');
    expectErrorResponse(res, 503);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('service_unavailable');
    expect(exceptionEvents(span)[0]!.attributes).toMatchObject({
      'exception.type': 'ServiceUnavailableError',
      'exception.message': 'the queue is full',
    });
    await flushLogs();
    expect(lines[0]!.trace_id).toBe(span.spanContext().traceId);
  });

  test('a 404: the span stays UNSET, with no error.type and no event; the log line still has the ids', async () => {
    const { app, lines } = tracedApp(express, () => new NotFoundError('User 42 was not found'));
    const res = await request(app).get('/fail').set('traceparent', TRACEPARENT);
    expectErrorResponse(res, 404);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(span.attributes['error.type']).toBeUndefined();
    expect(span.events).toEqual([]);
    await flushLogs();
    expect(lines[0]).toMatchObject({ status: 404, trace_id: TRACE_ID, span_id: span.spanContext().spanId });
  });

  test('a thrown non-error: a 500 whose error.type is the code and whose exception has the message only', async () => {
    const { app } = tracedApp(express, () => 'the cache said no');
    const res = await request(app).get('/fail');
    expectErrorResponse(res, 500);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'the cache said no' });
    expect(span.attributes['error.type']).toBe('internal_error');
    expect(exceptionEvents(span).map((event) => event.attributes)).toEqual([{ 'exception.message': 'the cache said no' }]);
  });

  test('record4xx: a 404 is recorded too', async () => {
    const { app } = tracedApp(express, () => new NotFoundError('User 42 was not found'), { handler: { tracing: { record4xx: true } } });
    expectErrorResponse(await request(app).get('/fail'), 404);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'User 42 was not found' });
    expect(span.attributes['error.type']).toBe('resource_not_found');
    expect(exceptionEvents(span)[0]!.attributes).toMatchObject({
      'exception.type': 'NotFoundError',
      'exception.message': 'User 42 was not found',
    });
  });

  test('recordException: false keeps the status and error.type, without the event', async () => {
    const { app } = tracedApp(express, () => new Error('boom'), { handler: { tracing: { recordException: false } } });
    expectErrorResponse(await request(app).get('/fail'), 500);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(span.attributes['error.type']).toBe('internal_error');
    expect(span.events).toEqual([]);
  });

  test('tracing: false touches no span and logs no trace ids', async () => {
    const { app, lines } = tracedApp(express, () => new Error('boom'), { handler: { tracing: false } });
    expectErrorResponse(await request(app).get('/fail'), 500);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(span.attributes['error.type']).toBeUndefined();
    expect(span.events).toEqual([]);
    await flushLogs();
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  test('without an active span nothing is recorded and the log line has no trace ids', async () => {
    const { app, lines } = tracedApp(express, () => new Error('boom'), { span: false });
    expectErrorResponse(await request(app).get('/fail'), 500);
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(tracing.exporter.getFinishedSpans()).toEqual([]);
  });

  test('with instrumentation-http`s server span published in the context, that span is the one recorded, not the active child', async () => {
    const { app, lines } = tracedApp(express, () => new Error('boom'), { span: { rpcMetadata: true, childSpan: true } });
    expectErrorResponse(await request(app).get('/fail'), 500);
    const spans = await endedSpans(tracing.exporter, 2);
    const server = serverSpanOf(spans);
    const child = spans.find((span) => span.name === 'handler')!;
    expect(server.status.code).toBe(SpanStatusCode.ERROR);
    expect(server.attributes['error.type']).toBe('internal_error');
    expect(exceptionEvents(server)).toHaveLength(1);
    expect(child.status.code).toBe(SpanStatusCode.UNSET);
    expect(child.events).toEqual([]);
    await flushLogs();
    expect(lines[0]).toMatchObject({ trace_id: server.spanContext().traceId, span_id: server.spanContext().spanId });
  });

  test('without that, the active span is the request`s', async () => {
    const { app } = tracedApp(express, () => new Error('boom'), { span: { childSpan: true } });
    expectErrorResponse(await request(app).get('/fail'), 500);
    const spans = await endedSpans(tracing.exporter, 2);
    const child = spans.find((span) => span.name === 'handler')!;
    expect(child.attributes['error.type']).toBe('internal_error');
    expect(serverSpanOf(spans).attributes['error.type']).toBeUndefined();
  });

  test('credentials in the message, stack and causes never reach the span', async () => {
    const cause = new Error('connect to postgres://admin:hunter2@db.internal:5432/app failed');
    const { app } = tracedApp(express, () => new Error('GET https://bot:s3cr3t@api.example.com/v1 failed', { cause }));
    expectErrorResponse(await request(app).get('/fail'), 500);
    const span = serverSpanOf(await endedSpans(tracing.exporter));
    const recorded = JSON.stringify({
      status: span.status,
      attributes: span.attributes,
      events: span.events.map((event) => event.attributes),
    });
    expect(recorded).not.toMatch(/hunter2|s3cr3t|admin:|bot:/);
    expect(recorded).toContain('Caused by: Error: connect to postgres://[Redacted]@db.internal:5432/app failed');
  });

  describe('exposeTraceId', () => {
    test('the envelope carries meta.trace_id, the span`s trace id', async () => {
      const { app } = tracedApp(express, () => new NotFoundError(), { handler: { tracing: { exposeTraceId: true } } });
      const res = await request(app).get('/fail').set('traceparent', TRACEPARENT);
      expect(res.status).toBe(404);
      expect(res.body.meta).toEqual({ request_id: res.headers['x-request-id'], trace_id: TRACE_ID });
      expect(Object.keys(res.body.meta)).toEqual(['request_id', 'trace_id']);
    });

    test('problem details carry a trace_id member', async () => {
      const { app } = tracedApp(express, () => new Error('boom'), { handler: { format: 'problem', tracing: { exposeTraceId: true } } });
      const res = await request(app).get('/fail').set('traceparent', TRACEPARENT);
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 500, code: 'internal_error', request_id: res.headers['x-request-id'], trace_id: TRACE_ID });
    });

    test('off by default, and absent without a span', async () => {
      const byDefault = tracedApp(express, () => new NotFoundError());
      expect((await request(byDefault.app).get('/fail').set('traceparent', TRACEPARENT)).body.meta).toEqual({
        request_id: expect.any(String),
      });
      const noSpan = tracedApp(express, () => new NotFoundError(), { span: false, handler: { tracing: { exposeTraceId: true } } });
      expect((await request(noSpan.app).get('/fail').set('traceparent', TRACEPARENT)).body.meta).toEqual({
        request_id: expect.any(String),
      });
    });
  });
});

describe('the tracing option is checked at startup', () => {
  test.each([
    ['a string', 'on'],
    ['null', null],
    ['a non-boolean flag', { record4xx: 'yes' }],
    ['a non-boolean exposeTraceId', { exposeTraceId: 1 }],
  ])('%s is refused', (_case, tracingOption) => {
    expect(() => errorHandler({ tracing: tracingOption as never })).toThrow(TypeError);
  });

  test('true and an empty object are the defaults', () => {
    expect(() => errorHandler({ tracing: true })).not.toThrow();
    expect(() => errorHandler({ tracing: {} })).not.toThrow();
  });
});
