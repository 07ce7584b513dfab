import { accessSync, constants, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_STATUSES } from '../../src';
import { requireBuilt } from '../helpers/lanes';
import { ROOT } from '../helpers/root';
import { CLI_BUILT, runNode } from './run';

// `npm test` builds before running jest; without dist/ these fail (npm run test:unit leaves them out).
requireBuilt(relative(ROOT, CLI_BUILT));

describe('the built bin, as npx runs it', () => {
  test('package.json "bin" names dist/cli.js, an executable CommonJS file with a shebang', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string>; type?: string };
    expect(pkg.bin).toEqual({ 'express-api-errors': './dist/cli.js' });
    expect(pkg.type).toBe('commonjs');
    expect(readFileSync(CLI_BUILT, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(CLI_BUILT, constants.X_OK)).not.toThrow();
  });

  test('docs --format json, with app codes from a .mjs module (a real dynamic import from CommonJS)', async () => {
    const { code, stdout, stderr } = await runNode(
      [],
      [CLI_BUILT, 'docs', '--format', 'json', '--codes', 'test/cli/fixtures/registry.mjs'],
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const reference = JSON.parse(stdout) as { statuses: unknown[]; codes: { code: string }[] };
    expect(reference.statuses).toHaveLength(ERROR_STATUSES.length);
    expect(reference.codes.map((entry) => entry.code)).toContain('quota_exhausted');
  });

  test("docs with a .ts module: tsx is registered from the app's dependencies", async () => {
    const { code, stdout, stderr } = await runNode([], [CLI_BUILT, 'docs', '--codes', 'examples/errors.ts']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('| `order_total_invalid` | An order must have a positive total. |');
  });
});
