// One benchmark server in its own process: `MODE=plain|memory|memory-app|redis [REDIS_URL=...]`.
// POST /items answers 201 + Location + a small JSON body, behind idempotency() unless plain;
// memory-app is MemoryStore on an app that called installResponseCapture(app).
// GET /__cpu reports the process's CPU time. Prints `{"port":N}` once listening.
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { Redis } from 'ioredis';
import type * as Core from '../../src';
import type * as Idempotency from '../../src/idempotency';

const mode = process.env.MODE ?? 'plain';

// The built package (`npm run build` first) as users run it, unless BENCH_LIB names another copy
// (`src` for the TypeScript source through tsx, or a scratch build).
const location = path.resolve(__dirname, '..', '..', process.env.BENCH_LIB ?? 'dist');
// `<location>/idempotency` is dist/idempotency.js built, src/idempotency/index.ts in source.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { errorHandler, requestId } = require(location) as typeof Core;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { idempotency, installResponseCapture, MemoryStore, RedisStore } = require(path.join(location, 'idempotency')) as typeof Idempotency;
if (typeof idempotency !== 'function') throw new Error(`${location} has no idempotency(): run \`npm run build\` or set BENCH_LIB=src`);
// tsx turns source maps on; production `node` does not.
process.setSourceMapsEnabled(false);

async function main(): Promise<void> {
  let store: Idempotency.IdempotencyStore | undefined;
  // MEMORY_MAX_ENTRIES: the store's bound (default 10 000), to see what keeping responses costs.
  if (mode === 'memory' || mode === 'memory-app') store = new MemoryStore({ maxEntries: Number(process.env.MEMORY_MAX_ENTRIES ?? 10_000) });
  if (mode === 'redis') {
    const client = new Redis(process.env.REDIS_URL as string, { enableOfflineQueue: false });
    await new Promise((resolve) => client.once('ready', resolve));
    store = new RedisStore({ client });
  }
  const guard: RequestHandler = store === undefined ? (_req, _res, next) => next() : (idempotency({ store }) as RequestHandler);

  let next = 0;
  const app = express();
  if (mode === 'memory-app') installResponseCapture(app);
  app.use(requestId());
  app.use(express.json());
  app.post('/items', guard, (req, res) => {
    next += 1;
    res
      .status(201)
      .location(`/items/${next}`)
      .json({ data: { id: next, ...(req.body as object) } });
  });
  // Server CPU time (µs) so far: per-request CPU cost holds steadier than req/s on a shared machine.
  app.get('/__cpu', (_req, res) => {
    const { user, system } = process.cpuUsage();
    res.json({ cpu: user + system });
  });
  app.use(errorHandler({ logger: false }));
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
  process.once('SIGTERM', () => process.exit(0));
}

void main();
