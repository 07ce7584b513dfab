// Profile one bench server under load: `node --cpu-prof`, autocannon, then where the time went.
// Usage: tsx bench/profile/run.ts [--implementation ours] [--path /users/user_123] [--duration 10] [--out /tmp/bench-profile]
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { IMPLEMENTATIONS, type Implementation } from '../http/apps';
import { startServer } from '../http/spawn';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { summarizeProfile, type CpuProfile } from './summarize';

const { values: args } = parseArgs({
  options: {
    implementation: { type: 'string', default: 'ours' },
    path: { type: 'string', default: '/users/user_123' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    out: { type: 'string', default: '/tmp/bench-profile' },
  },
});
if (!(args.implementation in IMPLEMENTATIONS)) throw new Error(`unknown implementation ${args.implementation}`);

async function main(): Promise<void> {
  const dir = path.resolve(args.out, `${args.implementation}${args.path.replace(/\W+/g, '_')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`# CPU profile: ${args.implementation} GET ${args.path}, ${args.duration} s under autocannon`);
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  const server = await startServer(args.implementation as Implementation, ['--cpu-prof', '--cpu-prof-dir', dir]);
  try {
    const url = `http://127.0.0.1:${server.port}${args.path}`;
    await autocannon({ url, connections: Number(args.connections), duration: 2 }); // warm-up, also profiled
    const result = await autocannon({ url, connections: Number(args.connections), duration: Number(args.duration) });
    console.log(`${Math.round(result.requests.average)} req/s while profiling (the profiler itself costs some)`);
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile written in ${dir}`);
  console.log(`profile: ${path.join(dir, file)} (open in Chrome DevTools > Performance)`);
  console.log();
  console.log(summarizeProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
