// Micro benchmark: constructing each kind of error, against `new Error()`, http-errors and Boom.
// Usage: tsx bench/micro/run.ts [--time 500] [--rounds 3]   (ms per task and round)
import { parseArgs } from 'node:util';
import Boom from '@hapi/boom';
import createHttpError from 'http-errors';
import { Bench } from 'tinybench';
import { cpuNow } from '../shared/clock';
import { describeLibrary, lib } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, median, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: { time: { type: 'string', default: '500' }, rounds: { type: 'string', default: '3' } },
});

// One construction takes ~0.1-2 µs, under the timer's resolution: each sample builds a batch.
const BATCH = 200;
// Thrown errors are built deep in a stack (Express router, middleware): a stack trace then costs
// its full 10 frames (Error.stackTraceLimit), not the few of a bench loop.
const DEPTH = 12;
const MESSAGE = 'User user_123 was not found';
const ISSUES = [{ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' }];

let sink: unknown;
function atDepth(depth: number, make: () => unknown): unknown {
  return depth === 0 ? make() : atDepth(depth - 1, make);
}
function batch(make: () => unknown): () => void {
  return () => {
    for (let index = 0; index < BATCH; index++) sink = atDepth(DEPTH, make);
  };
}

const TASKS: readonly (readonly [string, () => unknown])[] = [
  ['new Error(message)', () => new Error(MESSAGE)],
  ['ours: new NotFoundError(message)', () => new lib.NotFoundError(MESSAGE)],
  ['ours: new NotFoundError(message, { captureStack: true })', () => new lib.NotFoundError(MESSAGE, { captureStack: true })],
  ['ours: new TooManyRequestsError(undefined, { retryAfter: 30 })', () => new lib.TooManyRequestsError(undefined, { retryAfter: 30 })],
  ['ours: new InternalServerError() (stack kept)', () => new lib.InternalServerError()],
  ['ours: new ValidationError(message, { details })', () => new lib.ValidationError('Invalid user', { details: ISSUES })],
  ['http-errors: createError(404, message)', () => createHttpError(404, MESSAGE)],
  ['http-errors: createError(429, { headers: Retry-After })', () => createHttpError(429, { headers: { 'Retry-After': '30' } })],
  ['Boom: Boom.notFound(message)', () => Boom.notFound(MESSAGE)],
  ['Boom: Boom.tooManyRequests()', () => Boom.tooManyRequests()],
];

async function main(): Promise<void> {
  console.log('# Micro bench: constructing one error');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: tinybench on CPU time (process.cpuUsage), ${args.time} ms per task, ${args.rounds} rounds (median), batches of ${BATCH} built ${DEPTH} frames deep; ops/s from the median batch time`,
  );
  // tinybench runs tasks one after another; whole rounds are repeated so a burst of load from
  // another process on this shared machine lands on one round, and the median drops it.
  const samples = new Map<string, number[]>(TASKS.map(([name]) => [name, []]));
  for (let round = 0; round < Number(args.rounds); round++) {
    const bench = new Bench({ time: Number(args.time), warmupTime: 200, now: cpuNow });
    for (const [name, make] of TASKS) bench.add(name, batch(make));
    await bench.run();
    for (const [name] of TASKS) {
      const result = bench.getTask(name)?.result;
      if (result === undefined || !('latency' in result)) throw new Error(`${name}: ${JSON.stringify(result)}`);
      samples.get(name)!.push((BATCH * 1000) / result.latency.p50);
    }
  }
  const opsOf = (name: string): number => median(samples.get(name)!);
  const baseline = opsOf('new Error(message)');
  const httpErrors = opsOf('http-errors: createError(404, message)');
  const boom = opsOf('Boom: Boom.notFound(message)');
  console.log();
  console.log(
    table(
      ['construction', 'ops/s', 'x new Error()', 'x createError(404)', 'x Boom.notFound()'],
      TASKS.map(([name]) => {
        const ops = opsOf(name);
        return [name, formatNumber(ops), (ops / baseline).toFixed(2), (ops / httpErrors).toFixed(2), (ops / boom).toFixed(2)];
      }),
    ),
  );
  if (sink === undefined) console.log('(sink empty)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
