// What a flood of one repeated 4xx writes to the log: each server's stdout and stderr to a file,
// N requests, the server stopped (its exit flushes the log), then the file's bytes and lines.
// Usage: tsx bench/http/log-bytes.ts [--requests 20000] [--path /limited] [--status 429] [--connections 10]
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { describeLibrary } from '../shared/library';
import { describeMachine } from '../shared/machine';
import { formatNumber, table } from '../shared/stats';
import type { Implementation } from './apps';
import { startServer } from './spawn';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    path: { type: 'string', default: '/limited' },
    status: { type: 'string', default: '429' },
    connections: { type: 'string', default: '10' },
  },
});
const requests = Number(args.requests);
const status = Number(args.status);

const TARGETS: readonly { readonly label: string; readonly implementation: Implementation }[] = [
  { label: '(a) ours, default logger (flood suppression on, the default)', implementation: 'ours-default-sampled' },
  { label: '(a) ours, default logger, logSampling: false', implementation: 'ours-default' },
  { label: '(b) http-errors + handler, console.error(err.stack)', implementation: 'http-errors-log' },
];

interface Written {
  readonly label: string;
  readonly seconds: number;
  readonly bytes: number;
  readonly lines: number;
  /** Lines of one request's error (the rest are summaries). */
  readonly errorLines: number;
  readonly suppressed: number;
}

async function measure(label: string, implementation: Implementation, dir: string): Promise<Written> {
  const file = path.join(dir, `${implementation}.log`);
  const server = await startServer(implementation, [], { file });
  const started = process.hrtime.bigint();
  let result: autocannon.Result;
  try {
    result = await autocannon({
      url: `http://127.0.0.1:${server.port}${args.path}`,
      connections: Number(args.connections),
      amount: requests,
    });
  } finally {
    await server.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const answered = result.statusCodeStats?.[String(status) as keyof typeof result.statusCodeStats]?.count ?? 0;
  if (answered !== requests) throw new Error(`${label}: ${answered}/${requests} answered ${status}`);
  const text = readFileSync(file, 'utf8');
  let lines = 0;
  let errorLines = 0;
  let suppressed = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    lines += 1;
    // Our lines are JSON; console.error's are not (and count no suppressions).
    if (!line.startsWith('{')) continue;
    const fields = JSON.parse(line) as { suppressed?: number; request_id?: string };
    suppressed += fields.suppressed ?? 0;
    if (fields.request_id !== undefined) errorLines += 1;
  }
  return { label, seconds, bytes: statSync(file).size, lines, errorLines, suppressed };
}

async function main(): Promise<void> {
  console.log(`# log bytes of a flood: ${formatNumber(requests)} x GET ${args.path} -> ${status}`);
  console.log(`machine: ${describeMachine()}`);
  console.log(`library: ${describeLibrary()}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'log-bytes-'));
  try {
    const rows: Written[] = [];
    for (const target of TARGETS) rows.push(await measure(target.label, target.implementation, dir));
    console.log();
    console.log(
      table(
        ['target', 'seconds', 'lines', 'bytes', 'bytes/request', 'error lines', 'counted as suppressed', 'error lines + suppressed'],
        rows.map((row) => [
          row.label,
          row.seconds.toFixed(1),
          formatNumber(row.lines),
          formatNumber(row.bytes),
          (row.bytes / requests).toFixed(1),
          formatNumber(row.errorLines),
          formatNumber(row.suppressed),
          formatNumber(row.errorLines + row.suppressed),
        ]),
      ),
    );
    const [sampled, unsampled] = rows;
    if (sampled !== undefined && unsampled !== undefined)
      console.log(`\nsuppression writes ${(unsampled.bytes / Math.max(sampled.bytes, 1)).toFixed(0)}x fewer bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
