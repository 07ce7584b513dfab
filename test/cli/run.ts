import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/root';

export const CLI_SOURCE = join(ROOT, 'src', 'cli', 'cli.ts');
export const CLI_BUILT = join(ROOT, 'dist', 'cli.js');

// Resolved here, so the CLI can run from any working directory.
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a Node script as a child process in `cwd`, with `nodeArgs` before it. */
export function runNode(nodeArgs: readonly string[], args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, ...args],
      { cwd, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The CLI from source, run by Node with tsx's loader: what `npm run docs:readme` runs. */
export function runSourceCli(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return runNode(['--import', TSX_LOADER], [CLI_SOURCE, ...args], cwd);
}
