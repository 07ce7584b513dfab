import { context, propagation, SpanKind, trace, type Span } from '@opentelemetry/api';
import { RPCType, setRPCMetadata } from '@opentelemetry/core';
import { AlwaysOffSampler, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The real OpenTelemetry SDK for one test file: a Node tracer provider (AsyncLocalStorage context,
 * W3C propagation) exporting every ended span into memory. `sampled: false` drops every span.
 */
export function startTracing(options: { sampled?: boolean } = {}): { exporter: InMemorySpanExporter; stop: () => Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(options.sampled === false ? { sampler: new AlwaysOffSampler() } : {}),
  });
  provider.register();
  return {
    exporter,
    stop: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * Middleware that does what an HTTP server instrumentation does, by hand: a SERVER span for the
 * request (continuing an incoming `traceparent`), active while the app runs, ended when the
 * response finishes. `rpcMetadata` also publishes it the way instrumentation-http does, and
 * `childSpan` makes another span the active one below it, as a framework's handler span would be.
 */
export function serverSpan(options: { rpcMetadata?: boolean; childSpan?: boolean } = {}): RequestHandler {
  const tracer = trace.getTracer('test-server');
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER }, parent);
    let active = trace.setSpan(parent, span);
    if (options.rpcMetadata === true) active = setRPCMetadata(active, { type: RPCType.HTTP, span });
    let child: Span | undefined;
    if (options.childSpan === true) {
      child = tracer.startSpan('handler', {}, active);
      active = trace.setSpan(active, child);
    }
    res.once('finish', () => {
      child?.end();
      span.end();
    });
    context.with(active, next);
  };
}

/** The ended spans, once `count` of them are there (a span ends when its response has finished). */
export async function endedSpans(exporter: InMemorySpanExporter, count = 1): Promise<ReadableSpan[]> {
  for (let attempt = 0; attempt < 100 && exporter.getFinishedSpans().length < count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return exporter.getFinishedSpans();
}

/** The one SERVER span among the ended ones. */
export function serverSpanOf(spans: readonly ReadableSpan[]): ReadableSpan {
  const servers = spans.filter((span) => span.kind === SpanKind.SERVER);
  expect(servers).toHaveLength(1);
  return servers[0]!;
}
