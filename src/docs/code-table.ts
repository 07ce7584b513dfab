import { CODE_PATTERN, getStatusInfo, isErrorStatus, type ErrorStatus } from '../catalog';
import { LIBRARY_CODES, type CodeSpec } from '../catalog/codes';

/** A table of error codes: `defineErrorCodes(...).codes`, or the same shape written by hand. */
export type CodeTable = Readonly<Record<string, CodeSpec>>;

/** What documentation and OpenAPI generators accept as an app's codes: a registry or its table. */
export type CodeSource = CodeTable | { readonly codes: CodeTable };

/** Where a documented code comes from. */
export type CodeOrigin = 'catalog' | 'library' | 'app';

/** One error code, resolved against the catalog. */
export interface CodeEntry {
  readonly code: string;
  readonly status: ErrorStatus;
  readonly message: string;
  readonly description: string | undefined;
  readonly origin: CodeOrigin;
}

/** True for something shaped like the result of `defineErrorCodes` (from any copy of the package). */
export function isCodeRegistry(value: unknown): value is { readonly codes: CodeTable } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { codes?: unknown; create?: unknown; has?: unknown };
  return (
    typeof candidate.create === 'function' &&
    typeof candidate.has === 'function' &&
    typeof candidate.codes === 'object' &&
    candidate.codes !== null
  );
}

function tableOf(source: CodeSource): CodeTable {
  return isCodeRegistry(source) ? source.codes : source;
}

/** Checks one app code the way `defineErrorCodes` does, for tables that did not go through it. */
function checkedEntry(code: string, spec: unknown): CodeEntry {
  const value = (typeof spec === 'object' && spec !== null ? spec : {}) as Partial<Record<keyof CodeSpec, unknown>>;
  if (!CODE_PATTERN.test(code)) throw new TypeError(`Error code "${code}" must match ${CODE_PATTERN}`);
  if (!isErrorStatus(value.status)) throw new TypeError(`Error code "${code}" has status ${String(value.status)}, not a catalog status`);
  if (typeof value.message !== 'string') throw new TypeError(`Error code "${code}" has no message`);
  return {
    code,
    status: value.status,
    message: value.message,
    description: typeof value.description === 'string' ? value.description : undefined,
    origin: 'app',
  };
}

/**
 * Every code that is not a status's default: the library's own (`LIBRARY_CODES`) then the app's,
 * sorted by status then code. An app code may restate a library code with the same status; one
 * that gives a known code another status is a mistake and throws.
 */
export function collectCodes(source: CodeSource | undefined, options: { libraryCodes?: boolean } = {}): CodeEntry[] {
  const byCode = new Map<string, CodeEntry>();
  if (options.libraryCodes !== false) {
    for (const [code, spec] of Object.entries(LIBRARY_CODES) as [string, CodeSpec][]) {
      byCode.set(code, { code, status: spec.status, message: spec.message, description: spec.description, origin: 'library' });
    }
  }
  const defaults = new Map<string, ErrorStatus>();
  for (let status = 400; status < 600; status++) {
    const info = getStatusInfo(status);
    if (info !== undefined) defaults.set(info.code, info.status);
  }
  if (source !== undefined) {
    for (const [code, spec] of Object.entries(tableOf(source))) {
      const entry = checkedEntry(code, spec);
      const known = byCode.get(code)?.status ?? defaults.get(code);
      if (known !== undefined && known !== entry.status) {
        throw new TypeError(`Error code "${code}" is already used with status ${known}, not ${entry.status}`);
      }
      if (defaults.has(code)) continue; // the status's own default, documented with the status
      byCode.set(code, entry);
    }
  }
  return [...byCode.values()].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}
