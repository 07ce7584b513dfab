// Counting a server's instructions with valgrind's callgrind: the server runs under it, the
// counters are zeroed after a warm-up and dumped after the measured requests, and the dump's total
// is read back. Callgrind counts what the process executes, in all its threads, whatever else the
// machine is doing; it does not count the kernel's work (the syscalls), and it slows the process
// about 50x, which leaves V8's concurrent compiler further behind than in a real run: warm up long.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One server's callgrind session: the command that launches node under it, and its dumps. */
export interface Callgrind {
  /** Put before node's path and flags: `valgrind --tool=callgrind ...`. */
  readonly launcher: readonly string[];
  /** Sets the counters of process `pid` to zero. */
  zero(pid: number): void;
  /** Writes what was counted since the last zero as dump `name`; returns its instruction total. */
  dump(pid: number, name: string): number;
  /** Removes the session's files. */
  close(): void;
}

export function callgrind(): Callgrind {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callgrind-'));
  const control = (pid: number, flag: string) => execFileSync('callgrind_control', [flag, String(pid)], { stdio: 'ignore' });
  return {
    launcher: [
      'valgrind',
      '--tool=callgrind',
      `--callgrind-out-file=${path.join(dir, 'callgrind.out')}`,
      `--log-file=${path.join(dir, 'valgrind.log')}`,
    ],
    zero: (pid) => control(pid, '--zero'),
    dump(pid, name) {
      control(pid, `--dump=${name}`);
      const trigger = new RegExp(`^desc: Trigger: dump ${name}$`, 'm');
      const text = readdirSync(dir)
        .map((file) => readFileSync(path.join(dir, file), 'utf8'))
        .find((content) => trigger.test(content));
      const summary = text === undefined ? null : /^summary: (\d+)$/m.exec(text);
      if (summary === null) throw new Error(`no callgrind dump ${name} in ${dir}`);
      return Number(summary[1]);
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A server a counted bench starts: stopped (and waited for) when its counting is done. */
export interface StoppableServer {
  stop(): Promise<void>;
}

/**
 * Runs `use` on a server that `start` launches under a fresh callgrind session, then stops the
 * server and removes the session's files, whatever `use` did.
 */
export async function underCallgrind<S extends StoppableServer, T>(
  start: (launcher: readonly string[]) => Promise<S>,
  use: (server: S, session: Callgrind) => Promise<T>,
): Promise<T> {
  const session = callgrind();
  try {
    const server = await start(session.launcher);
    try {
      return await use(server, session);
    } finally {
      await server.stop();
    }
  } finally {
    session.close();
  }
}

/** Instructions per request of `send(requests)` on process `pid`: counters zeroed, requests sent, dump `name` read. */
export async function countWindow(
  session: Callgrind,
  pid: number,
  name: string,
  requests: number,
  send: (amount: number) => Promise<void>,
): Promise<number> {
  session.zero(pid);
  await send(requests);
  return session.dump(pid, name) / requests;
}

/**
 * Calls `each` on every item, `parallel` at a time (counting is unaffected by what else runs, so
 * servers are counted side by side).
 */
export async function inParallel<I>(items: readonly I[], parallel: number, each: (item: I) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await each(item);
    }),
  );
}
