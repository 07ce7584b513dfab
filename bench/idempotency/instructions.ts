// bench/idempotency/run.ts counted in instructions instead of timed (see bench/shared/callgrind.ts):
// each server under valgrind's callgrind takes a warm-up of POSTs, each with a fresh
// Idempotency-Key, then a fixed number more between a zeroing of the counters and a dump. The
// goal (< 10% fewer req/s than the route without the middleware) read in instructions: the bare
// route's count over the target's, >= 0.90.
// Needs valgrind; `--targets` with `redis` needs redis-server. Usage:
//   tsx bench/idempotency/instructions.ts [--targets memory,memory-app] [--warmup 10000] [--requests 20000] [--connections 10] [--parallel 3]
import { parseArgs } from 'node:util';
import { startRedisServer, type RedisServer } from '../../test/helpers/redis-server';
import { countWindow, inParallel, underCallgrind } from '../shared/callgrind';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { sendRequests } from '../shared/send-requests';
import { formatChange, formatGoal, formatNumber, table } from '../shared/stats';
import { itemRequest, startServer, type Mode } from './spawn';

const { values: args } = parseArgs({
  options: {
    targets: { type: 'string', default: 'memory,memory-app' },
    warmup: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '10' },
    parallel: { type: 'string', default: '3' },
  },
});
const LABELS: Record<Mode, string> = {
  plain: 'no middleware',
  memory: 'MemoryStore, per-response capture (the default)',
  'memory-app': 'MemoryStore, installResponseCapture(app)',
  redis: 'RedisStore',
};
const modes: Mode[] = ['plain', ...(args.targets.split(',') as Mode[]).filter((mode) => mode !== 'plain')];
for (const mode of modes) if (!(mode in LABELS)) throw new Error(`unknown target ${mode}; one of ${Object.keys(LABELS).join(', ')}`);
const requests = Number(args.requests);

/** Instructions per POST of the server in `mode`, over `requests` requests after the warm-up. */
function count(mode: Mode, redisUrl: string): Promise<number> {
  return underCallgrind(
    (launcher) => startServer(mode, redisUrl, launcher),
    async (server, session) => {
      const send = (amount: number) => sendRequests(`${server.url}/items`, 201, amount, Number(args.connections), itemRequest());
      await send(Number(args.warmup));
      return countWindow(session, server.child.pid!, 'measured', requests, send);
    },
  );
}

async function main(): Promise<void> {
  console.log('# idempotency() on a POST, counted in instructions: each store beside the bare route');
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  console.log(
    `method: each server under valgrind --tool=callgrind; ${args.warmup} POSTs of warm-up, counters zeroed, then ${requests}` +
      ` (autocannon, ${args.connections} connections), a fresh Idempotency-Key each; instructions of the whole server process per request`,
  );
  const redis: RedisServer | undefined = modes.includes('redis') ? await startRedisServer() : undefined;
  try {
    const perRequest = new Map<Mode, number>();
    await inParallel(modes, Number(args.parallel), async (mode) => {
      perRequest.set(mode, await count(mode, redis?.url ?? ''));
      console.log(`  ${mode}: ${formatNumber(perRequest.get(mode)!)} instructions per request`);
    });
    const plain = perRequest.get('plain')!;
    console.log();
    console.log(
      table(
        ['route', 'instructions per POST', 'vs no middleware', 'bare / this (req/s goal: at least 0.90)'],
        modes.map((mode) => {
          const value = perRequest.get(mode)!;
          const ratio = plain / value;
          return [
            LABELS[mode],
            formatNumber(value),
            mode === 'plain' ? '' : formatChange(value / plain),
            mode === 'plain' ? '' : `${ratio.toFixed(3)}: ${formatGoal(ratio, 0.9)}`,
          ];
        }),
      ),
    );
  } finally {
    await redis?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
