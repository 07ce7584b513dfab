// bench/otel/run.ts counted in instructions instead of timed (see bench/shared/callgrind.ts): each
// server under valgrind's callgrind answers every path for a warm-up, then, path by path, a fixed
// number of requests between a zeroing of the counters and a dump. The goal's ratio in
// instructions: (otel error / plain error) / (otel success / plain success) <= 1.05; and what
// errorHandler's own recording adds (otel against otel-untraced).
// Needs valgrind. Usage: tsx bench/otel/instructions.ts [--warmup 8000] [--requests 12000] [--connections 10] [--logging off|default]
import { parseArgs } from 'node:util';
import { countWindow, underCallgrind } from '../shared/callgrind';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { sendRequests } from '../shared/send-requests';
import { formatChange, formatGoal, formatNumber, table } from '../shared/stats';
import type { Variant } from './server';
import { PATHS, startServer, VARIANTS, type PathKey } from './servers';

const { values: args } = parseArgs({
  options: {
    warmup: { type: 'string', default: '8000' },
    requests: { type: 'string', default: '12000' },
    connections: { type: 'string', default: '10' },
    logging: { type: 'string', default: 'off' },
  },
});
const requests = Number(args.requests);
const logging = args.logging === 'default' ? 'default' : 'off';

const send = (port: number, path: (typeof PATHS)[number], amount: number) =>
  sendRequests(`http://127.0.0.1:${port}${path.path}`, path.status, amount, Number(args.connections));

/** Instructions per request of each path, on one server of `variant`. */
function count(variant: Variant): Promise<Map<PathKey, number>> {
  return underCallgrind(
    (launcher) => startServer(variant, logging, launcher),
    async (server, session) => {
      for (const path of PATHS) await send(server.port, path, Number(args.warmup));
      const perRequest = new Map<PathKey, number>();
      for (const path of PATHS)
        perRequest.set(path.key, await countWindow(session, server.pid, path.key, requests, (amount) => send(server.port, path, amount)));
      return perRequest;
    },
  );
}

async function main(): Promise<void> {
  console.log('# OpenTelemetry bench, counted in instructions: instrumented vs plain, success vs error paths');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: each server under valgrind --tool=callgrind; ${args.warmup} requests of warm-up on each path, then per path counters zeroed,` +
      ` ${requests} requests (autocannon, ${args.connections} connections) and a dump; errorHandler({ logger: ${logging === 'default' ? 'default, stdout to /dev/null' : 'false'} })`,
  );
  // Counting is unaffected by what else runs, so the servers are counted side by side.
  const counts = new Map(await Promise.all(VARIANTS.map(async (variant) => [variant, await count(variant)] as const)));
  const of = (variant: Variant, key: PathKey) => counts.get(variant)!.get(key)!;
  console.log();
  console.log(
    table(
      ['path', ...VARIANTS.map((variant) => `${variant}, instructions/request`)],
      PATHS.map((path) => [path.key, ...VARIANTS.map((variant) => formatNumber(of(variant, path.key)))]),
    ),
  );
  console.log();
  const overhead = (key: PathKey) => of('otel', key) / of('plain', key);
  console.log(
    table(
      ['path', 'OTel overhead', 'vs success overhead', 'goal', 'errorHandler recording (otel / otel-untraced)'],
      PATHS.map((path) => {
        const relative = overhead(path.key) / overhead('ok');
        return [
          path.key,
          formatChange(overhead(path.key)),
          path.key === 'ok' ? '' : relative.toFixed(3),
          path.key === 'ok' ? '' : formatGoal(relative, 1.05, 'most'),
          path.key === 'ok' ? '' : formatChange(of('otel', path.key) / of('otel-untraced', path.key)),
        ];
      }),
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
