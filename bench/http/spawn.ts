import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { launchOptions } from '../shared/launcher';
import type { Implementation } from './apps';

/** A bench server running in a child process of its own. */
export interface RunningServer {
  readonly implementation: Implementation;
  readonly port: number;
  readonly child: ChildProcess;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpuMicros(): Promise<number>;
  /** Asks the server to exit cleanly (a `--cpu-prof` profile is written on exit). */
  stop(): Promise<void>;
}

const SERVER_ENTRY = path.join(__dirname, 'server.ts');

/**
 * Where a server's stdout and stderr go: this terminal (`inherit`), `/dev/null` (`ignore`), or a
 * file (its path; created or truncated), so a target that logs to stdout can be measured without
 * the terminal's cost, or its bytes counted.
 */
export type ServerOutput = 'inherit' | 'ignore' | { readonly file: string };

/**
 * Starts `implementation` with `node --import tsx` (plus `nodeFlags`) and waits for its port.
 * `launcher` runs node under another program, `['valgrind', '--tool=callgrind', ...]` say (node's
 * path and flags follow it); such a server gets 10 minutes to start instead of 30 s.
 */
export function startServer(
  implementation: Implementation,
  nodeFlags: readonly string[] = [],
  output: ServerOutput = 'inherit',
  launcher: readonly string[] = [],
): Promise<RunningServer> {
  const fd = typeof output === 'object' ? openSync(output.file, 'w') : undefined;
  const out = fd ?? (typeof output === 'object' ? 'ignore' : output);
  const child = fork(SERVER_ENTRY, [implementation], {
    ...launchOptions(['--import', 'tsx', ...nodeFlags], launcher),
    stdio: ['ignore', out, out, 'ipc'],
  });
  const startTimeout = launcher.length === 0 ? 30_000 : 600_000;
  // The child has its own copy of the descriptor.
  if (fd !== undefined) child.once('spawn', () => closeSync(fd));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${implementation}: no port after ${startTimeout / 1000} s`));
    }, startTimeout);
    child.once('exit', (code) => reject(new Error(`${implementation}: exited with ${String(code)} before listening`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      const port = (message as { port?: unknown }).port;
      if (typeof port !== 'number') return reject(new Error(`${implementation}: bad hello ${JSON.stringify(message)}`));
      resolve({
        implementation,
        port,
        child,
        cpuMicros: () =>
          new Promise((answer) => {
            child.once('message', (reply) => {
              const cpu = (reply as { cpu: NodeJS.CpuUsage }).cpu;
              answer(cpu.user + cpu.system);
            });
            child.send('cpu');
          }),
        stop: async () => {
          if (child.exitCode === null && child.connected) child.send('stop');
          const timeout = setTimeout(() => child.kill(), startTimeout / 3);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}
