// validate() on a passing request, against calling the schema's `~standard.validate` directly in a
// minimal Express-like handler that does the same work (replace the part, call next). Both run in
// one tinybench, interleaved, so the ratio compares like with like: what validate() adds on top of
// the schema (option lookups, the sync/async test, the issues test, next) is the difference.
// Usage: tsx bench/micro/validate.ts [--time 500] [--rounds 9]   (library: dist, or BENCH_LIB=src)
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { z } from 'zod';
import { cpuNow } from '../shared/clock';
import { describeLibrary, lib } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, median, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: { time: { type: 'string', default: '500' }, rounds: { type: 'string', default: '9' } },
});

// One call takes about a microsecond: each sample runs a batch long enough (~1 ms) for the CPU clock.
const BATCH = 1000;

const User = z.object({
  email: z.email(),
  name: z.string().min(1).max(100),
  age: z.number().int().min(0),
  role: z.enum(['admin', 'member']),
  tags: z.array(z.string()).max(10),
});
const Page = z.object({ page: z.coerce.number().int().min(1), q: z.string().optional() });
const BODY = Object.freeze({ email: 'ada@example.com', name: 'Ada Lovelace', age: 36, role: 'member', tags: ['math', 'engines'] });
const QUERY = Object.freeze({ page: '2', q: 'engines' });

type Req = { body: unknown; query: unknown };
type Next = (error?: unknown) => void;
type Middleware = (req: Req, res: unknown, next: Next) => void;

let calls = 0;
const next: Next = (error) => {
  if (error !== undefined) throw new Error(`the bench body failed validation: ${String(error)}`);
  calls++;
};

// (a) The schema called directly, as a hand-written handler would: the same checks validate()
// must make (a promise, issues), the part replaced, next called.
function directBody(): Middleware {
  const standard = User['~standard'];
  return (req, _res, done) => {
    const result = standard.validate(req.body);
    if (result instanceof Promise) throw new Error('sync schema expected');
    if (result.issues) return done(result.issues);
    req.body = result.value;
    done();
  };
}

function directBodyAndQuery(): Middleware {
  const body = User['~standard'];
  const query = Page['~standard'];
  return (req, _res, done) => {
    const bodyResult = body.validate(req.body);
    const queryResult = query.validate(req.query);
    if (bodyResult instanceof Promise || queryResult instanceof Promise) throw new Error('sync schema expected');
    if (bodyResult.issues || queryResult.issues) return done(bodyResult.issues ?? queryResult.issues);
    req.body = bodyResult.value;
    Object.defineProperty(req, 'query', { value: queryResult.value, writable: true, configurable: true, enumerable: true });
    done();
  };
}

// A fresh request per call, as Express 5 makes them: `query` a getter on the shared prototype.
const REQUEST_PROTOTYPE = Object.defineProperty({}, 'query', { configurable: true, enumerable: true, get: () => QUERY });

function task(middleware: Middleware): () => void {
  return () => {
    for (let index = 0; index < BATCH; index++) {
      const req = Object.create(REQUEST_PROTOTYPE) as Req;
      req.body = BODY;
      middleware(req, undefined, next);
    }
  };
}

const CASES: readonly (readonly [name: string, direct: Middleware, middleware: Middleware])[] = [
  ['zod 4 object body', directBody(), lib.validate({ body: User }) as unknown as Middleware],
  ['zod 4 body + query', directBodyAndQuery(), lib.validate({ body: User, query: Page }) as unknown as Middleware],
];

async function main(): Promise<void> {
  console.log('# validate() on a passing request vs the schema called directly');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: tinybench on CPU time (process.cpuUsage), ${args.time} ms per task, ${args.rounds} rounds, batches of ${BATCH}; a fresh Express-5-like request object per call (query a prototype getter), no socket`,
  );
  console.log(
    "ratio: the median of the rounds' ratios of p50 (each round runs both), and the ratio of the fastest samples of all rounds (robust to another process's load)",
  );
  const samples = new Map<string, number[]>();
  // The fastest sample of all rounds: what another process's load cannot inflate.
  const fastest = new Map<string, number>();
  for (let round = 0; round < Number(args.rounds); round++) {
    const bench = new Bench({ time: Number(args.time), warmupTime: 300, now: cpuNow });
    // Alternate which runs first each round, so neither always gets the warmer JIT state.
    for (const [name, direct, middleware] of CASES) {
      const pair: [string, Middleware][] = [
        [`direct ${name}`, direct],
        [`validate ${name}`, middleware],
      ];
      if (round % 2 === 1) pair.reverse();
      for (const [label, handler] of pair) bench.add(label, task(handler));
    }
    await bench.run();
    for (const entry of bench.tasks) {
      const result = entry.result;
      if (!('latency' in result)) throw new Error(`${entry.name}: ${JSON.stringify(result)}`);
      samples.set(entry.name, [...(samples.get(entry.name) ?? []), (result.latency.p50 * 1000) / BATCH]);
      fastest.set(entry.name, Math.min(fastest.get(entry.name) ?? Infinity, (result.latency.min * 1000) / BATCH));
    }
  }
  if (calls === 0) throw new Error('no call reached next()');
  const micros = (name: string): number => median(samples.get(name)!);
  console.log();
  console.log(
    table(
      ['case', 'direct µs/call', 'validate() µs/call', 'validate() / direct', 'ratio of fastest samples', 'per-round ratios'],
      CASES.map(([name]) => {
        const direct = samples.get(`direct ${name}`)!;
        const ratios = samples.get(`validate ${name}`)!.map((value, index) => value / direct[index]!);
        return [
          name,
          formatNumber(micros(`direct ${name}`), 3),
          formatNumber(micros(`validate ${name}`), 3),
          median(ratios).toFixed(3),
          (fastest.get(`validate ${name}`)! / fastest.get(`direct ${name}`)!).toFixed(3),
          ratios.map((ratio) => ratio.toFixed(2)).join(' '),
        ];
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
