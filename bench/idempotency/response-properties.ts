// npm run bench:idempotency:properties — why the default capture costs what it does: the CPU time
// of making a bare ServerResponse and doing to it what Express and the capture do, step by step.
// Express swaps every response's prototype for its app's (`Object.setPrototypeOf`) and then adds
// `res.locals`; the default capture then adds `write` and `end` as own properties. After a
// prototype swap V8 no longer shares hidden classes between objects: each property added makes a
// new map for that one object (the bench checks it with %HaveSameMap), which is then garbage to
// collect. Each variant runs in a fresh child process. Env: BENCH_ROUNDS (default 5).
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { describeMachine } from '../shared/machine';
import { median, table } from '../shared/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const COUNT = 100_000;

type Res = Record<string, unknown>;
const expressLike = Object.create(Object.create(http.ServerResponse.prototype) as object) as object;
const wrap = (res: Res, name: 'write' | 'end'): void => {
  const original = res[name] as (...args: unknown[]) => unknown;
  res[name] = function (this: unknown, ...args: unknown[]) {
    return original.apply(this, args);
  };
};

const VARIANTS: Record<string, (res: Res) => void> = {
  'new ServerResponse': () => undefined,
  '+ write/end as own properties, no prototype swap': (res) => {
    wrap(res, 'write');
    wrap(res, 'end');
  },
  'prototype swapped (Express)': (res) => {
    Object.setPrototypeOf(res, expressLike);
  },
  'swapped + res.locals (Express)': (res) => {
    Object.setPrototypeOf(res, expressLike);
    res.locals = {};
  },
  'swapped + res.locals + write/end as own properties (the default capture)': (res) => {
    Object.setPrototypeOf(res, expressLike);
    res.locals = {};
    wrap(res, 'write');
    wrap(res, 'end');
  },
};

function make(variant: (res: Res) => void): Res {
  const res = new http.ServerResponse(new http.IncomingMessage(null as never)) as unknown as Res;
  variant(res);
  return res;
}

// In the child: CPU µs per response, and whether two responses made alike share a hidden class.
function measure(name: string): { micros: number; sameMap: boolean } {
  const variant = VARIANTS[name] as (res: Res) => void;
  for (let index = 0; index < COUNT / 2; index++) make(variant);
  const start = process.cpuUsage();
  for (let index = 0; index < COUNT; index++) make(variant);
  const used = process.cpuUsage(start);
  // V8's intrinsic needs its own syntax, which TypeScript cannot compile.
  const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
  return { micros: (used.user + used.system) / COUNT, sameMap: haveSameMap(make(variant), make(variant)) };
}

function main(): void {
  const samples = new Map<string, number[]>(Object.keys(VARIANTS).map((name) => [name, []]));
  const shared = new Map<string, boolean>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(VARIANTS)) {
      const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', __filename, name], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
      const result = JSON.parse(run.stdout) as { micros: number; sameMap: boolean };
      samples.get(name)?.push(result.micros);
      shared.set(name, result.sameMap);
    }
  }
  console.log(`machine: ${describeMachine()}; ${ROUNDS} child processes per variant, ${COUNT} responses each`);
  console.log(
    table(
      ['', 'CPU µs per response (median)', 'two alike share a hidden class'],
      Object.keys(VARIANTS).map((name) => [name, median(samples.get(name) ?? []).toFixed(2), shared.get(name) ? 'yes' : 'no']),
    ),
  );
}

const child = process.argv[2];
if (child !== undefined && child in VARIANTS) process.stdout.write(JSON.stringify(measure(child)));
else main();
