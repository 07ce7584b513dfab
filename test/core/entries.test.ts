import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as core from '../../src';
import * as client from '../../src/client';
import * as http from '../../src/http';
import * as idempotency from '../../src/idempotency';
import * as metrics from '../../src/metrics';
import * as openapi from '../../src/openapi';
import * as validation from '../../src/validation';
import { ERROR_STATUSES, getStatusInfo } from '../../src/catalog';
import { ROOT } from '../helpers/root';

// The package's entries: a small core (`express-api-errors`) and one subpath per feature folder.
// Every value each one exports is listed here, so a new export is a deliberate change of this file.

/** One class per catalog status, generated from it: a new status is a new class on purpose. */
const STATUS_CLASSES = ERROR_STATUSES.map((status) => getStatusInfo(status)?.className ?? '');

const CORE_VALUES = [
  // Catalog
  'STATUSES',
  'ERROR_STATUSES',
  'CODE_PATTERN',
  'getStatusInfo',
  'isErrorStatus',
  'isErrorStatusCode',
  'LIBRARY_CODES',
  // Errors
  'ApiError',
  'isApiError',
  'errorClassesByStatus',
  'ValidationError',
  'createError',
  'defineErrorCodes',
  'toApiError',
  'databaseRecognizers',
  'recognizeMongoose',
  'recognizePostgres',
  'recognizePrisma',
  'recognizeSequelize',
  'ISSUE_CODES',
  // Formats
  'toEnvelope',
  'ENVELOPE_MEDIA_TYPE',
  'toProblemDetails',
  'problemTypeUri',
  'PROBLEM_MEDIA_TYPE',
  'prefersProblemDetails',
  // Middleware
  'errorHandler',
  'getResponseError',
  'requestId',
  'getRequestId',
  'isValidRequestId',
  'generateRequestId',
  'REQUEST_ID_HEADER',
  'notFoundHandler',
  'clientErrorHandler',
  // Logging
  'serializeError',
];

/** Every subpath of package.json "exports" but `.` and `./package.json`, with the values it exports. */
const FEATURE_VALUES: Record<string, readonly string[]> = {
  http: [
    'methodNotAllowed',
    'allowedMethods',
    'produces',
    'negotiatedType',
    'retiredApiVersions',
    'notImplemented',
    'toUpstreamError',
    'assertUpstreamOk',
    'requestTimeout',
    'timeoutSignal',
    'maintenanceMode',
    'rateLimitHandler',
    'rateLimitHeaders',
    'formatRateLimitHeaders',
    'created',
    'accepted',
    'noContent',
    'assertLocation',
    'preconditions',
    'checkPreconditions',
    'entityTagsMatch',
    'parseEntityTag',
    'parseEntityTagList',
    'EXPOSED_ERROR_HEADERS',
    'formatRetryAfter',
    'formatHttpDate',
    'normalizeRetryAfter',
    'formatChallenge',
    'parseChallenges',
    'isSafeHeaderValue',
    'isValidHeaderName',
    'MAX_HEADER_VALUE_LENGTH',
  ],
  idempotency: [
    'idempotency',
    'DEFAULT_REPLAY_HEADERS',
    'MemoryStore',
    'RedisStore',
    'parseIdempotencyKey',
    'IDEMPOTENCY_KEY_HEADER',
    'MAX_IDEMPOTENCY_KEY_LENGTH',
    'REPLAYED_HEADER',
    'installResponseCapture',
  ],
  metrics: ['statusMetrics', 'formatStatusSnapshot'],
  openapi: [
    'openApiComponents',
    'errorResponseRefs',
    'buildStatusReference',
    'renderStatusReference',
    'renderStatusTable',
    'renderStatusReferenceHtml',
  ],
  validation: ['validate'],
  client: [
    'createClient',
    'parseErrorResponse',
    'isResponseError',
    'NetworkError',
    'TimeoutError',
    'parseRetryAfter',
    'parseHttpDate',
    'generateIdempotencyKey',
    'createStatusDistribution',
    // The server's error classes, shared with the core entry (one copy, so `instanceof` holds).
    'ApiError',
    'isApiError',
    ...STATUS_CLASSES,
    'errorClassesByStatus',
    'ValidationError',
    'createError',
    'ERROR_STATUSES',
    'getStatusInfo',
    'isErrorStatus',
  ],
};

const MODULES: Record<string, object> = { http, idempotency, metrics, openapi, validation, client };

/** Repository tooling and helpers of one feature's internals: never part of an entry. */
const INTERNALS = [
  'readMarkedRegion',
  'replaceMarkedRegion',
  'STATUS_TABLE_MARKERS',
  'collectCodes',
  'isCodeRegistry',
  'STATUS_GUIDE',
  'fingerprintRequest',
  'classNameOf',
  'resolveStatusInfo',
  'nameClass',
  'inheritRealm',
  'formatUpgrade',
  'DEFAULT_UPGRADE',
  'PayloadTooLargeError',
  'UnprocessableEntityError',
];

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('the core entry, express-api-errors', () => {
  test('exports exactly the listed values: the hand-written ones and one class per catalog status', () => {
    expect(STATUS_CLASSES).toHaveLength(38);
    expect(sorted(Object.keys(core))).toEqual(sorted([...CORE_VALUES, ...STATUS_CLASSES]));
    expect(Object.keys(core)).toHaveLength(CORE_VALUES.length + STATUS_CLASSES.length);
    expect(CORE_VALUES).toHaveLength(36);
  });
});

describe.each(Object.keys(FEATURE_VALUES))('express-api-errors/%s', (name) => {
  test('exports exactly the listed values', () => {
    expect(sorted(Object.keys(MODULES[name] ?? {}))).toEqual(sorted(FEATURE_VALUES[name] ?? []));
  });

  test("owns its names: none is exported by the core too, but the client's shared classes", () => {
    const shared = Object.keys(MODULES[name] ?? {}).filter((value) => value in core);
    const allowed =
      name === 'client'
        ? shared.filter((value) => (MODULES.client as Record<string, unknown>)[value] === (core as Record<string, unknown>)[value])
        : [];
    expect(shared).toEqual(allowed);
  });
});

test('no feature name is exported by two feature entries', () => {
  const names = Object.entries(MODULES).flatMap(([name, module]) => (name === 'client' ? [] : Object.keys(module)));
  expect(names.filter((value, index) => names.indexOf(value) !== index)).toEqual([]);
});

test.each([['core', core] as const, ...Object.entries(MODULES)])('%s exports none of the internals', (_name, module) => {
  for (const internal of INTERNALS) expect(Object.keys(module)).not.toContain(internal);
});

test('package.json "exports", "typesVersions" and tsup.config.ts name the same entries', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
    typesVersions: Record<string, Record<string, string[]>>;
  };
  const subpaths = Object.keys(FEATURE_VALUES);
  expect(Object.keys(pkg.exports)).toEqual(['.', ...subpaths.map((name) => `./${name}`), './package.json']);
  for (const name of ['index', ...subpaths]) {
    const key = name === 'index' ? '.' : `./${name}`;
    expect(pkg.exports[key]).toEqual({
      import: { types: `./dist/${name}.d.mts`, default: `./dist/${name}.mjs` },
      require: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    });
  }
  // TypeScript's node10 resolution ignores "exports": typesVersions points it at each subpath's types.
  expect(pkg.typesVersions).toEqual({ '*': Object.fromEntries(subpaths.map((name) => [name, [`./dist/${name}.d.ts`]])) });
  const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');
  for (const name of subpaths) expect(tsup).toContain(`${name}: 'src/${name}/index.ts',`);
});

describe('every export of every entry has TSDoc', () => {
  const entries = {
    core: 'src/index.ts',
    ...Object.fromEntries(Object.keys(FEATURE_VALUES).map((name) => [name, `src/${name}/index.ts`])),
  };
  const program = ts.createProgram(
    Object.values(entries).map((file) => join(ROOT, file)),
    {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();

  test.each(Object.entries(entries))('%s (%s)', (_name, file) => {
    const source = program.getSourceFile(join(ROOT, file));
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    expect(module).toBeDefined();
    const undocumented = checker.getExportsOfModule(module as ts.Symbol).filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.getDocumentationComment(checker).length === 0;
    });
    expect(undocumented.map((symbol) => symbol.name)).toEqual([]);
  });
});
