import type { ErrorView } from './error-view';

/** RFC 9457 problem details, with this library's extension members. */
export interface ProblemDetails {
  /** URI reference of the problem type; `about:blank` by default. */
  readonly type: string;
  /** The reason phrase of the status. */
  readonly title: string;
  /** Always the response status. */
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Extension: the machine-readable code. */
  readonly code: string;
  /** Extension: the request id. */
  readonly request_id: string;
  /** Extension: the OpenTelemetry trace id, only with `tracing: { exposeTraceId: true }`. */
  readonly trace_id?: string;
  /** Extension: the details (validation issues for `validation_error`). */
  readonly errors?: unknown;
  /** Extension, development mode only. */
  readonly debug?: unknown;
}

/** Media type of problem details (RFC 9457 §3). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Options of the problem-details format. */
export interface ProblemOptions {
  /**
   * Base URI of problem types: `https://example.com/problems/` gives
   * `type: "https://example.com/problems/resource_not_found"` (see {@link problemTypeUri}).
   * Without it `type` is `about:blank`.
   */
  readonly typeBase?: string;
}

/**
 * The problem `type` URI of a code: `about:blank` without a base, else `<base><code>`. A base that
 * ends in a letter or digit gets a `/` first, so `https://example.com/problems` and
 * `https://example.com/problems/` give the same URI; bases ending in `/`, `#`, `=`, `:`... are kept.
 *
 * @example
 * problemTypeUri('https://example.com/problems', 'resource_not_found');
 * // 'https://example.com/problems/resource_not_found'
 */
export function problemTypeUri(typeBase: string | undefined, code: string): string {
  if (typeBase === undefined || typeBase === '') return 'about:blank';
  return /[A-Za-z0-9]$/.test(typeBase) ? `${typeBase}/${code}` : `${typeBase}${code}`;
}

/** Builds the problem details body of an error (RFC 9457 §3.1). */
export function toProblemDetails(view: ErrorView, options: ProblemOptions = {}): ProblemDetails {
  return {
    type: problemTypeUri(options.typeBase, view.code),
    title: view.title,
    status: view.status,
    detail: view.message,
    ...(view.instance === undefined ? {} : { instance: view.instance }),
    code: view.code,
    request_id: view.requestId,
    ...(view.traceId === undefined ? {} : { trace_id: view.traceId }),
    ...(view.details === undefined ? {} : { errors: view.details }),
    ...(view.debug === undefined ? {} : { debug: view.debug }),
  };
}
