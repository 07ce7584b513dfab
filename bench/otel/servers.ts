// The bench servers (bench/otel/server.ts) from the runner's side: what they answer, how to start one.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { launchOptions } from '../shared/launcher';
import type { Variant } from './server';

/** The servers, in the order the benches list them. */
export const VARIANTS: readonly Variant[] = ['plain', 'otel', 'otel-untraced'];

/** Every server's routes: a 200 of the 404's body size, a 404 from the catalog, a 500 from a plain Error. */
export const PATHS = [
  { key: 'ok', path: '/ok/user_123', status: 200 },
  { key: '404', path: '/users/user_123', status: 404 },
  { key: '500', path: '/crash', status: 500 },
] as const;
export type PathKey = (typeof PATHS)[number]['key'];

/** Whether the servers log each error with the default logger (stdout to /dev/null) or not at all. */
export type Logging = 'off' | 'default';

/** A bench/otel/server.ts child process. */
export interface Server {
  readonly variant: Variant;
  readonly port: number;
  readonly pid: number;
  ask<T>(message: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts `variant` with `node --import tsx`; `launcher` runs node under another program
 * (`valgrind --tool=callgrind ...`), node's path and flags following it.
 */
export async function startServer(variant: Variant, logging: Logging, launcher: readonly string[] = []): Promise<Server> {
  const child: ChildProcess = fork(path.join(__dirname, 'server.ts'), [variant, logging], {
    ...launchOptions(['--import', 'tsx'], launcher),
    // The default logger writes to stdout: /dev/null, so the line is paid for but not shown.
    stdio: ['ignore', logging === 'default' ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
  const [hello] = (await once(child, 'message')) as [{ port: number }];
  const exited = once(child, 'exit');
  return {
    variant,
    port: hello.port,
    pid: child.pid!,
    ask: async <T>(message: string) => {
      const reply = once(child, 'message') as Promise<[T]>;
      child.send(message);
      return (await reply)[0];
    },
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send('stop');
      await exited;
    },
  };
}
