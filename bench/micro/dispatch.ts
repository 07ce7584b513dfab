// One request through each whole bench app, in process: real IncomingMessage/ServerResponse with no
// socket, so no HTTP parsing, no syscalls and no load generator compete for the CPU. What remains is
// exactly what differs between the targets: routing, the throw, the error handler, JSON, headers.
// Each target runs in a fresh child process per round, so no target's JIT state (Express's inline
// caches turned polymorphic by the other apps) colours another's figure.
// Usage: tsx bench/micro/dispatch.ts [--scenario 404|500|flood] [--time 1000] [--rounds 4]
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { cpuNow } from '../shared/clock';
import { IMPLEMENTATIONS } from '../http/apps';
import { SCENARIOS, type Target } from '../http/scenarios';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatGoal, formatNumber, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: '404' },
    time: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '4' },
    // Internal: measure one target (its key) and print µs per request.
    child: { type: 'string' },
  },
});
const scenario = SCENARIOS[args.scenario];
if (scenario === undefined) throw new Error(`unknown scenario ${args.scenario}`);
const BATCH = 50;

function requester(target: Target): () => void {
  const listener = IMPLEMENTATIONS[target.implementation]();
  return () => {
    for (let index = 0; index < BATCH; index++) {
      const req = new http.IncomingMessage(null as never);
      req.method = 'GET';
      req.url = target.path;
      req.httpVersionMajor = 1;
      req.httpVersionMinor = 1;
      req.headers = { host: 'localhost', accept: '*/*', 'user-agent': 'bench' };
      const res = new http.ServerResponse(req);
      listener(req, res);
      // Every target answers synchronously; one that did not would be measured wrongly.
      if (!res.writableEnded || res.statusCode !== target.status) {
        throw new Error(`${target.label}: ended ${res.writableEnded}, status ${res.statusCode}`);
      }
    }
  };
}

// In the child: one target, tinybench on CPU time, prints the median µs per request.
async function measure(target: Target): Promise<void> {
  const bench = new Bench({ time: Number(args.time), warmupTime: 700, now: cpuNow });
  bench.add(target.key, requester(target));
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result === undefined || !('latency' in result)) throw new Error(`${target.key}: ${JSON.stringify(result)}`);
  process.stdout.write(JSON.stringify({ micros: (result.latency.p50 * 1000) / BATCH }));
}

function inChild(target: Target): number {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', __filename, '--scenario', args.scenario, '--time', args.time, '--child', target.key],
    { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`${target.label}: child exited ${String(child.status)}`);
  return (JSON.parse(child.stdout) as { micros: number }).micros;
}

async function main(): Promise<void> {
  const targets = scenario!.targets;
  if (args.child !== undefined) {
    const target = targets.find((candidate) => candidate.key === args.child);
    if (target === undefined) throw new Error(`no target ${args.child}`);
    return measure(target);
  }
  console.log(`# In-process dispatch, scenario ${args.scenario}: ${scenario!.title}`);
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: tinybench on CPU time (process.cpuUsage), ${args.time} ms per target and round, best of ${args.rounds} rounds,` +
      ` each target in a fresh process every round, batches of ${BATCH} requests; no sockets`,
  );
  const samples = new Map<string, number[]>(targets.map((target) => [target.key, []]));
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const target of targets) samples.get(target.key)!.push(inChild(target));
    process.stdout.write(`  round ${round + 1}/${args.rounds} done\n`);
  }
  // The best round: another process on the shared cores only ever adds time (cache, SMT sibling,
  // steal), never removes it, and these rounds were seen to double under such load.
  const micros = new Map(targets.map((target) => [target.key, Math.min(...samples.get(target.key)!)]));
  console.log();
  console.log(
    table(
      ['target', 'status', 'µs/request (best round)', 'rounds', 'requests/s'],
      targets.map((target) => [
        target.label,
        String(target.status),
        formatNumber(micros.get(target.key)!, 2),
        samples
          .get(target.key)!
          .map((value) => formatNumber(value, 1))
          .join(' / '),
        formatNumber(1e6 / micros.get(target.key)!),
      ]),
    ),
  );
  console.log();
  console.log(
    table(
      ['ratio (throughput)', 'value', 'goal'],
      scenario!.ratios.map((ratio) => {
        const value = micros.get(ratio.denominator)! / micros.get(ratio.numerator)!;
        const goal = formatGoal(value, ratio.goal);
        return [`${ratio.numerator} / ${ratio.denominator}`, value.toFixed(3), goal];
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
