import { STATUSES, type HeaderRule, type StatusFieldTypes } from './statuses';

export { STATUSES };
export type { Challenge, HeaderNeed, HeaderRule, StatusFieldTypes, StatusSpec } from './statuses';

/** Every error status in the catalog, as a literal union (`400 | 401 | ... | 511`). */
export type ErrorStatus = keyof typeof STATUSES;

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type NumberOf<T> = T extends `${infer N extends number}` ? N : never;

/**
 * An error status the catalog does not hold, as a literal union: every integer 400-599 but the
 * catalog's and 418, which RFC 9110 §15.5.19 reserves as unusable (a literal `418` in TypeScript is
 * a joke or a typo; one arriving at run time is still answered as a 4xx).
 */
export type UnregisteredErrorStatus = Exclude<NumberOf<`${4 | 5}${Digit}${Digit}`>, ErrorStatus | 418>;

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

/** Reason phrase of a 4xx the catalog does not hold: its class (RFC 9110 §15.5). */
export const CLIENT_ERROR_PHRASE = 'Client Error';
/** Reason phrase of a 5xx the catalog does not hold: its class (RFC 9110 §15.6). */
export const SERVER_ERROR_PHRASE = 'Server Error';

/**
 * What an error status is answered with: its catalog entry, or, for an integer 400-599 the
 * catalog does not hold (499, 509, 520...), the entry of its class's x00 status (the code,
 * message and duties of `400` or `500`, RFC 9110 §15: clients read an unknown code as the x00 of
 * its class) under the status itself, with the class as reason phrase.
 */
export interface ResolvedStatusInfo extends Omit<StatusInfo, 'status'> {
  /** The status answered: the one asked for when it is 400-599, else `500`. */
  readonly status: number;
  /** `false` for a status the catalog does not hold. */
  readonly registered: boolean;
}

/** True for an integer 400-599: a status an error may carry, registered or not. */
export function isErrorStatusCode(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599;
}

const resolved: (ResolvedStatusInfo | undefined)[] = new Array<ResolvedStatusInfo | undefined>(600);

function resolveUncached(status: number): ResolvedStatusInfo {
  const info = byStatus[status];
  if (info !== undefined) return Object.freeze({ ...info, registered: true });
  const base = byStatus[status < 500 ? 400 : 500] as StatusInfo;
  return Object.freeze({
    ...base,
    status,
    phrase: status < 500 ? CLIENT_ERROR_PHRASE : SERVER_ERROR_PHRASE,
    // No class of its own: errors of such a status are plain `ApiError`s.
    className: 'ApiError',
    alias: undefined,
    registered: false,
  });
}

/**
 * The entry to answer with for any number: the catalog entry of a catalog status, the class's
 * generic entry under the status itself for any other integer 400-599, and `500` for anything else.
 */
export function resolveStatusInfo(status: number): ResolvedStatusInfo {
  const key = isErrorStatusCode(status) ? status : 500;
  return (resolved[key] ??= resolveUncached(key));
}
