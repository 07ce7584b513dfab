// errorHandler's own tracing work per error, in-process (steadier than req/s on a loaded machine):
// a real SDK span started and ended around a new Error with a cause, with and without
// activeTrace() + recordError() (the status, error.type and the exception event with its stack).
// Usage: tsx bench/otel/record.ts
import { context, trace } from '@opentelemetry/api';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Bench } from 'tinybench';
import { toApiError } from '../../src/errors/to-api-error';
import { activeTrace } from '../../src/tracing/active-trace';
import { recordError } from '../../src/tracing/record-error';
import { resolveTracing } from '../../src/tracing/tracing-options';
import { formatNumber, table } from '../shared/stats';

// As in production: no source-mapped stacks (tsx turns them on).
process.setSourceMapsEnabled(false);

const dropping: SpanExporter = { export: (_spans: ReadableSpan[], done) => done({ code: 0 }), shutdown: () => Promise.resolve() };
new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropping)] }).register();
const tracer = trace.getTracer('bench');
const config = resolveTracing(undefined)!;
const thrownValue = () => new Error('could not load the user', { cause: new Error('connect ECONNREFUSED 10.0.0.7:5432') });

function once(record: boolean, readStacks = false): void {
  const span = tracer.startSpan('GET /crash');
  context.with(trace.setSpan(context.active(), span), () => {
    const thrown = thrownValue();
    const error = toApiError(thrown, {} as never);
    // V8 formats a stack once, when first read: a log line with the error pays that already.
    if (readStacks) void [thrown.stack, (thrown.cause as Error).stack];
    if (record) {
      const active = activeTrace();
      if (active !== undefined) recordError(active, error, thrown, config);
    }
  });
  span.end();
}

async function main(): Promise<void> {
  const bench = new Bench({ time: 1000, warmupTime: 300 });
  bench.add('span + Error + toApiError', () => once(false));
  bench.add('... + read both stacks (as a log line does)', () => once(false, true));
  bench.add('... + activeTrace + recordError', () => once(true));
  await bench.run();
  // p50 latency, µs (tinybench reports ms); a task that failed has no latency.
  const p50 = bench.tasks.map((task) => {
    const result = task.result;
    if (!('latency' in result)) throw new Error(`${task.name}: ${JSON.stringify(result)}`);
    return result.latency.p50 * 1000;
  });
  const [base, stacks, recorded] = p50;
  console.log(
    table(
      ['case', 'µs/op (p50)'],
      bench.tasks.map((task, index) => [task.name, formatNumber(p50[index]!, 2)]),
    ),
  );
  console.log(
    `errorHandler's tracing work per recorded 5xx: ${formatNumber(recorded! - base!, 2)} µs, of which formatting the two stacks ${formatNumber(stacks! - base!, 2)} µs (p50 differences)`,
  );
}

void main();
