import { STATUSES, type HeaderRule, type StatusFieldTypes } from './statuses';

export { STATUSES };
export type { Challenge, HeaderNeed, HeaderRule, StatusFieldTypes, StatusSpec } from './statuses';

/** Every error status in the catalog, as a literal union (`400 | 401 | ... | 511`). */
export type ErrorStatus = keyof typeof STATUSES;

/** The default error code of every catalog status, as a literal union. */
export type CatalogCode = (typeof STATUSES)[ErrorStatus]['code'];

/** The status-specific option names a status accepts (`'retryAfter'` for 429, ...). */
export type StatusFieldsOf<S extends number> = S extends ErrorStatus
  ? (typeof STATUSES)[S] extends { readonly headers: readonly (infer R)[] }
    ? R extends { readonly field: infer F extends keyof StatusFieldTypes }
      ? F
      : never
    : never
  : never;

/** Everything the library knows about one status, with the derived fields filled in. */
export interface StatusInfo {
  readonly status: ErrorStatus;
  readonly phrase: string;
  readonly code: CatalogCode;
  readonly message: string;
  readonly headers: readonly HeaderRule[];
  readonly retryable: boolean;
  readonly noStore: boolean;
  /** Messages of 4xx are shown to clients; 5xx answer the generic `message`. */
  readonly expose: boolean;
  /** The error class name, derived from the reason phrase: `Content Too Large` -> `ContentTooLargeError`. */
  readonly className: string;
  readonly alias: string | undefined;
}

/** Error codes are snake_case identifiers; anything else is not accepted as a code. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** `Not Found` -> `NotFoundError`; `Internal Server Error` -> `InternalServerError`. */
export function classNameOf(phrase: string): string {
  const name = phrase
    .split(/[\s-]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return name.endsWith('Error') ? name : `${name}Error`;
}

const byStatus: (StatusInfo | undefined)[] = new Array<StatusInfo | undefined>(600);

/** The statuses of the catalog, ascending. */
export const ERROR_STATUSES: readonly ErrorStatus[] = Object.freeze(
  Object.keys(STATUSES)
    .map(Number)
    .map((status) => {
      const spec = STATUSES[status as ErrorStatus];
      const info: StatusInfo = Object.freeze({
        status: status as ErrorStatus,
        phrase: spec.phrase,
        code: spec.code,
        message: spec.message,
        headers: 'headers' in spec ? spec.headers : [],
        retryable: 'retryable' in spec ? spec.retryable : false,
        noStore: 'noStore' in spec ? spec.noStore : false,
        expose: status < 500,
        className: classNameOf(spec.phrase),
        alias: 'alias' in spec ? spec.alias : undefined,
      });
      byStatus[status] = info;
      return info.status;
    }),
);

/** True for the statuses of the catalog. */
export function isErrorStatus(status: unknown): status is ErrorStatus {
  return typeof status === 'number' && byStatus[status] !== undefined;
}

/** The catalog entry of a status, or `undefined` for a status the catalog does not hold. */
export function getStatusInfo(status: number): StatusInfo | undefined {
  return byStatus[status];
}

/**
 * The catalog entry to answer with for any number: the status itself when catalogued, the class's
 * generic status (`400` or `500`) for an unregistered 4xx/5xx, and `500` for anything else.
 */
export function resolveStatusInfo(status: number): StatusInfo {
  const info = byStatus[status];
  if (info !== undefined) return info;
  return byStatus[status >= 400 && status < 500 ? 400 : 500] as StatusInfo;
}
