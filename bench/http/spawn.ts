import { fork, type ChildProcess } from 'node:child_process';
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

/** Starts `implementation` with `node --import tsx` (plus `nodeFlags`) and waits for its port. */
export function startServer(implementation: Implementation, nodeFlags: readonly string[] = []): Promise<RunningServer> {
  const child = fork(SERVER_ENTRY, [implementation], {
    execArgv: ['--import', 'tsx', ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
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
