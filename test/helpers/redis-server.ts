import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inUnitLane } from './lanes';

/** A real redis-server on a free loopback port, started and stopped by a test. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL-free: SIGTERM, then waits for exit). */
  stop(): Promise<void>;
  /** Starts it again on the same port, after `stop()`. */
  restart(): Promise<void>;
}

/** True when a `redis-server` binary is on PATH. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Throws, saying how to get one, unless a `redis-server` binary is on PATH. */
export function requireRedisServer(): void {
  if (!hasRedisServer()) {
    throw new Error(
      'redis-server is not on the PATH, and the Redis tests do not skip: install it (Debian: `apt-get install redis-server`, as .ci/run does), ' +
        'or run `npm run test:unit`, the lane without Redis, the build and Chromium.',
    );
  }
}

/**
 * Whether a file's Redis cases run: not in the unit lane (`npm run test:unit`), which leaves
 * Redis out on purpose; everywhere else they do, and a missing redis-server throws.
 */
export function redisTestsEnabled(): boolean {
  if (inUnitLane()) return false;
  requireRedisServer();
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on ${port}`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /**
   * Keep data across `stop()`/`restart()` (an fsync-always append-only file in a temporary
   * directory, removed when the test process exits), as a production Redis would. Default `false`.
   */
  readonly persist?: boolean;
}

function launch(port: number, dir: string | undefined): ChildProcess {
  const persistence = dir === undefined ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
    stdio: 'ignore',
  });
}

function temporaryDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts a throwaway redis-server (no persistence unless asked) on a free loopback port. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  requireRedisServer();
  const port = await freePort();
  const dir = options.persist === true ? temporaryDirectory() : undefined;
  let child = launch(port, dir);
  await waitForPort(port);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop();
      child = launch(port, dir);
      await waitForPort(port);
    },
  };
}
