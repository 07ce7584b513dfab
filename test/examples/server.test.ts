import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tourText } from '../../examples/tour/render';
import { MODES, type ModeName, type Scenario } from '../../examples/tour/scenario';
import { SCENARIOS } from '../../examples/tour/scenarios';
import { expectDocumentedAnswer, type Answer } from './scenario-answers';
import { ROOT } from '../helpers/root';

// `npm start` for real: the server process with each mode's environment, and the tour's curl
// commands run by a shell exactly as printed.

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);
// The tour's commands are curl commands: without curl they cannot run, and the file fails rather than skips.
if (spawnSync('curl', ['--version']).status !== 0) {
  throw new Error(
    'curl is not on the PATH: the tour test runs its printed curl commands. Install curl (Debian: `apt-get install curl`), or run `npm run test:unit`.',
  );
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly stdout: () => string;
}

function environment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', ...extra };
  for (const name of ['RATE_LIMIT', 'MAINTENANCE', 'REDIS_URL']) if (!(name in extra)) delete env[name];
  return env;
}

// Started in its own process group, so that stopping it stops tsx's node child too.
function start(extra: Readonly<Record<string, string>>): Promise<Server> {
  const child = spawn(TSX, ['examples/server.ts'], {
    cwd: ROOT,
    env: environment(extra),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line in 40 s; stderr: ${err}`)), 40_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((candidate) => candidate.includes('example API listening'));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve({ child, port: (JSON.parse(line) as { port: number }).port, stdout: () => out });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}; stderr: ${err}`)));
  });
}

function stop(server: Server): Promise<void> {
  const pid = server.child.pid;
  if (pid === undefined || server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5000);
    server.child.on('exit', () => {
      clearTimeout(force);
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

// `curl -i` output: status line, headers, blank line, body; a `100 Continue` block may come first.
function parseCurlOutput(output: string): Answer {
  let rest = output;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    const head = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end + 4);
    const [statusLine = '', ...fields] = head.split('\r\n');
    const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
    if (status >= 100 && status < 200) continue;
    const headers = Object.fromEntries(
      fields.map((field) => [field.slice(0, field.indexOf(':')).toLowerCase(), field.slice(field.indexOf(':') + 1).trim()]),
    );
    const body = /[/+]json\b/.test(headers['content-type'] ?? '') ? (JSON.parse(rest) as unknown) : rest;
    return { status, headers, body };
  }
}

async function shell(script: string): Promise<string> {
  return (await run('sh', ['-c', script], { cwd: ROOT, maxBuffer: 1 << 20 })).stdout;
}

test('npm start is tsx examples/server.ts, the command these tests run', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.start).toBe('tsx examples/server.ts');
});

test('an environment variable it cannot use stops the start with the reason, before listening', async () => {
  const result = await run(TSX, ['examples/server.ts'], { cwd: ROOT, env: environment({ RATE_LIMIT: 'lots' }) }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(result).toMatchObject({
    code: 1,
    stdout: '',
    stderr: 'RATE_LIMIT must be a whole number of requests a minute per client, 1 or more.\n',
  });
}, 40_000);

test('a port in use stops the start with a hint', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as AddressInfo;
  try {
    const result = await run(TSX, ['examples/server.ts'], { cwd: ROOT, env: environment({ PORT: String(port) }) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(result).toMatchObject({
      code: 1,
      stderr: `Port ${port} is in use: start with another, e.g. PORT=3001 npm start (PORT=0: any free port).\n`,
    });
  } finally {
    taken.close();
  }
}, 40_000);

describe.each(Object.keys(MODES) as ModeName[])(
  'npm start with the environment of %s: the printed curl commands get the documented answers',
  (mode) => {
    let server: Server;
    beforeAll(async () => {
      server = await start(MODES[mode as ModeName]);
    }, 45_000);
    afterAll(() => stop(server));

    test('it prints the tour with its port and settings, then listens', () => {
      const rateLimit = mode === 'rate-limit' ? 2 : 100;
      const maintenance = mode === 'maintenance' ? 30 : undefined;
      const text = tourText(SCENARIOS, { baseUrl: `localhost:${server.port}`, rateLimit, maintenance });
      expect(server.stdout().startsWith(text)).toBe(true);
    });

    test('every scenario, in the listed order, POST /reset after each [changes data]', async () => {
      const base = `localhost:${server.port}`;
      const scenarios: readonly Scenario[] = SCENARIOS.filter((scenario) => scenario.mode === mode);
      // The commands as printed: the lines under each scenario of the tour.
      const printed = server.stdout().split('\n');
      for (const scenario of scenarios) {
        const title = printed.findIndex(
          (line) => line.endsWith(` ${scenario.title}`) || line.endsWith(` ${scenario.title} [changes data]`),
        );
        expect({ id: scenario.id, printed: title >= 0 }).toEqual({ id: scenario.id, printed: true });
        const commands: string[] = [];
        for (let i = title + 1; printed[i]?.startsWith('      ') === true; i++) commands.push((printed[i] as string).trim());
        expectDocumentedAnswer(scenario, parseCurlOutput(await shell(commands.join('\n'))));
        if (scenario.changesState === true) expect(await shell(`curl -s -o /dev/null -w '%{http_code}' -X POST ${base}/reset`)).toBe('204');
      }
    }, 60_000);
  },
);
