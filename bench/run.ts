// `npm run bench`: the quick overview, one bench after another, each in its own process
// (under ~3 minutes on 2 cores). The full runs have their own scripts: bench:http, bench:http:500,
// bench:http:flood, bench:memory, bench:micro, bench:handler, bench:dispatch, bench:profile.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const STEPS: readonly (readonly string[])[] = [
  ['--import', 'tsx', 'micro/run.ts', '--time', '300'],
  ['--import', 'tsx', 'micro/handler.ts', '--time', '300'],
  ['--import', 'tsx', 'micro/dispatch.ts', '--time', '300'],
  ['--expose-gc', '--import', 'tsx', 'memory/run.ts', '--responses', '300000', '--every', '50000'],
  ['--import', 'tsx', 'http/run.ts', '--rounds', '3', '--duration', '2', '--warmup', '1'],
];

let failed = false;
for (const step of STEPS) {
  const args = step.map((arg) => (arg.endsWith('.ts') ? path.join(__dirname, arg) : arg));
  const { status } = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  console.log();
  if (status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
