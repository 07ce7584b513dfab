import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// What loading the package costs an app: the built entries are loaded in a fresh node process
// (test/fixtures/module-load/probe.{cjs,mjs}) and report which packages came from node_modules.
// These run the build: `npm test` builds before jest. A missing dist/ fails here, it never skips.
const root = join(__dirname, '../..');
const probes = join(root, 'test/fixtures/module-load');
const run = promisify(execFile);

interface ProbeResult {
  readonly probe: 'cjs' | 'esm';
  readonly modules: number;
  readonly packages: readonly string[];
  readonly pinoAtRequire: boolean;
  readonly status?: number;
  readonly pinoAfterError?: boolean;
}

type Scenario = 'require' | 'default-logger' | 'logger-false' | 'custom-logger';

async function probe(file: 'probe.cjs' | 'probe.mjs', scenario: Scenario): Promise<ProbeResult> {
  const { stdout } = await run(process.execPath, [join(probes, file), scenario], { cwd: root, timeout: 15000 });
  // pino's own line (the default logger writes to stdout) comes before the probe's.
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ProbeResult;
}

/**
 * The most files `require`/`import` of the root entry may load from node_modules. Measured after
 * pino became lazy (node 20, `node test/fixtures/module-load/probe.cjs require`): 13 files for
 * CommonJS, 19 for ESM (structured-headers' ESM build is several files where its CommonJS build is one):
 * accepts with negotiator, mime-types and mime-db (content negotiation runs on every error), and
 * structured-headers (the Idempotency-Key parser). A few spare files absorb a patch release of
 * those; pino (about 30 files) or any optional peer would blow it.
 */
const MAX_MODULES = { cjs: 15, esm: 21 } as const;

/** Optional peers, and pino: none may load until used. */
const NOT_AT_REQUIRE = ['pino', 'ioredis', 'prom-client', 'express-rate-limit', 'express', 'thread-stream', 'sonic-boom'];

const FORMATS = [
  ['CommonJS require()', 'probe.cjs'],
  ['ESM import', 'probe.mjs'],
] as const;

describe('loading the root entry', () => {
  test('dist/ is built (npm test builds before jest; run `npm run build`)', () => {
    for (const file of ['dist/index.js', 'dist/index.mjs']) {
      if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` before jest (npm test does)`);
    }
  });

  describe.each(FORMATS)('%s', (_label, file) => {
    test('loads neither pino nor any optional peer, and few files from node_modules', async () => {
      const result = await probe(file, 'require');
      expect(result.pinoAtRequire).toBe(false);
      for (const name of NOT_AT_REQUIRE) expect(result.packages).not.toContain(name);
      expect(result.modules).toBeLessThanOrEqual(MAX_MODULES[result.probe]);
      // The floor keeps the probe honest: it does see what is loaded.
      expect(result.packages).toEqual(expect.arrayContaining(['accepts', 'structured-headers']));
    });

    test('pino loads once the default logger writes the first error line', async () => {
      const result = await probe(file, 'default-logger');
      expect(result).toMatchObject({ status: 500, pinoAtRequire: false, pinoAfterError: true });
    });

    test.each(['logger-false', 'custom-logger'] as const)('with %s, pino never loads, even when errors are answered', async (scenario) => {
      const result = await probe(file, scenario);
      expect(result).toMatchObject({ status: 500, pinoAtRequire: false, pinoAfterError: false });
    });
  });
});
