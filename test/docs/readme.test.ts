import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStatusReference, renderStatusTable } from '../../src/openapi';
import { readMarkedRegion } from '../../src/docs/marked-region';
import { ROOT } from '../helpers/root';

test('the status table of docs/status-codes.md is the one the catalog generates (run `npm run docs:readme` after a catalog change)', () => {
  const page = readFileSync(join(ROOT, 'docs', 'status-codes.md'), 'utf8');
  const region = readMarkedRegion(page);
  expect(region).toBeDefined();
  expect(region).toBe(`${renderStatusTable(buildStatusReference())}\n`);
});

// The README is the first page a user reads: short, and it links every entry's page.
describe('README.md', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  test('stays between 300 and 400 lines', () => {
    const lines = readme.trimEnd().split('\n').length;
    expect(lines).toBeGreaterThanOrEqual(300);
    expect(lines).toBeLessThanOrEqual(400);
  });

  test('keeps the two commands of the quick start', () => {
    expect(readme).toMatch(/npm ci && npm start/);
    expect(readme).toMatch(/^npm test\b/m);
  });

  test.each([
    'docs/core.md',
    'docs/http.md',
    'docs/validation.md',
    'docs/idempotency.md',
    'docs/client.md',
    'docs/openapi-and-metrics.md',
    'docs/observability.md',
    'docs/benchmarks.md',
    'CONTRIBUTING.md',
  ])('links %s, which exists', (page) => {
    expect(readme).toContain(`](${page}`);
    expect(() => readFileSync(join(ROOT, page))).not.toThrow();
  });
});
