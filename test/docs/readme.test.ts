import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStatusReference, renderStatusTable } from '../../src/openapi';
import { readMarkedRegion } from '../../src/docs/marked-region';

test('the README status table is the one the catalog generates (run `npm run docs:readme` after a catalog change)', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const region = readMarkedRegion(readme);
  expect(region).toBeDefined();
  expect(region).toBe(`${renderStatusTable(buildStatusReference())}\n`);
});
