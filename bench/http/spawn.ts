import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
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

/** Starts `implementation` with `node --import tsx` (plus `nodeFlags`) and waits for its port. */
export function startServer(
  implementation: Implementation,
  nodeFlags: readonly string[] = [],
  output: ServerOutput = 'inherit',
): Promise<RunningServer> {
  const fd = typeof output === 'object' ? openSync(output.file, 'w') : undefined;
  const out = fd ?? (typeof output === 'object' ? 'ignore' : output);
  const child = fork(SERVER_ENTRY, [implementation], {
    execArgv: ['--import', 'tsx', ...nodeFlags],
    stdio: ['ignore', out, out, 'ipc'],
  });
  // The child has its own copy of the descriptor.
  if (fd !== undefined) child.once('spawn', () => closeSync(fd));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${implementation}: no port after 30 s`));
    }, 30_000);
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
          const timeout = setTimeout(() => child.kill(), 10_000);
          await exited;
          clearTimeout(timeout);
        },
      });
    });
  });
}
