import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { requireBuilt } from '../helpers/lanes';

// The default logger in a real process (the built package: `npm test` builds before jest): lines
// gathered in a buffer, written on exit, after a crash, and within a second while the process
// runs; lost only when the process is killed before any of that.
const PROBE = join(__dirname, 'fixtures/default-logger-probe.cjs');
beforeAll(() => requireBuilt('dist/index.js'));

interface Ended {
  readonly lines: Record<string, unknown>[];
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderr: string;
}

function run(mode: 'exit' | 'throw' | 'kill' | 'idle', count = 5, options: object = {}, env: object = {}): Promise<Ended> {
  return new Promise((resolve) => {
    // stdout is a pipe here, as under a container runtime or a log shipper.
    const args = [PROBE, mode, String(count), JSON.stringify(options)];
    execFile(process.execPath, args, { timeout: 15_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const lines = stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const ended = error as (Error & { code?: number; signal?: string }) | null;
      resolve({ lines, code: ended?.code ?? 0, signal: ended?.signal ?? null, stderr });
    });
  });
}

test('process.exit() writes every buffered line', async () => {
  const { lines, code } = await run('exit');
  expect(code).toBe(0);
  expect(lines.map((line) => line.path)).toEqual(['/users/u_0', '/users/u_1', '/users/u_2', '/users/u_3', '/users/u_4']);
  expect(lines[0]).toMatchObject({
    level: 40,
    name: 'express-api-errors',
    status: 404,
    code: 'resource_not_found',
    error: { type: 'NotFoundError', message: 'User u_0 was not found' },
  });
}, 20_000);

test('an uncaught exception still writes every buffered line', async () => {
  const { lines, code, stderr } = await run('throw');
  expect(code).toBe(1);
  expect(stderr).toContain('crash after the errors');
  expect(lines).toHaveLength(5);
}, 20_000);

test('lines are buffered, not written one by one: SIGKILL right after them loses them', async () => {
  const { lines, signal } = await run('kill');
  expect(signal).toBe('SIGKILL');
  expect(lines).toEqual([]);
}, 20_000);

test('a fatal line is on stdout before fatal() returns: SIGKILL right after loses none', async () => {
  const { lines, signal } = await run('kill', 5, { logLevel: { 404: 'fatal' } });
  expect(signal).toBe('SIGKILL');
  expect(lines.map((line) => [line.level, line.path])).toEqual([0, 1, 2, 3, 4].map((index) => [60, `/users/u_${index}`]));
}, 20_000);

// libuv's thread pool busy with the app's own work: an asynchronous write would wait in its queue.
test('a fatal line is on stdout before fatal() returns even while the libuv thread pool is busy', async () => {
  const { lines, signal } = await run('kill', 5, { logLevel: { 404: 'fatal' } }, { BUSY_POOL: '1' });
  expect(signal).toBe('SIGKILL');
  expect(lines.map((line) => [line.level, line.path])).toEqual([0, 1, 2, 3, 4].map((index) => [60, `/users/u_${index}`]));
}, 20_000);

test('a terminal gets each line before the call that logs it returns: SIGKILL right after loses none', async () => {
  const { lines, signal } = await run('kill', 5, {}, { FAKE_TTY: '1', BUSY_POOL: '1' });
  expect(signal).toBe('SIGKILL');
  expect(lines.map((line) => [line.level, line.path])).toEqual([0, 1, 2, 3, 4].map((index) => [40, `/users/u_${index}`]));
}, 20_000);

test('a running process writes its buffered lines within a second', async () => {
  const { lines, signal } = await run('idle');
  expect(signal).toBe('SIGKILL');
  expect(lines).toHaveLength(5);
}, 20_000);

test('a flood cut short by process.exit(): the held-back count is written on exit', async () => {
  const { lines } = await run('exit', 25);
  expect(lines).toHaveLength(11);
  expect(lines[10]).toMatchObject({
    level: 40,
    status: 404,
    code: 'resource_not_found',
    suppressed: 15,
    msg: 'suppressed 15 log lines of 404 resource_not_found',
  });
}, 20_000);
