// npm run bench:idempotency — the overhead of idempotency() on a POST: the same route without it,
// with MemoryStore and with RedisStore (a real redis-server), each server in its own process,
// measured side by side with autocannon in interleaved rounds, on fresh processes each round.
// Every request carries a fresh key (the first-execution path: claim, handler, store); "replay"
// rows send one key over and over.
// Env: BENCH_DURATION (seconds per round, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
// (default 10), BENCH_WARMUP (seconds of warm-up per fresh server, default 2),
// BENCH_LIB (the library measured: `dist` by default, run `npm run build` first; `src` for the source),
// BENCH_TARGETS (e.g. `memory` or `memory,memory-app,redis`: the servers measured beside the baseline;
// memory-app is MemoryStore on an app that called installResponseCapture(app); default all).
// BENCH_SERVER_CPU (e.g. `1`: pin the servers to that CPU with taskset; run the bench itself with
// `taskset -c 0` so the load generator keeps to the other one).
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { startRedisServer } from '../../test/helpers/redis-server';
import { median } from '../shared/stats';
import { BODY, itemRequest, startServer, type IdempotencyServer, type Mode } from './spawn';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// Seconds of warm-up for each fresh server before a round.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

interface Target {
  readonly name: string;
  readonly mode: Mode;
  readonly replay: boolean;
}

const ALL_TARGETS: readonly Target[] = [
  { name: 'no middleware', mode: 'plain', replay: false },
  { name: 'MemoryStore', mode: 'memory', replay: false },
  { name: 'MemoryStore, installResponseCapture(app)', mode: 'memory-app', replay: false },
  { name: 'RedisStore', mode: 'redis', replay: false },
  { name: 'MemoryStore (replay)', mode: 'memory', replay: true },
  { name: 'RedisStore (replay)', mode: 'redis', replay: true },
];
// BENCH_TARGETS=memory runs the baseline and the MemoryStore rows only (a quicker check).
const TARGETS = ALL_TARGETS.filter(
  (t) => process.env.BENCH_TARGETS === undefined || t.mode === 'plain' || process.env.BENCH_TARGETS.split(',').includes(t.mode),
);

interface Sample {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  /** Server CPU time per request, µs. */
  readonly cpu: number;
}

async function serverCpu(url: string): Promise<number> {
  return ((await (await fetch(`${url}/__cpu`)).json()) as { cpu: number }).cpu;
}

async function measure(url: string, replay: boolean): Promise<Sample> {
  const cpuBefore = await serverCpu(url);
  const result = await autocannon({
    url: `${url}/items`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [itemRequest(replay ? randomUUID() : undefined)],
  });
  const cpu = ((await serverCpu(url)) - cpuBefore) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, cpu };
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  let servers = new Map<Mode, IdempotencyServer>();
  // Waits for the exits, so a stopping server takes no CPU from the next round's warm-up.
  const stopServers = async (): Promise<void> => {
    const stopping = [...servers.values()].map((server) => server.stop());
    servers = new Map();
    await Promise.all(stopping);
  };
  try {
    type Samples = { rps: number[]; p50: number[]; p99: number[]; cpu: number[]; non2xx: number };
    const samples = new Map<string, Samples>();
    for (const target of TARGETS) samples.set(target.name, { rps: [], p50: [], p99: [], cpu: [], non2xx: 0 });
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Fresh server processes each round: one process's JIT decisions and its place on a shared
      // machine would otherwise favour or handicap one target for the whole run.
      await stopServers();
      for (const mode of new Set(TARGETS.map((t) => t.mode))) servers.set(mode, await startServer(mode, redis.url));
      for (const target of TARGETS)
        await autocannon({
          url: `${servers.get(target.mode)?.url}/items`,
          method: 'POST',
          body: BODY,
          headers: { 'content-type': 'application/json' },
          duration: WARMUP,
          connections: CONNECTIONS,
        });
      // Each round in another order, so no target always runs right after the same neighbour.
      const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length] as Target);
      for (const target of order) {
        const r = await measure((servers.get(target.mode) as { url: string }).url, target.replay);
        const s = samples.get(target.name) as Samples;
        s.rps.push(r.rps);
        s.cpu.push(r.cpu);
        s.p50.push(r.p50);
        s.p99.push(r.p99);
        s.non2xx += r.non2xx;
        process.stderr.write(`round ${round} ${target.name}: ${r.rps.toFixed(0)} req/s, ${r.cpu.toFixed(1)} µs CPU/req\n`);
      }
    }
    // Ratios are taken within a round (paired with that round's baseline), then the median over
    // rounds: load from other processes then shifts both sides of each ratio alike.
    const plain = samples.get('no middleware') as Samples;
    const rows = TARGETS.map((target) => {
      const s = samples.get(target.name) as Samples;
      const rpsRatio = median(s.rps.map((rps, i) => rps / (plain.rps[i] as number)));
      const cpuRatio = median(s.cpu.map((cpu, i) => cpu / (plain.cpu[i] as number)));
      return {
        target: target.name,
        'req/s (median)': Math.round(median(s.rps)),
        'vs no middleware': `${rpsRatio.toFixed(3)}x`,
        'req/s overhead': target.mode === 'plain' ? '-' : `${((1 - rpsRatio) * 100).toFixed(1)}%`,
        'server CPU µs/req': Number(median(s.cpu).toFixed(1)),
        'CPU overhead': target.mode === 'plain' ? '-' : `${((cpuRatio - 1) * 100).toFixed(1)}%`,
        'p50 ms': median(s.p50),
        'p99 ms': median(s.p99),
        non2xx: s.non2xx,
      };
    });
    console.log(`Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}`);
    console.log(
      `library: ${process.env.BENCH_LIB ?? 'dist'}; ${ROUNDS} rounds x ${DURATION}s, ${CONNECTIONS} connections, POST /items (JSON 201 + Location), servers in child processes`,
    );
    console.table(rows);
    for (const row of rows.filter((r) => r.target.startsWith('MemoryStore') && !r.target.includes('replay'))) {
      console.log(
        `${row.target} overhead: ${row['req/s overhead']} in req/s, ${row['CPU overhead']} in server CPU per request (goal < 10%)`,
      );
    }
  } finally {
    await stopServers();
    await redis.stop();
  }
}

void main();
