// The cost of one error log line, in process, on CPU time: errorHandler answering a 404 with
// `logger: false` and with loggers like the default one, side by side, each batch followed by a
// turn of the event loop (so asynchronous writes complete as they would in a server). CPU time is
// steadier than requests/s when other processes share the cores; divide the difference by the
// CPU cost of one 404 request (bench/http/run.ts prints it) for the share a line costs.
// Usage: tsx bench/http/line-cost.ts [--time 1000] [--rounds 5] [--dest /dev/null | a file path (truncated)]
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { LineBatch } from '../../src/logging/line-batch';
import { cpuRounds } from '../shared/cpu-rounds';
import { describeLibrary, lib } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, median, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: {
    time: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    dest: { type: 'string', default: '/dev/null' },
  },
});
const dest = args.dest;
// A file is truncated first; each logger appends to it.
if (dest !== '/dev/null') writeFileSync(dest, '');
const BATCH = 100;
const noop = (): void => undefined;

// What `errorHandler()` uses by default (src/logging/logger.ts), to `--dest` instead of stdout.
const asyncDestination = () => new LineBatch(pino.destination({ dest, sync: false, minLength: 0 }), 4096);

const CASES = [
  ['logger: false', lib.errorHandler({ logger: false })],
  [
    'default logger (4 KB batches to an async destination), logSampling: false',
    lib.errorHandler({ logger: pino({ name: 'express-api-errors' }, asyncDestination()), logSampling: false }),
  ],
  [
    // What the line costs before any byte is written: the fields, pino's serialisation.
    'pino to a no-op stream (no write), logSampling: false',
    lib.errorHandler({ logger: pino({ name: 'express-api-errors' }, { write: () => true }), logSampling: false }),
  ],
  [
    "sonic-boom's own 4 KB buffer (the default logger until 2026-12-03), logSampling: false",
    lib.errorHandler({
      logger: pino({ name: 'express-api-errors' }, pino.destination({ dest, sync: false, minLength: 4096, periodicFlush: 1000 })),
      logSampling: false,
    }),
  ],
  [
    "pino's own default (async, a write per line when idle), logSampling: false",
    lib.errorHandler({
      logger: pino({ name: 'express-api-errors' }, pino.destination({ dest, sync: false, minLength: 0 })),
      logSampling: false,
    }),
  ],
  [
    'pino sync (a write per line), logSampling: false',
    lib.errorHandler({ logger: pino({ name: 'express-api-errors' }, pino.destination({ dest, sync: true })), logSampling: false }),
  ],
  [
    'default logger, flood suppression on (lines held back)',
    lib.errorHandler({ logger: pino({ name: 'express-api-errors' }, asyncDestination()) }),
  ],
] as const;

function task(handler: (typeof CASES)[number][1]): () => Promise<void> {
  return async () => {
    for (let index = 0; index < BATCH; index++) {
      const req = new http.IncomingMessage(null as never);
      req.method = 'GET';
      req.url = '/users/user_123';
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      req.headers = { host: 'localhost', accept: '*/*' };
      const res = new http.ServerResponse(req);
      handler(new lib.NotFoundError('User user_123 was not found'), req, res, noop);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
}

async function main(): Promise<void> {
  console.log('# one 404 log line, in process (errorHandler, error construction included)');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: tinybench on CPU time (process.cpuUsage, all threads), ${args.time} ms per case, ${args.rounds} rounds (median), batches of ${BATCH} then setImmediate; lines to ${dest}`,
  );
  const p50s = await cpuRounds({ rounds: Number(args.rounds), time: Number(args.time) }, (bench) => {
    for (const [name, handler] of CASES) bench.add(name, task(handler));
  });
  const samples = new Map([...p50s].map(([name, rounds]) => [name, rounds.map((p50) => (p50 * 1000) / BATCH)]));
  const micros = (name: string): number => median(samples.get(name)!);
  const base = micros(CASES[0][0]);
  console.log();
  console.log(
    table(
      ['case', 'µs/error (median)', 'rounds', 'the line costs, µs'],
      CASES.map(([name]) => [
        name,
        formatNumber(micros(name), 2),
        samples
          .get(name)!
          .map((value) => formatNumber(value, 2))
          .join(' / '),
        formatNumber(micros(name) - base, 2),
      ]),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
