// What recognising a schema validator's error costs: errorHandler answering a thrown ZodError (zod 4
// and 3) and ValiError against the same failure thrown as our own ValidationError. The validators'
// errors are built once up front (parsing is the app's cost either way); the ValidationError is built
// per response, as an app throwing it would, and also once up front (the handler's cost alone).
//
// Like is compared with like: the baseline has the recognised error's details (3) and its cause. A
// recognised error's cause names the validator (`{ source: 'zod' }`), and the log line serialises
// it: without the same cause the baseline's line would be shorter, and the ratio would measure
// what is logged rather than what recognising costs. The row without a cause shows that part.
// Budget: a ZodError costs at most 1.2x the ValidationError thrown per response.
// Usage: BENCH_LIB=src tsx bench/micro/schema-validators.ts [--time 500] [--rounds 3]
import http from 'node:http';
import { parseArgs } from 'node:util';
import pino from 'pino';
import * as v from 'valibot';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { cpuRounds } from '../shared/cpu-rounds';
import { describeLibrary, lib } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, median, table } from '../shared/stats';

const { values: args } = parseArgs({ options: { time: { type: 'string', default: '500' }, rounds: { type: 'string', default: '3' } } });
const BATCH = 100;
const noop = (): void => undefined;

// A sign-up form failing on three fields: a format, a bound and a key that is not allowed.
const INPUT = { email: 'not-an-email', password: 'hunter2', name: 'Ada', isAdmin: true };
const zod4 = z
  .object({ email: z.string().email(), password: z.string().min(8), name: z.string() })
  .strict()
  .safeParse(INPUT).error;
const zod3 = z3
  .object({ email: z3.string().email(), password: z3.string().min(8), name: z3.string() })
  .strict()
  .safeParse(INPUT).error;
const valibot = new v.ValiError(
  v.safeParse(
    v.strictObject({ email: v.pipe(v.string(), v.email()), password: v.pipe(v.string(), v.minLength(8)), name: v.string() }),
    INPUT,
    { abortEarly: false },
  ).issues as [v.BaseIssue<unknown>],
);
const recognized = lib.toApiError(zod4) as InstanceType<typeof lib.ValidationError>;
const details = recognized.details;
if (details.length !== 3 || JSON.stringify(recognized.cause) !== '{"source":"zod"}')
  throw new Error('the baseline no longer matches a recognised ZodError');
const own = new lib.ValidationError(undefined, { details, cause: { source: 'zod' }, captureStack: false });
const thrown = (): unknown => new lib.ValidationError(undefined, { details, cause: { source: 'zod' }, captureStack: false });
const thrownBare = (): unknown => new lib.ValidationError(undefined, { details, captureStack: false });

type Handler = ReturnType<typeof lib.errorHandler>;
const quiet = lib.errorHandler({ logger: false });
const logged = lib.errorHandler({ logger: pino(pino.destination({ dest: '/dev/null', sync: true })) });

// The first row of each logger is the baseline of the rows below it.
const CASES: readonly (readonly [string, Handler, () => unknown])[] = [
  ['ValidationError (3 details, cause), logger: false', quiet, thrown],
  ['ValidationError (3 details, no cause), logger: false', quiet, thrownBare],
  ['ValidationError built once, logger: false', quiet, () => own],
  ['ZodError zod 4, logger: false', quiet, () => zod4],
  ['ZodError zod 3, logger: false', quiet, () => zod3],
  ['ValiError, logger: false', quiet, () => valibot],
  ['ValidationError (3 details, cause), pino to /dev/null', logged, thrown],
  ['ValidationError (3 details, no cause), pino to /dev/null', logged, thrownBare],
  ['ZodError zod 4, pino to /dev/null', logged, () => zod4],
  ['ZodError zod 3, pino to /dev/null', logged, () => zod3],
];
const PINO_BASELINE = CASES.findIndex(([name]) => name.includes('pino'));

function task(handler: Handler, make: () => unknown): () => void {
  return () => {
    for (let index = 0; index < BATCH; index++) {
      const req = new http.IncomingMessage(null as never);
      req.method = 'POST';
      req.url = '/users';
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      req.headers = { host: 'localhost', accept: '*/*' };
      const res = new http.ServerResponse(req);
      handler(make(), req, res, noop);
    }
  };
}

async function main(): Promise<void> {
  console.log('# schema validators: recognising a thrown ZodError/ValiError vs our own ValidationError');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  const baselineOf = (name: string): string => CASES[name.includes('pino') ? PINO_BASELINE : 0]![0];
  const p50s = await cpuRounds({ rounds: Number(args.rounds), time: Number(args.time) }, (bench) => {
    for (const [name, handler, make] of CASES) bench.add(name, task(handler, make));
  });
  const microsOf = (name: string): number[] => p50s.get(name)!.map((p50) => (p50 * 1000) / BATCH);
  // A ratio is taken within a round, seconds after its baseline: on a shared machine the load
  // drifts between rounds more than between neighbouring cases.
  const samples = new Map(CASES.map(([name]) => [name, microsOf(name)]));
  const ratios = new Map(
    CASES.map(([name]) => {
      const baseline = samples.get(baselineOf(name))!;
      return [name, samples.get(name)!.map((micros, round) => micros / baseline[round]!)];
    }),
  );
  console.log();
  console.log(
    `method: tinybench on CPU time, ${args.time} ms per case, ${args.rounds} rounds; ratio: median of each round's ratio to its baseline`,
  );
  console.log(
    table(
      ['case', 'µs/response (median)', 'vs ValidationError (3 details, cause)'],
      CASES.map(([name]) => [name, formatNumber(median(samples.get(name)!), 2), `${median(ratios.get(name)!).toFixed(2)}x`]),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
