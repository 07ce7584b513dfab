import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCodeRegistry, type CodeSource } from '../docs/code-table';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

type Loader = NodeJS.Require;

// This file is bundled into the CommonJS bin; `__filename` is undefined only in the unused ESM copy.
function loaderFrom(directory: string): Loader {
  return createRequire(join(directory, 'noop.js'));
}

function ownLoader(cwd: string): Loader {
  return typeof __filename === 'string' ? createRequire(__filename) : loaderFrom(cwd);
}

/** Makes `require` understand TypeScript through tsx, from the app's dependencies or ours. */
function registerTypeScript(cwd: string, loader: Loader): void {
  if (loader.extensions['.ts'] !== undefined) return; // already running under tsx or ts-node
  for (const from of [loaderFrom(cwd), loader]) {
    try {
      (from('tsx/cjs/api') as { register: () => unknown }).register();
      return;
    } catch {
      // not installed there
    }
  }
  throw new Error('Loading a TypeScript module needs tsx (npm install --save-dev tsx); or point --codes at compiled JavaScript');
}

// A real dynamic import, which bundlers would otherwise turn into `require` in a CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed body, no input evaluated
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function loadModule(file: string, cwd: string): Promise<Record<string, unknown>> {
  const loader = ownLoader(cwd);
  if (TYPESCRIPT.has(extname(file))) registerTypeScript(cwd, loader);
  try {
    return loader(file) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    return (await importModule(pathToFileURL(file).href)) as Record<string, unknown>;
  }
}

function isCodeTable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((spec) => typeof spec === 'object' && spec !== null && 'status' in spec && 'message' in spec);
}

/**
 * The registry a module exposes: the named export `exportName` when given (a registry or a plain
 * code table), otherwise the default export, then an export named `errors`, then the first export
 * that is a `defineErrorCodes` registry.
 */
export function pickCodes(exports: Record<string, unknown>, exportName?: string): CodeSource {
  if (exportName !== undefined) {
    const value = exports[exportName];
    if (isCodeRegistry(value) || isCodeTable(value)) return value as CodeSource;
    throw new Error(`The export "${exportName}" is not a defineErrorCodes() registry or a table of codes`);
  }
  const fallbackDefault = (exports.default as Record<string, unknown> | undefined)?.default;
  const candidates = [exports.default, fallbackDefault, exports.errors, ...Object.values(exports)];
  const found = candidates.find(isCodeRegistry);
  if (found !== undefined) return found;
  const names = Object.keys(exports).join(', ') || 'none';
  throw new Error(
    `No defineErrorCodes() registry found among the exports (${names}); export one as default or as "errors", or pass --export <name>`,
  );
}

/** Loads an app's error codes from a module: `.js`, `.cjs`, `.mjs`, or `.ts` when tsx is installed. */
export async function loadCodes(path: string, cwd: string, exportName?: string): Promise<CodeSource> {
  const file = resolve(cwd, path);
  return pickCodes(await loadModule(file, cwd), exportName);
}
