import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CodeSource } from '../docs/code-table';
import { readMarkedRegion, replaceMarkedRegion } from '../docs/marked-region';
import { renderStatusReferenceHtml } from '../docs/render-html';
import { renderStatusReference, renderStatusTable } from '../docs/render-markdown';
import { buildStatusReference } from '../docs/status-reference';
import { loadCodes } from './load-codes';

/** Where the CLI reads and writes; injectable for tests. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const USAGE = `Usage: express-api-errors docs [options]

Prints the status-code reference of your API: every status of the catalog (code, name, when to
expect it, headers, what the client should do, an example body) and your own registered codes.

Options:
  --format <markdown|html|json|table>
                                  markdown page (default), a self-contained HTML page (no
                                  script, inline CSS), JSON data, or the compact README table
  --codes <module>                a module exporting your defineErrorCodes() registry
                                  (.js, .cjs, .mjs; .ts when tsx is installed)
  --export <name>                 the export holding the registry (default: the default export,
                                  then "errors", then the first registry exported)
  --no-library-codes              leave out the codes the library itself answers with
  --update <file>                 write the output between the <!-- status-table:start --> and
                                  <!-- status-table:end --> lines of <file> instead of printing it
  --check <file>                  exit 1 when that region of <file> differs from the output
  -h, --help                      show this help
`;

const FORMATS = ['markdown', 'html', 'json', 'table'] as const;
type Format = (typeof FORMATS)[number];

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'markdown' },
      codes: { type: 'string' },
      export: { type: 'string' },
      'no-library-codes': { type: 'boolean', default: false },
      update: { type: 'string' },
      check: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** Runs the CLI; resolves with the exit code (0 ok, 1 failure, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  const format = values.format as Format;
  if (positionals.length !== 1 || positionals[0] !== 'docs' || !FORMATS.includes(format)) {
    io.stderr(USAGE);
    return 2;
  }
  const target = values.update ?? values.check;
  if (target !== undefined && (format === 'json' || format === 'html' || (values.update !== undefined && values.check !== undefined))) {
    io.stderr('--update and --check take one file, with the markdown or table format\n');
    return 2;
  }
  try {
    const codes: CodeSource | undefined = values.codes === undefined ? undefined : await loadCodes(values.codes, io.cwd, values.export);
    const reference = buildStatusReference({ codes, libraryCodes: values['no-library-codes'] !== true });
    const output =
      format === 'json'
        ? `${JSON.stringify(reference, null, 2)}\n`
        : format === 'table'
          ? `${renderStatusTable(reference)}\n`
          : format === 'html'
            ? renderStatusReferenceHtml(reference)
            : renderStatusReference(reference);
    if (target === undefined) {
      io.stdout(output);
      return 0;
    }
    const file = resolve(io.cwd, target);
    const text = readFileSync(file, 'utf8');
    if (values.check !== undefined) {
      if (readMarkedRegion(text) === output) return 0;
      io.stderr(`${target}: the status table is out of date; regenerate it with --update ${target}\n`);
      return 1;
    }
    const updated = replaceMarkedRegion(text, output);
    if (updated !== text) writeFileSync(file, updated);
    io.stderr(`${target}: status table ${updated === text ? 'already up to date' : 'updated'}\n`);
    return 0;
  } catch (error) {
    io.stderr(`express-api-errors: ${(error as Error).message}\n`);
    return 1;
  }
}
