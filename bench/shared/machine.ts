import { readFileSync } from 'node:fs';
import os from 'node:os';

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((row) => row.startsWith('model name'));
    if (line !== undefined) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** One line naming the machine, so every printed figure says where it was measured. */
export function describeMachine(): string {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return `${cpuModel()}, ${cores} cores, Node ${process.version}, ${os.platform()} ${os.arch()}, ${new Date().toISOString()}`;
}
