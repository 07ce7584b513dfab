import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as Core from '../../src';
import type * as Http from '../../src/http';
import type * as Idempotency from '../../src/idempotency';
import type * as Metrics from '../../src/metrics';
import type * as Validation from '../../src/validation';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The library under test: by default the built package, `dist/` (`npm run build` first), as
 * users run it. `BENCH_LIB=src` measures the TypeScript source through tsx; any other path
 * measures that copy (a scratch build of a change, to compare before and after).
 */
export const LIBRARY_PATH = path.resolve(ROOT, process.env.BENCH_LIB ?? 'dist');

/** The library's public API: the core entry and the server feature entries, as one object. */
export type LibraryApi = typeof Core & typeof Http & typeof Idempotency & typeof Metrics & typeof Validation;

/** The feature entries beside the core: `dist/<name>.js` built, `src/<name>/index.ts` in source. */
const FEATURES = ['http', 'idempotency', 'metrics', 'validation'] as const;

/** Loads a copy of the library (dist, src or a scratch copy), e.g. to compare two side by side. */
export function loadLibrary(location: string): LibraryApi {
  const resolved = path.resolve(ROOT, location);
  if (!existsSync(resolved)) throw new Error(`no library at ${resolved}: run \`npm run build\` first, or set BENCH_LIB=src`);
  // A runtime path cannot be a static import; the type still comes from the source.
  // `<location>/<name>` resolves to dist/<name>.js and to src/<name>/index.ts alike.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entries = [resolved, ...FEATURES.map((name) => path.join(resolved, name))].map((file) => require(file) as object);
  return Object.assign({}, ...entries) as LibraryApi;
}

/** Where the measured library is and when it was built, for the header of every bench. */
export function describeLibrary(location = LIBRARY_PATH): string {
  const entry = [path.join(location, 'index.js'), path.join(location, 'index.ts')].find((file) => existsSync(file));
  const built = entry === undefined ? '' : ` (${path.basename(entry)} modified ${statSync(entry).mtime.toISOString()})`;
  return `${path.relative(ROOT, location) || '.'}${built}`;
}

// tsx turns source maps on, which makes every read of `error.stack` map frames through them. Plain
// `node` running the built package in production does not: the benches measure what production runs.
process.setSourceMapsEnabled(false);

export const lib = loadLibrary(LIBRARY_PATH);
