import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import * as core from '../../src';
import * as client from '../../src/client';
import * as http from '../../src/http';
import * as idempotency from '../../src/idempotency';
import * as metrics from '../../src/metrics';
import * as openapi from '../../src/openapi';
import * as validation from '../../src/validation';
import { requireBuilt } from '../helpers/lanes';

// These tests run the built package (`npm test` builds before jest): a missing dist/ fails them.
const root = join(__dirname, '../..');
const fixtures = join(root, 'test/fixtures');
const run = promisify(execFile);
requireBuilt('dist/index.js', 'dist/index.mjs');

/** The entries as the source declares them: the built package must export the same names. */
const SOURCE_ENTRIES = { core, http, idempotency, metrics, openapi, validation, client };

/**
 * A TypeScript consumer of every entry. Compiled as .mts and .cts under node16 (the `import` and
 * `require` conditions) and as .ts under bundler resolution; the package resolves by its own name
 * (a self-reference through "exports"), so the types are dist/'s, as a user's install gets them.
 */
const TYPES_CONSUMER = `
import { ApiError, NotFoundError, errorHandler, type ErrorStatus } from 'express-api-errors';
import { createClient, NotFoundError as ClientNotFoundError, isApiError as clientIsApiError } from 'express-api-errors/client';
import { methodNotAllowed, toUpstreamError } from 'express-api-errors/http';
import { idempotency, MemoryStore, type IdempotencyStore } from 'express-api-errors/idempotency';
import { statusMetrics, type StatusSnapshot } from 'express-api-errors/metrics';
import { buildStatusReference, openApiComponents, type OpenApiComponents } from 'express-api-errors/openapi';
import { validate, type StandardSchemaV1 } from 'express-api-errors/validation';
// @ts-expect-error internals are not exported
import { fingerprintRequest } from 'express-api-errors/idempotency';
// @ts-expect-error one name per class: http-errors' name is documented, not exported
import { PayloadTooLargeError } from 'express-api-errors';

// One declaration of the error classes behind every entry: the client's class is the core's type.
export const fromClient: NotFoundError = new ClientNotFoundError('gone');
export const literal: 404 = fromClient.status;
export const upstream: ApiError<502 | 504> = toUpstreamError(new Error('refused'));
export const store: IdempotencyStore = new MemoryStore();
export const status: ErrorStatus = 404;
export const components: OpenApiComponents = openApiComponents();
export const middleware = [errorHandler({ logger: false }), methodNotAllowed(), idempotency({ store }), statusMetrics()];
export const snapshot: StatusSnapshot | undefined = undefined;
export const schema: StandardSchemaV1 | undefined = undefined;
export const used = [createClient, clientIsApiError, buildStatusReference, validate, fingerprintRequest, PayloadTooLargeError];
`;

/**
 * A consumer of the client alone, passing fetch's own body and header types: it compiles with the
 * DOM library and no @types/node (a browser app) as well as with @types/node and no DOM (a server).
 */
const CLIENT_CONSUMER = `
import { createClient, type RequestOptions } from 'express-api-errors/client';
export const client = createClient({ baseUrl: 'https://api.example.com', headers: () => new Headers({ authorization: 'Bearer token' }) });
export const blob: RequestOptions = { body: new Blob(['x']), headers: [['x-trace', '1']] };
export const form: RequestOptions = { body: new FormData(), headers: { 'x-trace': '1' } };
export const params: RequestOptions = { body: new URLSearchParams('a=1'), headers: new Headers() };
// @ts-expect-error a number is not a fetch body
export const wrong: RequestOptions = { body: 42 };
`;

/** Type-checks `source` (TYPES_CONSUMER by default) as `file` under `options`; answers the diagnostics and the dist/ files it read. */
function typeCheckConsumer(
  file: string,
  options: ts.CompilerOptions,
  source = TYPES_CONSUMER,
): { problems: string[]; declarations: string[] } {
  const dir = join(root, '.tmp', 'types-consumer');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, source);
  const program = ts.createProgram([path], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, types: ['node'], ...options });
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where =
      diagnostic.file === undefined || diagnostic.start === undefined
        ? ''
        : `${relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: `;
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
  const declarations = program
    .getSourceFiles()
    .map((source) => relative(root, source.fileName))
    .filter((name) => /^dist\/[a-z]+\.d\.m?ts$/.test(name))
    .sort();
  rmSync(path, { force: true });
  return { problems, declarations };
}

async function node(fixture: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [join(fixtures, fixture)], { cwd: fixtures, timeout: 15000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the built package, as consumers load it', () => {
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

  test("the ESM and CJS copies recognise each other's errors (brand Symbol, not instanceof)", async () => {
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

  test.each([
    ['CommonJS require()', 'entries.cjs'],
    ['ESM import', 'entries.mjs'],
  ])("%s: every subpath loads, exports what the source does, and throws the core's classes", async (_label, fixture) => {
    expect(await node(fixture)).toEqual({
      names: Object.fromEntries(Object.entries(SOURCE_ENTRIES).map(([name, module]) => [name, Object.keys(module).sort()])),
      clientClassesAreTheCore: true,
      httpErrorIsCoreClass: true,
      validationErrorIsCoreClass: true,
      validationStatus: 400,
    });
  });

  const ENTRY_FILES = ['client', 'http', 'idempotency', 'index', 'metrics', 'openapi', 'validation'];
  test.each([
    // The two node16 runs check the .d.mts and the .d.ts files themselves too (skipLibCheck off);
    // bundler reads the same .d.mts, so it checks only how they resolve.
    [
      'node16, an ES module (import condition)',
      'consumer.mts',
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, skipLibCheck: false },
      'd.mts',
    ],
    [
      'node16, a CommonJS module (require condition)',
      'consumer.cts',
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, skipLibCheck: false },
      'd.ts',
    ],
    [
      'bundler',
      'consumer.ts',
      { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true },
      'd.mts',
    ],
  ] as const)(
    'a TypeScript consumer under %s resolves every entry to its dist/ types',
    (_label, file, options, extension) => {
      const { problems, declarations } = typeCheckConsumer(file, options);
      expect(problems).toEqual([]);
      expect(declarations).toEqual(ENTRY_FILES.map((name) => `dist/${name}.${extension}`));
    },
    120000,
  );

  test.each([
    ['a browser app (the DOM library, no @types/node)', { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [] }],
    ['a server (@types/node, no DOM library)', { lib: ['lib.es2022.d.ts'], types: ['node'] }],
  ] as const)(
    "the client's types compile for %s",
    (_label, options) => {
      const { problems, declarations } = typeCheckConsumer(
        'client-consumer.mts',
        {
          module: ts.ModuleKind.Node16,
          moduleResolution: ts.ModuleResolutionKind.Node16,
          skipLibCheck: false,
          ...options,
          lib: [...options.lib],
          types: [...options.types],
        },
        CLIENT_CONSUMER,
      );
      expect(problems).toEqual([]);
      expect(declarations).toEqual(['dist/client.d.mts']);
    },
    120000,
  );

  test('publint finds nothing to fix', async () => {
    const { stdout } = await run(join(root, 'node_modules/.bin/publint'), [], { cwd: root, timeout: 60000 });
    expect(stdout).toContain('All good!');
  }, 60000);

  test('attw --pack: the types of every entry resolve under node10, node16 (CJS and ESM) and bundler', async () => {
    // Exits non-zero on any problem, which rejects here with its table in the message.
    const { stdout } = await run(join(root, 'node_modules/.bin/attw'), ['--pack', '.', '--format', 'json'], { cwd: root, timeout: 120000 });
    const { problems, analysis } = JSON.parse(stdout) as {
      problems: Record<string, unknown>;
      analysis: { entrypoints: Record<string, unknown> };
    };
    expect(problems).toEqual({});
    expect(Object.keys(analysis.entrypoints).sort()).toEqual([
      '.',
      './client',
      './http',
      './idempotency',
      './metrics',
      './openapi',
      './package.json',
      './validation',
    ]);
  }, 120000);
});
