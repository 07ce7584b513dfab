import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type autocannon from 'autocannon';

/** What bench/idempotency/server.ts runs: no middleware, MemoryStore, MemoryStore behind the app hook, RedisStore. */
export type Mode = 'plain' | 'memory' | 'memory-app' | 'redis';

export const BODY = JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com' });

/**
 * The bench's POST /items request: a JSON body and an `Idempotency-Key`, fresh on every request
 * (the first-execution path: claim, handler, store) unless `fixedKey` is given (replays). The
 * plain route gets the same header and ignores it, so the client does equal work for every server.
 */
export function itemRequest(fixedKey?: string): autocannon.Request {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': fixedKey ?? randomUUID() } }),
  };
}

/** A running bench server: its base URL, its process, and `stop()`, which resolves once it has exited. */
export interface IdempotencyServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts bench/idempotency/server.ts in `mode`, under `launcher` if given (`['valgrind', ...]`:
 * node's path and arguments follow it), or pinned to the CPU `BENCH_SERVER_CPU` names (taskset).
 */
export function startServer(mode: Mode, redisUrl: string, launcher: readonly string[] = []): Promise<IdempotencyServer> {
  const command = [...launcher, process.execPath, '--import', 'tsx', join(__dirname, 'server.ts')];
  const cpu = process.env.BENCH_SERVER_CPU;
  const pinned = cpu === undefined || launcher.length > 0 ? command : ['taskset', '-c', cpu, ...command];
  const child = spawn(pinned[0] as string, pinned.slice(1), {
    env: { ...process.env, MODE: mode, REDIS_URL: redisUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve({
        url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`,
        child,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}
