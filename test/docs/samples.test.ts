import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

// Every TypeScript sample in docs/ must compile as a user would paste it: each ```ts block is a
// module of its own, type-checked (strict) against the package's entries. A sample that shows
// a compile error on purpose says so with `// @ts-expect-error`.
const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, '.tmp', 'doc-samples');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

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

const samples = markdownFiles(join(ROOT, 'docs')).flatMap(samplesOf);

/**
 * The package's entries as the samples import them, mapped to their source: `express-api-errors`
 * to src/index.ts and each subpath of package.json "exports" to its folder's index. A subpath the
 * package does not export (a folder that is not an entry) does not resolve.
 */
function entryPaths(): Record<string, string[]> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const subpaths = Object.keys(pkg.exports).filter((key) => key !== '.' && key !== './package.json');
  return {
    'express-api-errors': ['src/index.ts'],
    ...Object.fromEntries(subpaths.map((key) => [`express-api-errors/${key.slice(2)}`, [`src/${key.slice(2)}/index.ts`]])),
  };
}

test('docs/ has TypeScript samples to check', () => {
  expect(samples.length).toBeGreaterThan(0);
});

test('every TypeScript sample in docs/ compiles', () => {
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
