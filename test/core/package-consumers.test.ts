import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// These tests run the built package (`npm test` builds before jest). Outside CI a missing dist/
// skips them with a message; under CI=true it is a failure.
const root = join(__dirname, '../..');
const fixtures = join(root, 'test/fixtures');
const built = existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'dist/index.mjs'));
const inCI = process.env.CI === 'true';
const run = promisify(execFile);

if (!built && !inCI) {
  console.warn('package-consumer tests skipped: dist/ is missing; run `npm run build` (npm test does) to run them.');
}
const describeBuilt = built || inCI ? describe : describe.skip;

async function node(fixture: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [join(fixtures, fixture)], { cwd: fixtures, timeout: 15000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describeBuilt('the built package, as consumers load it', () => {
  test('dist/ exists (npm run build)', () => {
    expect(built).toBe(true);
  });

  test.each([
    ['CommonJS require()', 'consumer.cjs', 'cjs-1'],
    ['ESM import', 'consumer.mjs', 'esm-1'],
  ])('%s: a NotFoundError round trip', async (_label, fixture, id) => {
    expect(await node(fixture)).toEqual({
      status: 404,
      contentType: 'application/json',
      body: { error: { code: 'resource_not_found', message: 'User u_1 was not found' }, meta: { request_id: id } },
      isApiError: true,
      name: 'NotFoundError',
    });
  });

  test('the ESM and CJS copies recognise each other\'s errors (brand Symbol, not instanceof)', async () => {
    expect(await node('dual-package.mjs')).toEqual({
      twoCopies: true,
      instanceofAcross: false,
      esmSeesCjs: true,
      cjsSeesEsm: true,
      status: 429,
      retryAfter: '9',
      code: 'rate_limit_exceeded',
    });
  });

  test('publint finds nothing to fix', async () => {
    const { stdout } = await run(join(root, 'node_modules/.bin/publint'), [], { cwd: root, timeout: 60000 });
    expect(stdout).toContain('All good!');
  }, 60000);
});
