// errorHandler alone, in process: the cost the middleware adds to one error response, with real
// IncomingMessage/ServerResponse objects (no socket). The fastest loop to measure a change to src/
// before and after: `tsx bench/micro/handler.ts --compare /tmp/try/src` runs every case against both
// copies, interleaved in the same process (a scratch copy needs node_modules beside it: a symlink).
// Usage: tsx bench/micro/handler.ts [--time 500] [--rounds 3] [--compare <path of another copy>]
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { cpuRounds } from '../shared/cpu-rounds';
import { describeLibrary, lib, loadLibrary, type LibraryApi } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, median, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: {
    time: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    compare: { type: 'string' },
  },
});
const BATCH = 100;
const noop = (): void => undefined;
const ISSUES = [{ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' }];

type Handler = LibraryApi['errorHandler'] extends (...args: never[]) => infer H ? H : never;
type Case = readonly [name: string, handler: Handler, make: () => unknown, accept?: string];

function casesOf(api: LibraryApi): readonly Case[] {
  const quiet = api.errorHandler({ logger: false });
  const logged = api.errorHandler({ logger: pino(pino.destination({ dest: '/dev/null', sync: true })) });
  const problem = api.errorHandler({ logger: false, format: 'negotiate' });
  return [
    ['404 NotFoundError, logger: false', quiet, () => new api.NotFoundError('User user_123 was not found')],
    ['404 NotFoundError, pino to /dev/null', logged, () => new api.NotFoundError('User user_123 was not found')],
    [
      '404 NotFoundError, negotiate, Accept: problem+json',
      problem,
      () => new api.NotFoundError('User user_123 was not found'),
      'application/problem+json',
    ],
    ['401 UnauthorizedError (default challenge)', quiet, () => new api.UnauthorizedError()],
    ['429 TooManyRequestsError, retryAfter: 30', quiet, () => new api.TooManyRequestsError(undefined, { retryAfter: 30 })],
    ['400 ValidationError, one issue', quiet, () => new api.ValidationError('Invalid user', { details: ISSUES })],
    ['500 from a plain Error, logger: false', quiet, () => new Error('connect ECONNREFUSED 10.0.0.7:5432')],
    ['500 from a plain Error, pino to /dev/null', logged, () => new Error('connect ECONNREFUSED 10.0.0.7:5432')],
  ];
}

const CASES = casesOf(lib);
const OTHER = args.compare === undefined ? undefined : casesOf(loadLibrary(args.compare));

function task(handler: Handler, make: () => unknown, accept = '*/*'): () => void {
  return () => {
    for (let index = 0; index < BATCH; index++) {
      const req = new http.IncomingMessage(null as never);
      req.method = 'GET';
      req.url = '/users/user_123';
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      req.headers = { host: 'localhost', accept };
      const res = new http.ServerResponse(req);
      handler(make(), req, res, noop);
    }
  };
}

async function main(): Promise<void> {
  console.log('# errorHandler alone, in process (error construction included)');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: tinybench on CPU time (process.cpuUsage), ${args.time} ms per case, ${args.rounds} rounds (median), batches of ${BATCH}; real IncomingMessage/ServerResponse, no socket`,
  );
  if (OTHER !== undefined) console.log(`compared with: ${describeLibrary(path.resolve(args.compare!))}`);
  const names = CASES.map(([name]) => name);
  const p50s = await cpuRounds({ rounds: Number(args.rounds), time: Number(args.time) }, (bench) => {
    for (const [index, [name, handler, make, accept]] of CASES.entries()) {
      bench.add(`A ${name}`, task(handler, make, accept));
      const other = OTHER?.[index];
      if (other !== undefined) bench.add(`B ${name}`, task(other[1], other[2], other[3]));
    }
  });
  const samples = new Map([...p50s].map(([name, rounds]) => [name, rounds.map((p50) => (p50 * 1000) / BATCH)]));
  const micros = (name: string): number => median(samples.get(name)!);
  console.log();
  console.log(
    OTHER === undefined
      ? table(
          ['case', 'µs/response (median)', 'responses/s'],
          names.map((name) => [name, formatNumber(micros(`A ${name}`), 2), formatNumber(1e6 / micros(`A ${name}`))]),
        )
      : table(
          ['case', 'A µs (BENCH_LIB)', 'B µs (--compare)', 'B speed-up'],
          names.map((name) => [
            name,
            formatNumber(micros(`A ${name}`), 2),
            formatNumber(micros(`B ${name}`), 2),
            `${((micros(`A ${name}`) / micros(`B ${name}`) - 1) * 100).toFixed(0)}%`,
          ]),
        ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
