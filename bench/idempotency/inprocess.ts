// npm run bench:idempotency:inprocess — the CPU time idempotency() with MemoryStore adds to one
// request, without sockets, HTTP parsing or a load generator competing for the CPU: the bench's
// Express app (requestId, the route, errorHandler) dispatched in process with real
// IncomingMessage/ServerResponse objects and the body already parsed, every request with a fresh
// key. Each measurement runs in a fresh child process, bare, MemoryStore and MemoryStore on an app
// that called installResponseCapture(app) in turn, so JIT
// state and the machine's drift hit both alike; the added µs, set against the HTTP bench's bare
// route, is the overhead a steadier way. Env: BENCH_ROUNDS (default 5), BENCH_LIB as in run.ts.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import type * as Core from '../../src';
import type * as Idempotency from '../../src/idempotency';
import { describeMachine } from '../shared/machine';
import { median, table } from '../shared/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = 30_000;
const BATCH = 20_000;
const BATCHES = 7;

type Mode = 'plain' | 'memory' | 'memory-app';
const MODES: readonly Mode[] = ['plain', 'memory', 'memory-app'];
interface Sample {
  readonly median: number;
  readonly min: number;
}

// In the child: one app, CPU µs per request over BATCHES batches.
function measure(mode: Mode): Sample {
  const location = path.resolve(__dirname, '..', '..', process.env.BENCH_LIB ?? 'dist');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { errorHandler, requestId } = require(location) as typeof Core;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { idempotency, installResponseCapture, MemoryStore } = require(path.join(location, 'idempotency')) as typeof Idempotency;
  const guard: RequestHandler =
    mode === 'plain' ? (_req, _res, next) => next() : (idempotency({ store: new MemoryStore() }) as RequestHandler);
  const app = express();
  if (mode === 'memory-app') installResponseCapture(app);
  app.use(requestId());
  app.use((req, _res, next) => {
    req.body = { name: 'Ada Lovelace', email: 'ada@example.com' };
    next();
  });
  let created = 0;
  app.post('/items', guard, (req, res) => {
    created += 1;
    res
      .status(201)
      .location(`/items/${created}`)
      .json({ data: { id: created, ...(req.body as object) } });
  });
  app.use(errorHandler({ logger: false }));

  let sequence = 0;
  const dispatch = (): void => {
    const req = new http.IncomingMessage(null as never);
    req.method = 'POST';
    req.url = '/items';
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    const key = `bench-${(sequence += 1)}-4f7c2a9e-8d1b-4c3e-9a5f`;
    req.headers = { host: 'localhost', 'content-type': 'application/json', 'idempotency-key': key };
    req.rawHeaders = ['Host', 'localhost', 'Content-Type', 'application/json', 'Idempotency-Key', key];
    const res = new http.ServerResponse(req);
    app(req as express.Request, res as express.Response);
    // MemoryStore answers at once, so every request ends here; one that did not would be measured wrongly.
    if (!res.writableEnded || res.statusCode !== 201) throw new Error(`${mode}: ended ${res.writableEnded}, status ${res.statusCode}`);
  };
  for (let index = 0; index < WARMUP; index++) dispatch();
  const micros: number[] = [];
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = process.cpuUsage();
    for (let index = 0; index < BATCH; index++) dispatch();
    const used = process.cpuUsage(start);
    micros.push((used.user + used.system) / BATCH);
  }
  return { median: median(micros), min: Math.min(...micros) };
}

function child(mode: Mode): Sample {
  const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, mode], { env: process.env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${mode} child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Sample;
}

function cell(value: string | number): string {
  return typeof value === 'number' ? value.toFixed(1) : value;
}

function main(): void {
  const samples: Record<Mode, Sample[]> = { plain: [], memory: [], 'memory-app': [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with another mode, so drift hits every mode alike.
    for (const mode of MODES.map((_, i) => MODES[(i + round) % MODES.length] as Mode)) {
      samples[mode].push(child(mode));
      process.stderr.write(`round ${round + 1} ${mode}: ${samples[mode].at(-1)?.median.toFixed(1)} µs/req\n`);
    }
  }
  const [plain, memory, installed] = MODES.map((m) => median(samples[m].map((s) => s.median))) as [number, number, number];
  const [plainMin, memoryMin, installedMin] = MODES.map((m) => median(samples[m].map((s) => s.min))) as [number, number, number];
  console.log(
    `machine: ${describeMachine()}; ${ROUNDS} child processes per target, ${BATCHES} x ${BATCH} requests each after ${WARMUP} warm-up`,
  );
  console.log(
    table(
      ['', 'no middleware', 'MemoryStore', 'added', 'MemoryStore, installResponseCapture(app)', 'added'],
      [
        ['CPU µs/req (median of medians)', plain, memory, memory - plain, installed, installed - plain].map(cell),
        ['CPU µs/req (median of best batches)', plainMin, memoryMin, memoryMin - plainMin, installedMin, installedMin - plainMin].map(cell),
      ],
    ),
  );
  console.log(
    'Set the added µs against the HTTP bench\'s bare route (npm run bench:idempotency, "server CPU µs/req") for the overhead in production terms.',
  );
}

const mode = process.argv[2];
if (MODES.includes(mode as Mode)) process.stdout.write(JSON.stringify(measure(mode as Mode)));
else main();
