import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root';

/**
 * The test lanes. `npm test` runs every test (Redis, the build and Chromium required);
 * `npm run test:unit` (jest.unit.config.ts) leaves out the files that need them and sets
 * `TEST_LANE=unit`, so a file mixing both runs its other tests there. A test never skips because
 * something is missing: it fails, saying what is missing and how to get it.
 */
export function inUnitLane(): boolean {
  return process.env.TEST_LANE === 'unit';
}

/**
 * Throws unless every file (relative to the repository root, e.g. `dist/index.js`) exists: for
 * tests that run the built package.
 */
export function requireBuilt(...files: readonly string[]): void {
  const missing = files.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: these tests run the built package. ` +
        'Run `npm run build` first (npm test does), or `npm run test:unit` for the lane without the build, Redis and Chromium.',
    );
  }
}
