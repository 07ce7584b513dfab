// Child process entry: `node --import tsx bench/otel/server.ts <variant> [off|default]` (the logger); reports its port over
// IPC, answers 'cpu' with its CPU time so far, exits on 'stop' (as bench/http/server.ts does).
// Variants: `plain` (no OpenTelemetry), `otel` (the Node SDK with the HTTP and Express
// instrumentations, every span sampled, batched to an exporter that drops them: the SDK's cost
// without a network), `otel-untraced` (the same SDK, `errorHandler({ tracing: false })`: what the
// library's own recording costs is `otel` against it).
import type { AddressInfo } from 'node:net';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type * as Http from 'node:http';
import type Express from 'express';
import type * as Library from '../shared/library';
import type * as Bodies from '../shared/bodies';

const VARIANTS = ['plain', 'otel', 'otel-untraced'] as const;
/** The servers this entry runs. */
export type Variant = (typeof VARIANTS)[number];

const variant = process.argv[2] as Variant;
if (!VARIANTS.includes(variant)) {
  console.error(`unknown variant ${String(variant)}; one of ${VARIANTS.join(', ')}`);
  process.exit(2);
}

/** Counts what it is given and drops it. */
class DroppingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: { code: 0 }) => void): void {
    this.exported += spans.length;
    done({ code: 0 });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const exporter = new DroppingExporter();
if (variant !== 'plain') {
  // Before express and http are required: instrumentations patch modules as they are required.
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  registerInstrumentations({ instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()] });
}

/* eslint-disable @typescript-eslint/no-require-imports -- required after the instrumentations, on purpose */
const http = require('node:http') as typeof Http;
const express = require('express') as typeof Express;
const { lib } = require('../shared/library') as typeof Library;
const { NOT_FOUND_MESSAGE, successBody } = require('../shared/bodies') as typeof Bodies;
/* eslint-enable @typescript-eslint/no-require-imports */

// The routes of bench/http: a 200 of the 404's body size, a 404 from the catalog, a 500 from a
// plain Error with a cause (what a failed query throws).
const app = express();
app.use(lib.requestId());
app.get('/ok/:id', (req, res) => {
  res.json(successBody(String((req as { id?: unknown }).id)));
});
app.get('/users/:id', () => {
  throw new lib.NotFoundError(NOT_FOUND_MESSAGE);
});
app.get('/crash', () => {
  throw new Error('could not load the user', { cause: new Error('connect ECONNREFUSED 10.0.0.7:5432') });
});
const logging = process.argv[3] === 'default' ? {} : { logger: false as const };
app.use(lib.errorHandler({ ...logging, tracing: variant !== 'otel-untraced' }));

const server = http.createServer(app).listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('message', (message) => {
  if (message === 'cpu') return void process.send?.({ cpu: process.cpuUsage() });
  if (message === 'spans') return void process.send?.({ spans: exporter.exported });
  if (message !== 'stop') return;
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
