import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildResult, type Metafile } from 'esbuild';

// Bounds for the whole entry (every export; a bundler's tree shaking can only make it smaller).
// Measured 27.5 KB minified, 9.3 KB gzipped (esbuild 0.27, November 2026): most of it is the status
// catalog and the 38 error classes, which the client needs to rebuild any error the server throws.
const MAX_MINIFIED_BYTES = 32 * 1024;
const MAX_GZIPPED_BYTES = 11 * 1024;

// Server-only code: none of it may reach a browser bundle.
const SERVER_ONLY =
  /^src\/(middleware|logging|idempotency|http|metrics|openapi|formats|utils)\/|^src\/index\.ts$|^src\/errors\/(to-api-error\.ts|recognizers\/)/;

const root = join(__dirname, '../..');
let result: BuildResult & { metafile: Metafile };
let code: string;

beforeAll(async () => {
  // platform 'browser' fails the build on any `node:` import or Node builtin that is not polyfilled.
  result = await build({
    entryPoints: [join(root, 'src/client/index.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  code = result.outputFiles![0]!.text;
});

test('the client entry bundles for browsers without errors or warnings', () => {
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]);
});

test('it pulls in no server code and no package at all: only src/client, src/errors, src/catalog, src/headers', () => {
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(root, join(root, file)));
  expect(inputs.filter((file) => SERVER_ONLY.test(file))).toEqual([]);
  expect(inputs.filter((file) => file.includes('node_modules'))).toEqual([]);
  expect(inputs.filter((file) => !/^src\/(client|errors|catalog|headers)\//.test(file))).toEqual([]);
  expect(inputs).toEqual(
    expect.arrayContaining(['src/client/create-client.ts', 'src/errors/http-errors.generated.ts', 'src/catalog/statuses.ts']),
  );
});

test('the output imports nothing and uses no Node builtin or global', () => {
  // Everything is bundled: an import left in the output would be a package the browser must resolve.
  const output = Object.values(result.metafile.outputs)[0]!;
  expect(output.imports).toEqual([]);
  // Matches are collected rather than matched against `code`, so a failure does not print 27 KB.
  const found = (pattern: RegExp): string[] => code.match(pattern) ?? [];
  expect(found(/\bnode:\w+/g)).toEqual([]);
  expect(found(/\brequire\(/g)).toEqual([]);
  expect(found(/\bprocess\.(?:env|nextTick|versions|platform|cwd|hrtime)\b/g)).toEqual([]);
  expect(found(/\b(?:Buffer|setImmediate|__dirname)\b/g)).toEqual([]);
});

test(`its size stays under ${MAX_MINIFIED_BYTES} bytes minified and ${MAX_GZIPPED_BYTES} gzipped`, () => {
  const minified = Buffer.byteLength(code);
  const gzipped = gzipSync(code).length;
  expect(minified).toBeLessThan(MAX_MINIFIED_BYTES);
  expect(gzipped).toBeLessThan(MAX_GZIPPED_BYTES);
});

test('a server-only import is caught: the same check fails for the server entry', async () => {
  // Guards the guard: if these checks could not fail, they would prove nothing.
  const server = await build({
    entryPoints: [join(root, 'src/index.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  }).catch((error: { errors: { text: string }[] }) => error);
  const failed = 'errors' in server && server.errors.length > 0;
  const inputs = 'metafile' in server && server.metafile ? Object.keys(server.metafile.inputs) : [];
  expect(failed || inputs.some((file) => SERVER_ONLY.test(file))).toBe(true);
});
