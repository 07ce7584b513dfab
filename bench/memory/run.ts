// Memory bench: one million error responses through the real errorHandler (with requestId() and a
// pino logger) must leave the heap flat after warm-up. Exits 1 when it grows beyond --max-growth-kb.
// Usage: node --expose-gc --import tsx bench/memory/run.ts [--responses 1000000] [--every 100000] [--max-growth-kb 1024] [--leak]
import http from 'node:http';
import { parseArgs } from 'node:util';
import createHttpError from 'http-errors';
import pino from 'pino';
import { describeLibrary, lib } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: {
    responses: { type: 'string', default: '1000000' },
    every: { type: 'string', default: '100000' },
    'max-growth-kb': { type: 'string', default: '1024' },
    // Keeps 64 bytes per response alive on purpose: shows the check fails on a leak that small.
    leak: { type: 'boolean', default: false },
  },
});
const RESPONSES = Number(args.responses);
const EVERY = Number(args.every);
const MAX_GROWTH = Number(args['max-growth-kb']) * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('run with node --expose-gc (npm run bench:memory does)');
  process.exit(2);
}

// Synchronous: an async destination would buffer lines while this loop runs and look like a leak.
const logger = pino(pino.destination({ dest: '/dev/null', sync: true }));
const handle = lib.errorHandler({ logger });
const assignId = lib.requestId();
const noop = (): void => undefined;
const leaked: string[] = [];

// A mix of what apps throw, each request on its own path and with its own id, so any cache keyed
// by path, id, error or response would grow.
const THROWN: readonly ((n: number) => unknown)[] = [
  (n) => new lib.NotFoundError(`User user_${n} was not found`),
  () => new lib.TooManyRequestsError(undefined, { retryAfter: new Date(Date.now() + 30_000) }),
  (n) => new Error(`connect ECONNREFUSED 10.0.0.${n % 256}:5432`),
  (n) => new lib.ValidationError('Invalid user', { details: [{ path: 'body.email', code: 'invalid_format', message: `bad ${n}` }] }),
  () => new lib.UnauthorizedError(),
  (n) => createHttpError(409, `Email ${n}@example.com is taken`),
  (n) => `a thrown string ${n}`,
  () => Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 }),
];

function respond(n: number): void {
  const req = new http.IncomingMessage(null as never);
  req.method = n % 10 === 0 ? 'HEAD' : 'GET';
  req.url = `/users/user_${n}?page=${n % 7}`;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  if (n % 2 === 0) req.headers['x-request-id'] = `upstream-${n}`;
  const res = new http.ServerResponse(req);
  if (n % 3 !== 0) assignId(req, res, noop);
  handle(THROWN[n % THROWN.length]!(n), req, res, noop);
  if (!res.writableEnded) throw new Error(`response ${n} was not answered`);
  if (args.leak) leaked.push(`leak ${n}`.padEnd(64, '.'));
}

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  console.log('# Memory bench: error responses through errorHandler');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: ${formatNumber(RESPONSES)} responses (8 kinds of thrown value, requestId(), pino to /dev/null), real IncomingMessage/ServerResponse without a socket;` +
      ` heapUsed after forced GC every ${formatNumber(EVERY)}; the first ${formatNumber(EVERY)} are warm-up`,
  );
  const started = Date.now();
  const rows: string[][] = [['0', formatNumber(heapAfterGc() / 1024), '']];
  let baseline = 0;
  let last = 0;
  for (let n = 1; n <= RESPONSES; n++) {
    respond(n);
    // Let I/O callbacks and timers run, as a server's event loop would.
    if (n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (n % EVERY === 0) {
      last = heapAfterGc();
      if (n === EVERY) baseline = last;
      rows.push([
        formatNumber(n),
        formatNumber(last / 1024),
        n === EVERY ? 'baseline (after warm-up)' : `${last >= baseline ? '+' : ''}${formatNumber((last - baseline) / 1024)} KiB`,
      ]);
    }
  }
  console.log();
  console.log(table(['responses', 'heapUsed KiB', 'vs baseline'], rows));
  const growth = last - baseline;
  const perResponse = growth / (RESPONSES - EVERY);
  console.log();
  console.log(
    `growth after warm-up: ${formatNumber(growth / 1024, 1)} KiB over ${formatNumber(RESPONSES - EVERY)} responses` +
      ` (${perResponse.toFixed(3)} B/response); threshold ${formatNumber(MAX_GROWTH / 1024)} KiB; ${formatNumber((Date.now() - started) / 1000, 1)} s`,
  );
  if (growth > MAX_GROWTH) {
    console.error('FAIL: the heap grows with the number of error responses');
    process.exitCode = 1;
  } else {
    console.log('OK: heap flat');
  }
}

void main();
