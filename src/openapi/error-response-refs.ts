import { ERROR_STATUSES, getStatusInfo, isErrorStatus, type ErrorStatus, type StatusInfo } from '../catalog';
import { collectCodes, type CodeSource } from '../docs/code-table';
import type { OpenApiReference } from './types';

/** Options of {@link errorResponseRefs}; `prefix` must match the one given to `openApiComponents`. */
export interface ErrorResponseRefsOptions {
  /** The app's codes, to resolve the status of a code given by name. */
  readonly codes?: CodeSource;
  readonly prefix?: string;
}

/**
 * The `responses` entries of an operation, as references to {@link openApiComponents}: a status
 * gives its status response, a code gives that code's response. Two entries with the same status
 * fall back to the status response, since an operation has one response per status.
 *
 * @example
 * responses: { '201': { description: 'Created' }, ...errorResponseRefs([400, 'insufficient_scope'], { codes: appErrors }) }
 * // { '400': { $ref: '#/components/responses/BadRequestError' }, '403': { $ref: '#/components/responses/insufficient_scope' } }
 */
export function errorResponseRefs(
  entries: readonly (ErrorStatus | string)[],
  options: ErrorResponseRefsOptions = {},
): Record<string, OpenApiReference> {
  const name = (base: string): string => `${options.prefix ?? ''}${base}`.replace(/[^A-Za-z0-9.\-_]/g, '_');
  const codeStatus = new Map(collectCodes(options.codes).map((entry) => [entry.code, entry.status]));
  for (const status of ERROR_STATUSES) codeStatus.set((getStatusInfo(status) as StatusInfo).code, status);
  const chosen = new Map<ErrorStatus, string | undefined>();
  for (const entry of entries) {
    const status = typeof entry === 'number' ? entry : codeStatus.get(entry);
    if (status === undefined || !isErrorStatus(status))
      throw new TypeError(`${String(entry)} is neither a catalog status nor a known code`);
    const code = typeof entry === 'string' && getStatusInfo(status)?.code !== entry ? entry : undefined;
    chosen.set(status, chosen.has(status) && chosen.get(status) !== code ? undefined : code);
  }
  const refs: Record<string, OpenApiReference> = {};
  for (const [status, code] of [...chosen].sort((a, b) => a[0] - b[0])) {
    const component = code ?? getStatusInfo(status)?.className ?? '';
    refs[String(status)] = { $ref: `#/components/responses/${name(component)}` };
  }
  return refs;
}
