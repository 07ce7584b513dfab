// npm run bench:idempotency:profile — where the MemoryStore path's extra cost goes: the bare route
// and the MemoryStore route, one after the other under the same autocannon load, each server with
// `--cpu-prof` and `--trace-gc-nvp`; prints the garbage collector's work and the functions whose
// self time per request differs most. Env: BENCH_DURATION (seconds, default 8), BENCH_LIB as in
// run.ts, MEMORY_MAX_ENTRIES as in server.ts (100 shows what keeping 10 000 responses costs),
// BENCH_TARGET (`memory`, the default, or `memory-app`: the route behind installResponseCapture(app)).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { CpuProfile } from '../profile/summarize';
import { describeMachine } from '../shared/machine';
import { table } from '../shared/stats';
import { itemRequest, type Mode } from './spawn';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const TARGET: Mode = process.env.BENCH_TARGET === 'memory-app' ? 'memory-app' : 'memory';

interface Run {
  readonly requests: number;
  /** Self time per function, µs per request. */
  readonly self: Map<string, number>;
  /** Scavenges: pause µs and bytes promoted to the old generation, per request. */
  readonly gc: { pause: number; promoted: number };
}

function selfTimes(profile: CpuProfile, requests: number): Map<string, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*node_modules\//, '').replace(/^.*\/(dist|src|bench)\//, '$1/')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0) / requests);
  }
  return byFunction;
}

async function profile(mode: Mode): Promise<Run> {
  const dir = join('/tmp', 'bench-idempotency-profile', mode);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--trace-gc-nvp', '--import', 'tsx', join(__dirname, 'server.ts')],
    {
      env: { ...process.env, MODE: mode, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let counting = false;
  const gc = { pause: 0, promoted: 0 };
  const port = await new Promise<number>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('{"port"')) resolve((JSON.parse(line) as { port: number }).port);
      if (!counting || !line.includes('gc=s ')) return;
      gc.pause += Number(/\bpause=([\d.]+)/.exec(line)?.[1] ?? 0) * 1000;
      gc.promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
    });
  });
  const load = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/items`,
      connections: 10,
      duration,
      requests: [itemRequest()],
    });
  await load(2);
  counting = true;
  const { requests } = await load(DURATION);
  counting = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`${mode}: no CPU profile was written`);
  const cpu = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  // The profile spans the warm-up too: per request of the whole run, so both sides count alike.
  return {
    requests: requests.total,
    self: selfTimes(cpu, requests.total),
    gc: { pause: gc.pause / requests.total, promoted: gc.promoted / requests.total },
  };
}

async function main(): Promise<void> {
  const plain = await profile('plain');
  const memory = await profile(TARGET);
  const busy = (run: Run) => [...run.self].filter(([key]) => !key.startsWith('(idle)')).reduce((sum, [, value]) => sum + value, 0);
  console.log(`machine: ${describeMachine()}; ${DURATION} s each under 10 connections, POST /items with a fresh key`);
  console.log(
    table(
      ['', 'no middleware', TARGET],
      [
        ['requests', String(plain.requests), String(memory.requests)],
        ['busy CPU µs/req (profile)', busy(plain).toFixed(1), busy(memory).toFixed(1)],
        ['scavenge pause µs/req', plain.gc.pause.toFixed(1), memory.gc.pause.toFixed(1)],
        ['promoted bytes/req', plain.gc.promoted.toFixed(0), memory.gc.promoted.toFixed(0)],
      ],
    ),
  );
  const names = new Set([...plain.self.keys(), ...memory.self.keys()]);
  const rows = [...names]
    .filter((name) => !name.startsWith('(idle)'))
    .map((name) => ({ name, plain: plain.self.get(name) ?? 0, memory: memory.self.get(name) ?? 0 }))
    .sort((a, b) => Math.abs(b.memory - b.plain) - Math.abs(a.memory - a.plain))
    .slice(0, 30);
  console.log(
    table(
      ['function (self µs/req)', 'no middleware', TARGET, 'difference'],
      rows.map((row) => [row.name, row.plain.toFixed(2), row.memory.toFixed(2), (row.memory - row.plain).toFixed(2)]),
    ),
  );
}

void main();
