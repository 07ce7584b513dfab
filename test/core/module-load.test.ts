import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// What loading the package costs an app: a built entry is loaded in a fresh node process
// (test/fixtures/module-load/probe.{cjs,mjs}, PROBE_ENTRY names the entry) and reports which files
// came from node_modules and which of the package's own files it pulled in.
// These run the build: `npm test` builds before jest. A missing dist/ fails here, it never skips.
const root = join(__dirname, '../..');
const probes = join(root, 'test/fixtures/module-load');
const run = promisify(execFile);

interface ProbeResult {
  readonly probe: 'cjs' | 'esm';
  readonly entry: string;
  readonly modules: number;
  /** The package's files the entry loaded, relative to dist/ (the entry and its shared chunks). */
  readonly ownFiles: readonly string[];
  readonly packages: readonly string[];
  readonly pinoAtRequire: boolean;
  readonly status?: number;
  readonly pinoAfterError?: boolean;
}

type Scenario = 'require' | 'default-logger' | 'logger-false' | 'custom-logger';

async function probe(file: 'probe.cjs' | 'probe.mjs', scenario: Scenario, entry = 'index'): Promise<ProbeResult> {
  const env = { ...process.env, PROBE_ENTRY: entry };
  const { stdout } = await run(process.execPath, [join(probes, file), scenario], { cwd: root, timeout: 15000, env });
  // The default logger writes its line to stdout too, buffered: before or after the probe's.
  const own =
    stdout
      .trim()
      .split('\n')
      .find((line) => line.startsWith('{"probe"')) ?? '';
  return JSON.parse(own) as ProbeResult;
}

/**
 * Exactly what `require`/`import` of the core entry loads from node_modules (node 20, the locked
 * versions; `PROBE_LIST=1 node test/fixtures/module-load/probe.cjs require` lists the files):
 * accepts with negotiator, content-type, mime-types and mime-db, because content negotiation runs
 * on every error. 12 files in either format. structured-headers (the Idempotency-Key parser) is
 * the idempotency entry's, pino is loaded by the default logger's first line, the optional peers by
 * the features that use them. A dependency update that changes these numbers changes the pin too.
 */
const CORE_MODULES = { cjs: 12, esm: 12 } as const;
const CORE_PACKAGES = ['accepts', 'content-type', 'mime-db', 'mime-types', 'negotiator'];

/** Optional peers, and pino: none may load until used. */
const NOT_AT_REQUIRE = ['pino', 'ioredis', 'prom-client', 'express-rate-limit', 'express', 'thread-stream', 'sonic-boom'];
const isOpenTelemetry = (name: string): boolean => name.startsWith('@opentelemetry/');

/** The feature entries (dist/<name>.js and .mjs), each a subpath of package.json "exports". */
const FEATURES = ['http', 'idempotency', 'metrics', 'openapi', 'validation', 'client'] as const;

const FORMATS = [
  ['CommonJS require()', 'probe.cjs'],
  ['ESM import', 'probe.mjs'],
] as const;

describe('loading the core entry', () => {
  test('dist/ is built (npm test builds before jest; run `npm run build`)', () => {
    for (const file of ['dist/index.js', 'dist/index.mjs']) {
      if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` before jest (npm test does)`);
    }
  });

  describe.each(FORMATS)('%s', (_label, file) => {
    test('loads neither pino nor any optional peer: exactly the content-negotiation files', async () => {
      const result = await probe(file, 'require');
      expect(result.pinoAtRequire).toBe(false);
      expect(result.packages).toEqual(CORE_PACKAGES);
      expect(result.modules).toBe(CORE_MODULES[result.probe]);
    });

    test('loads none of the feature entries, only its own file and shared chunks', async () => {
      const { ownFiles } = await probe(file, 'require');
      const extension = file === 'probe.cjs' ? 'js' : 'mjs';
      expect(ownFiles).toContain(`index.${extension}`);
      for (const own of ownFiles) expect(own === `index.${extension}` || own.startsWith('chunk-')).toBe(true);
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

describe.each(FEATURES)('loading express-api-errors/%s', (entry) => {
  test.each(FORMATS)('%s: neither pino nor an optional peer nor OpenTelemetry until a feature uses it', async (_label, file) => {
    const result = await probe(file, 'require', entry);
    expect(result.entry).toBe(entry);
    expect(result.pinoAtRequire).toBe(false);
    for (const name of NOT_AT_REQUIRE) expect(result.packages).not.toContain(name);
    expect(result.packages.filter(isOpenTelemetry)).toEqual([]);
    // Only the idempotency entry parses Idempotency-Key (RFC 9651 structured fields).
    expect(result.packages.includes('structured-headers')).toBe(entry === 'idempotency');
  });
});
