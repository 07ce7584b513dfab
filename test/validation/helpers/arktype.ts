import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Arktype from 'arktype';
import { buildSync } from 'esbuild';

/**
 * The real arktype, bundled to CommonJS: it ships ES modules only, which Jest's module loader
 * cannot `require` on Node 20 (it can from Node 24.9). The code run is arktype's own, unchanged.
 */
export function loadArktype(): typeof Arktype {
  const entry = path.join(__dirname, '..', '..', '..', 'node_modules', 'arktype', 'out', 'index.js');
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'arktype-')), 'arktype.cjs');
  const { outputFiles } = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    outfile,
  });
  writeFileSync(outfile, outputFiles[0]!.contents);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as typeof Arktype;
}
