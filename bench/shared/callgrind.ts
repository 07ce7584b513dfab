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
