// One request through each whole bench app, in process: real IncomingMessage/ServerResponse with no
// socket, so no HTTP parsing, no syscalls and no load generator compete for the CPU. What remains is
// exactly what differs between the targets: routing, the throw, the error handler, JSON, headers.
// Usage: tsx bench/micro/dispatch.ts [--scenario 404|500|flood] [--time 500] [--rounds 3]
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { cpuNow } from '../shared/clock';
import { IMPLEMENTATIONS } from '../http/apps';
import { SCENARIOS, type Target } from '../http/scenarios';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, median, table } from '../shared/stats';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: '404' },
    time: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
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

async function main(): Promise<void> {
  console.log(`# In-process dispatch, scenario ${args.scenario}: ${scenario!.title}`);
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(`method: tinybench on CPU time (process.cpuUsage), ${args.time} ms per target, ${args.rounds} rounds (median), batches of ${BATCH} requests; no sockets`);
  const targets = scenario!.targets;
  const samples = new Map<string, number[]>(targets.map((target) => [target.key, []]));
  for (let round = 0; round < Number(args.rounds); round++) {
    const bench = new Bench({ time: Number(args.time), warmupTime: 200, now: cpuNow });
    for (const target of targets) bench.add(target.key, requester(target));
    await bench.run();
    for (const target of targets) {
      const result = bench.getTask(target.key)?.result;
      if (result === undefined || !('latency' in result)) throw new Error(`${target.key}: ${JSON.stringify(result)}`);
      samples.get(target.key)!.push((result.latency.p50 * 1000) / BATCH);
    }
  }
  const micros = new Map(targets.map((target) => [target.key, median(samples.get(target.key)!)]));
  console.log();
  console.log(
    table(
      ['target', 'status', 'µs/request (median)', 'requests/s'],
      targets.map((target) => [target.label, String(target.status), formatNumber(micros.get(target.key)!, 2), formatNumber(1e6 / micros.get(target.key)!)]),
    ),
  );
  console.log();
  console.log(
    table(
      ['ratio (throughput)', 'value', 'goal'],
      scenario!.ratios.map((ratio) => {
        const value = micros.get(ratio.denominator)! / micros.get(ratio.numerator)!;
        const goal = ratio.goal === undefined ? '' : value >= ratio.goal ? `meets >= ${ratio.goal.toFixed(2)}` : `MISSES >= ${ratio.goal.toFixed(2)}`;
        return [`${ratio.numerator} / ${ratio.denominator}`, value.toFixed(3), goal];
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
