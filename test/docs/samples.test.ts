import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { markdownPages } from '../helpers/markdown-pages';
import { ROOT } from '../helpers/root';

// Every TypeScript sample in README.md, CONTRIBUTING.md, CHANGELOG.md and docs/ must compile as a user would
// paste it: each ```ts block is a module of its own, type-checked (strict) against the package's
// entries. The app's own names a sample uses (a database, a router) are declared in the sample
// itself, where the reader sees them. A sample that shows a compile error on purpose says so
// with `// @ts-expect-error`.
const OUT = join(ROOT, '.tmp', 'doc-samples');

interface Sample {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function samplesOf(file: string): Sample[] {
  const samples: Sample[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[index] ?? '')) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !(lines[end] ?? '').startsWith('```')) end++;
    samples.push({ file: relative(ROOT, file), line: start + 1, code: lines.slice(start, end).join('\n') });
    index = end;
  }
  return samples;
}

const pages = markdownPages();
const samples = pages.flatMap(samplesOf);

/**
 * The package's entries as a user's compiler sees them: `express-api-errors` and each subpath of
 * package.json "exports" mapped to the declarations the build ships for `require` (dist/*.d.ts),
 * so a sample checks what is published, not the source. A subpath the package does not export
 * does not resolve.
 */
function entryPaths(): Record<string, string[]> {
  type Conditions = { require?: { types?: string } };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, Conditions | string> };
  const paths: Record<string, string[]> = {};
  for (const [key, conditions] of Object.entries(pkg.exports)) {
    const types = typeof conditions === 'string' ? undefined : conditions.require?.types;
    if (types === undefined) continue;
    const file = join(ROOT, types);
    if (!existsSync(file)) throw new Error(`${types} is missing: run \`npm run build\` before this test (npm test does)`);
    paths[key === '.' ? 'express-api-errors' : `express-api-errors/${key.slice(2)}`] = [file];
  }
  return paths;
}

test('the README and docs/ have TypeScript samples to check', () => {
  expect(samples.filter((sample) => sample.file === 'README.md').length).toBeGreaterThanOrEqual(5);
  expect(samples.filter((sample) => sample.file.startsWith('docs')).length).toBeGreaterThan(0);
});

test('every TypeScript sample in README.md, CONTRIBUTING.md, CHANGELOG.md and docs/ compiles', () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const files = samples.map((sample, index) => {
    const path = join(OUT, `sample-${index}.ts`);
    // `export {}` makes each sample a module, so two samples' top-level names never collide.
    writeFileSync(path, `${sample.code}\nexport {};\n`);
    return path;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    baseUrl: ROOT,
    paths: entryPaths(),
  });
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const index = diagnostic.file === undefined ? -1 : files.indexOf(diagnostic.file.fileName);
    const sample = samples[index];
    const where =
      sample !== undefined && diagnostic.file !== undefined && diagnostic.start !== undefined
        ? `${sample.file}:${sample.line + diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line}`
        : (diagnostic.file?.fileName ?? 'options');
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
  expect(problems).toEqual([]);
}, 120_000);
