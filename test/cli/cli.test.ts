import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_STATUSES, LIBRARY_CODES, getStatusInfo } from '../../src';
import { runCli } from '../../src/cli/run-cli';
import { loadCodes } from '../../src/cli/load-codes';
import { buildStatusReference, renderStatusReference, renderStatusTable } from '../../src/openapi';
import { appErrors } from '../../examples/errors';
import { ROOT } from '../helpers/root';
import { runSourceCli } from './run';

const FIXTURES = join(__dirname, 'fixtures');

describe('express-api-errors docs (child process, from source)', () => {
  test('prints the Markdown reference of the catalog and of the app codes loaded from a .ts module', async () => {
    const { code, stdout, stderr } = await runSourceCli(['docs', '--codes', 'examples/errors.ts']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(renderStatusReference(buildStatusReference({ codes: appErrors })));
    expect(stdout.startsWith('# Status codes\n')).toBe(true);
    for (const status of ERROR_STATUSES) expect(stdout).toContain(`\n### ${status} ${getStatusInfo(status)?.phrase}\n`);
    const forbidden = stdout.slice(stdout.indexOf('### 403 Forbidden'), stdout.indexOf('### 404 Not Found'));
    expect(forbidden).toContain('**Code:** `forbidden` · **Class:** `ForbiddenError`');
    expect(forbidden).toContain('**When to expect:** The credentials are valid but do not grant this action.');
    expect(forbidden).toContain(
      '**What to do:** Do not retry with the same credentials; request broader permissions or scopes. Not retryable as is.',
    );
    expect(forbidden).toContain(
      '| `insufficient_scope` | The access token does not grant the scope this action needs. | The token is valid but lacks a scope; `details.required_scope` names it. |',
    );
    const unauthorized = stdout.slice(stdout.indexOf('### 401 Unauthorized'), stdout.indexOf('### 402'));
    expect(unauthorized).toContain('**Headers:** `WWW-Authenticate` (MUST, e.g. `Bearer realm="api"`).');
    expect(unauthorized).toContain(
      [
        '```http',
        'HTTP/1.1 401 Unauthorized',
        'Content-Type: application/json',
        'WWW-Authenticate: Bearer realm="api"',
        'X-Request-Id: req_6f0c2a4e-3b1d-4c8e-9a27-5d4b1e0f7c93',
        '',
        '{"error":{"code":"authentication_required","message":"Authentication is required to access this resource."},"meta":{"request_id":"req_6f0c2a4e-3b1d-4c8e-9a27-5d4b1e0f7c93"}}',
        '```',
      ].join('\n'),
    );
    const serverError = stdout.slice(stdout.indexOf('### 500 Internal Server Error'), stdout.indexOf('### 501'));
    expect(serverError).toContain('Retryable: the same request may succeed later. The message is always the generic one');
  });

  test('--format json prints the same reference as data', async () => {
    const { code, stdout } = await runSourceCli(['docs', '--format', 'json', '--codes', 'examples/errors.ts']);
    expect(code).toBe(0);
    const reference = JSON.parse(stdout) as ReturnType<typeof buildStatusReference>;
    expect(reference).toEqual(JSON.parse(JSON.stringify(buildStatusReference({ codes: appErrors }))));
    expect(reference.statuses).toHaveLength(ERROR_STATUSES.length);
    expect(reference.codes.filter((entry) => entry.origin === 'app').map((entry) => entry.code)).toEqual([
      'insufficient_scope',
      'order_total_invalid',
    ]);
    expect(reference.statuses.find((entry) => entry.status === 429)).toMatchObject({
      code: 'rate_limit_exceeded',
      retryable: true,
      noStore: true,
      headers: [{ name: 'Retry-After', need: 'optional', example: '30' }],
      example: { error: { code: 'rate_limit_exceeded', message: 'Too many requests. Retry later.' } },
    });
  });

  test('--format table prints the README table, without the app codes unless given', async () => {
    const { code, stdout } = await runSourceCli(['docs', '--format', 'table']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${renderStatusTable(buildStatusReference())}\n`);
    expect(stdout).not.toContain('insufficient_scope');
  });

  test('a CommonJS module: the first registry among the exports; pipes in prose are escaped', async () => {
    const { code, stdout } = await runSourceCli(['docs', '--codes', join(FIXTURES, 'registry.cjs'), '--no-library-codes']);
    expect(code).toBe(0);
    expect(stdout).toContain('| `card_declined` | The card was declined. | The issuer declined the charge \\| try another card. |');
    expect(stdout).not.toContain('`validation_error`');
  });

  test('an ES module: its default export', async () => {
    const { code, stdout } = await runSourceCli(['docs', '--format', 'json', '--codes', join(FIXTURES, 'registry.mjs')]);
    expect(code).toBe(0);
    const codes = (JSON.parse(stdout) as { codes: { code: string; origin: string }[] }).codes;
    expect(codes.find((entry) => entry.code === 'quota_exhausted')).toMatchObject({ origin: 'app', status: 429 });
    expect(codes).toHaveLength(Object.keys(LIBRARY_CODES).length + 1);
  });

  test('--export picks a named export, a plain code table included', async () => {
    const { code, stdout } = await runSourceCli(['docs', '--format', 'table', '--codes', join(FIXTURES, 'table.cjs'), '--export', 'codes']);
    expect(code).toBe(0);
    expect(stdout).toContain('| `region_blocked` | 451 | Not available in this region. |  |');
  });

  test.each([
    [['docs', '--codes', 'test/cli/fixtures/bad-status.cjs'], 1, /Error code "teapot" has status 418, not a catalog status/],
    [['docs', '--format', 'yaml'], 2, /^Usage: express-api-errors docs/],
  ])('%j exits %i with a clear message on stderr', async (args, exitCode, message) => {
    const { code, stdout, stderr } = await runSourceCli(args);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

/** The CLI in this process: the same code as the bin, without a child process per case. */
async function runInProcess(args: readonly string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('runCli: options and failures', () => {
  test.each([
    [
      ['docs', '--codes', 'test/cli/fixtures/table.cjs'],
      1,
      /No defineErrorCodes\(\) registry found among the exports \(codes\); export one as default or as "errors", or pass --export <name>/,
    ],
    [['docs', '--codes', 'test/cli/fixtures/missing.js'], 1, /Cannot find module/],
    [
      ['docs', '--codes', 'test/cli/fixtures/registry.cjs', '--export', 'version'],
      1,
      /The export "version" is not a defineErrorCodes\(\) registry/,
    ],
    [['docs', '--colour'], 2, /Unknown option '--colour'/],
    [['serve'], 2, /^Usage:/],
    [[], 2, /^Usage:/],
    [['docs', '--format', 'json', '--check', 'README.md'], 2, /--update and --check take one file/],
    [['docs', '--update', 'a.md', '--check', 'a.md'], 2, /--update and --check take one file/],
  ])('%j exits %i with a clear message', async (args, exitCode, message) => {
    const { code, stdout, stderr } = await runInProcess(args);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  test('--help prints the usage', async () => {
    const { code, stdout } = await runInProcess(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: express-api-errors docs \[options\]/);
  });

  describe('--update and --check on a file with the status-table markers', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'express-api-errors-cli-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('--update writes the region, keeps the rest; --check passes, then fails after an edit', async () => {
      const file = join(dir, 'DOCS.md');
      writeFileSync(file, '# API\n\n<!-- status-table:start -->\nstale\n<!-- status-table:end -->\n\nMore text.\n');
      const codes = join(FIXTURES, 'registry.cjs');
      const update = await runInProcess(['docs', '--format', 'table', '--codes', codes, '--update', 'DOCS.md'], dir);
      expect(update).toMatchObject({ code: 0, stdout: '', stderr: 'DOCS.md: status table updated\n' });
      const table = renderStatusTable(buildStatusReference({ codes: await loadCodes(codes, dir) }));
      expect(readFileSync(file, 'utf8')).toBe(`# API\n\n<!-- status-table:start -->\n${table}\n<!-- status-table:end -->\n\nMore text.\n`);

      const check = await runInProcess(['docs', '--format', 'table', '--codes', codes, '--check', 'DOCS.md'], dir);
      expect(check).toMatchObject({ code: 0, stderr: '' });
      writeFileSync(file, readFileSync(file, 'utf8').replace('| 404 Not Found |', '| 404 Missing |'));
      const stale = await runInProcess(['docs', '--format', 'table', '--codes', codes, '--check', 'DOCS.md'], dir);
      expect(stale).toMatchObject({ code: 1, stderr: 'DOCS.md: the status table is out of date; regenerate it with --update DOCS.md\n' });
    });

    test('a file without the markers is an error and is left alone', async () => {
      const file = join(dir, 'PLAIN.md');
      copyFileSync(join(FIXTURES, 'table.cjs'), file);
      const before = readFileSync(file, 'utf8');
      const result = await runInProcess(['docs', '--format', 'table', '--update', 'PLAIN.md'], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Markers <!-- status-table:start --> and <!-- status-table:end --> were not found/);
      expect(readFileSync(file, 'utf8')).toBe(before);
    });
  });
});
