import { isErrorStatusCode, resolveStatusInfo, type ErrorStatus, type StatusFieldsOf, type StatusFieldTypes } from '../catalog';
import { FIELD_FORMATTERS } from '../headers/fields';
import { assertErrorCode } from './check-code';

/** Header values an error may carry; arrays are joined with `, `. */
export type ErrorHeaders = Readonly<Record<string, string | number | readonly string[]>>;

/** Options every error class accepts. */
export interface ApiErrorOptions {
  /**
   * Machine-readable code, `^[a-z][a-z0-9_]*$`; defaults to the status's catalog code. Any other
   * value throws a `TypeError` naming it.
   */
  readonly code?: string;
  /** Structured details, sent to clients for 4xx (and for 5xx only with `expose: true`). */
  readonly details?: unknown;
  /** The underlying error; logged, never sent to clients. */
  readonly cause?: unknown;
  /** Extra response headers; validated before they are written. */
  readonly headers?: ErrorHeaders;
  /** Send this error's message and details to the client; defaults to `status < 500`. */
  readonly expose?: boolean;
  /**
   * Capture a stack trace; defaults to `status >= 500`. A 4xx describes the request, not the
   * server, so by default it skips the cost of a stack nobody reads.
   */
  readonly captureStack?: boolean;
}

/**
 * The options of the class for status `S`: the common ones plus that status's own fields (none for
 * a status the catalog does not hold).
 */
export type ErrorOptionsFor<S extends number> = ApiErrorOptions & {
  readonly [F in StatusFieldsOf<S>]?: StatusFieldTypes[F];
};

const BRAND = Symbol.for('express-api-errors.ApiError');
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

function headerValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  return undefined;
}

function buildHeaders(status: number, options: ApiErrorOptions): Readonly<Record<string, string>> {
  let headers: Record<string, string> | undefined;
  if (options.headers !== undefined && options.headers !== null && typeof options.headers === 'object') {
    for (const name of Object.keys(options.headers)) {
      const value = headerValue(options.headers[name]);
      if (value !== undefined) (headers ??= {})[name] = value;
    }
  }
  for (const rule of resolveStatusInfo(status).headers) {
    const raw = (options as Record<string, unknown>)[rule.field];
    if (raw === undefined) continue;
    const format = FIELD_FORMATTERS[rule.field] as (value: unknown) => string | undefined;
    const value = format(raw);
    if (value !== undefined) (headers ??= {})[rule.name] = value;
  }
  return headers ?? NO_HEADERS;
}

/** `404` -> `404`, `'404'` -> `"404"`: how a status appears in a construction error. */
function shownStatus(status: unknown): string {
  if (typeof status === 'number') return String(status);
  return typeof status === 'string' ? JSON.stringify(status) : typeof status;
}

/**
 * Why `new ApiError(status)` is refused, or `undefined`. A catalog status has its own class, and
 * an `ApiError` of it would fail `instanceof NotFoundError` checks; a number that is not an error
 * status would silently become a 500. `createError` is the factory for run-time numbers.
 */
function directConstructionProblem(status: number): string | undefined {
  if (!isErrorStatusCode(status)) {
    return `new ApiError(${shownStatus(status)}): an error status is an integer 400-599; createError(${shownStatus(status)}) answers it as a 500`;
  }
  const info = resolveStatusInfo(status);
  if (!info.registered) return undefined;
  return `new ApiError(${status}): ${status} is in the catalog; use createError(${status}) or new ${info.className}(), so that instanceof ${info.className} holds`;
}

// Set by ApiError's static block: reads the private flag of an error of this copy of the package.
let builtWithoutStack: (error: ApiError) => boolean = () => false;

/**
 * The base of every error class: an `Error` with an HTTP status, a machine-readable `code`,
 * optional `details` and the response headers its status calls for.
 *
 * It has the shape of an http-errors error (`status`, `statusCode`, `expose`, `headers`), so
 * Express's own final handler and `createError.isHttpError` treat it correctly too.
 *
 * Throw the class of a catalog status (`new NotFoundError()`), or `createError(status)` for a
 * status known at run time. `new ApiError(status)` itself is for an integer 400-599 the catalog
 * does not hold (`499`, `520`): it gets the default code and message of its class's x00
 * (`bad_request`, `internal_error`). `new ApiError(404)` throws a `TypeError` pointing to
 * `NotFoundError`, as does a number that is not an error status. Subclasses pass their own status
 * (`super(409, ...)`).
 *
 * @example
 * throw new ApiError(499, 'The client closed the request', { code: 'client_closed_request' });
 */
export class ApiError<S extends ErrorStatus = ErrorStatus> extends Error {
  /**
   * The HTTP status. Typed as a catalog status; an error built from a number the catalog does not
   * hold (`createError(499)`) carries that number (always an integer 400-599).
   */
  declare readonly status: S;
  /** Same as `status`, for libraries that read `statusCode`. */
  declare readonly statusCode: S;
  /** Machine-readable code, e.g. `resource_not_found`. */
  declare readonly code: string;
  /** Whether the message and details may be sent to the client. */
  declare readonly expose: boolean;
  /** Response headers this error carries (formatted, not yet validated). */
  declare readonly headers: Readonly<Record<string, string>>;
  /** Structured details, or `undefined`. */
  declare readonly details: unknown;
  // Built without capturing a stack (a 4xx by default): its `stack` is the one line of its name and
  // message, which the first read makes V8 format (about 1 µs), for nothing a log line needs.
  readonly #stackless: boolean;

  /** From a subclass: its status, with that status's options (`super(429, message, { retryAfter })`). */
  constructor(status: S, message?: string, options?: ErrorOptionsFor<S>);
  /** An integer 400-599 the catalog does not hold (`499`, `520`); a catalog status throws. */
  constructor(status: number, message?: string, options?: ApiErrorOptions);
  constructor(status: number, message?: string, options?: ErrorOptionsFor<number>) {
    // Checked before `super`: a refused construction must not build (and stack-trace) an Error.
    if (new.target === ApiError) {
      const problem = directConstructionProblem(status);
      if (problem !== undefined) throw new TypeError(problem);
    }
    if (options?.code !== undefined) assertErrorCode(options.code);
    const info = resolveStatusInfo(status);
    const text = typeof message === 'string' ? message : info.message;
    const cause = options?.cause;
    const limit = Error.stackTraceLimit;
    const stackless = !(options?.captureStack ?? info.status >= 500);
    if (stackless) {
      // V8 reads the limit while constructing; restore it even if construction throws, or every
      // later error in the process would lose its stack. Options are read before, not in between.
      Error.stackTraceLimit = 0;
      try {
        super(text, cause === undefined ? undefined : { cause });
      } finally {
        Error.stackTraceLimit = limit;
      }
    } else {
      super(text, cause === undefined ? undefined : { cause });
    }
    this.status = info.status as S;
    this.statusCode = info.status as S;
    this.code = options?.code ?? info.code;
    this.expose = typeof options?.expose === 'boolean' ? options.expose : info.expose;
    this.headers = options === undefined ? NO_HEADERS : buildHeaders(info.status, options);
    this.details = options?.details;
    this.#stackless = stackless;
  }

  static {
    builtWithoutStack = (error) => #stackless in error && error.#stackless;
  }
}

/**
 * True for an error of this copy of the package built without a stack (`captureStack` off, the
 * default for 4xx), so a log line can leave `stack` unread. Internal: not exported by any entry.
 */
export function isStackless(error: ApiError): boolean {
  return builtWithoutStack(error);
}

Object.defineProperty(ApiError.prototype, 'name', { value: 'ApiError', writable: true, configurable: true });
// A brand on the prototype lets `isApiError` recognise errors from another copy of the package
// (the ESM and the CommonJS build loaded side by side) or another realm.
Object.defineProperty(ApiError.prototype, BRAND, { value: true });

/** True for an `ApiError` from any copy of this package. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return value instanceof ApiError || (value as Record<symbol, unknown>)[BRAND] === true;
  } catch {
    // A Proxy whose traps throw, or a throwing getter: not one of ours.
    return false;
  }
}

/** Gives a class a fixed `name` that survives minifiers. */
export function nameClass(target: abstract new (...args: never[]) => Error, name: string): void {
  Object.defineProperty(target.prototype, 'name', { value: name, writable: true, configurable: true });
}
