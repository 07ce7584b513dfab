// The HTTP scenarios counted in instructions instead of timed: each server runs under valgrind's
// callgrind, which counts the instructions the process executes (all its threads: the event loop,
// libuv's pool writing the log, V8's compiler and garbage collector), whatever else the machine is
// doing. After a warm-up the counters are zeroed, a fixed number of requests is sent, and the count
// is dumped: instructions per request, and their ratios, repeatable where requests/s on a shared
// VM swing ±20% from round to round. Instructions are not time (a cache miss costs no
// instruction), so read these beside bench/http/run.ts, not instead of it.
// Needs valgrind (Debian: apt-get install valgrind). Usage:
//   tsx bench/http/instructions.ts [--scenario logs] [--warmup 10000] [--requests 20000] [--connections 10] [--parallel 2]
//   [--node-flags '--max-semi-space-size=32'] [--targets a,a+default]
import { parseArgs } from 'node:util';
import { countWindow, inParallel, underCallgrind } from '../shared/callgrind';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { sendRequests } from '../shared/send-requests';
import { formatGoal, formatNumber, table } from '../shared/stats';
import { SCENARIOS, type Target } from './scenarios';
import { startServer } from './spawn';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'logs' },
    warmup: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '10' },
    parallel: { type: 'string', default: '2' },
    // Extra node flags. `--single-threaded` (V8's compiler and collector on the main thread) was
    // tried and moved the count more between runs (±5%), not less.
    'node-flags': { type: 'string', default: '' },
    targets: { type: 'string' },
  },
});
const scenario = SCENARIOS[args.scenario];
if (scenario === undefined) throw new Error(`unknown scenario ${args.scenario}; one of ${Object.keys(SCENARIOS).join(', ')}`);
const requests = Number(args.requests);

const send = (port: number, target: Target, amount: number) =>
  sendRequests(`http://127.0.0.1:${port}${target.path}`, target.status, amount, Number(args.connections));

/** Instructions per request of `target`'s server, over `requests` requests after the warm-up. */
function count(target: Target): Promise<number> {
  const nodeFlags = args['node-flags'].split(' ').filter(Boolean);
  return underCallgrind(
    (launcher) => startServer(target.implementation, nodeFlags, target.output ?? 'ignore', launcher),
    async (server, session) => {
      await send(server.port, target, Number(args.warmup));
      return countWindow(session, server.child.pid!, 'measured', requests, (amount) => send(server.port, target, amount));
    },
  );
}

async function main(): Promise<void> {
  console.log(`# HTTP scenario ${args.scenario}, counted in instructions: ${scenario!.title}`);
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: each server under valgrind --tool=callgrind; ${args.warmup} requests of warm-up, counters zeroed, then ${requests}` +
      ` requests (autocannon, ${args.connections} connections); ${args['node-flags'] === '' ? '' : `node ${args['node-flags']}; `}instructions of the whole server process per request`,
  );
  const only = args.targets?.split(',');
  const targets = scenario!.targets.filter((target) => only?.includes(target.key) ?? true);
  const perRequest = new Map<string, number>();
  await inParallel(targets, Number(args.parallel), async (target) => {
    perRequest.set(target.key, await count(target));
    console.log(`  ${target.key}: ${formatNumber(perRequest.get(target.key)!)} instructions per request`);
  });
  console.log();
  console.log(
    table(
      ['target', 'status', 'instructions per request'],
      targets.map((t) => [t.label, String(t.status), formatNumber(perRequest.get(t.key)!)]),
    ),
  );
  console.log();
  console.log(
    table(
      ['ratio', 'instruction-cost ratio (denominator / numerator)', 'goal'],
      scenario!.ratios
        .filter((ratio) => perRequest.has(ratio.numerator) && perRequest.has(ratio.denominator))
        .map((ratio) => {
          const value = perRequest.get(ratio.denominator)! / perRequest.get(ratio.numerator)!;
          return [`${ratio.numerator} / ${ratio.denominator}`, value.toFixed(3), formatGoal(value, ratio.goal)];
        }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
