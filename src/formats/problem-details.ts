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
   * `type: "https://example.com/problems/resource_not_found"`. Without it `type` is `about:blank`.
   */
  readonly typeBase?: string;
}

/** Builds the problem details body of an error (RFC 9457 §3.1). */
export function toProblemDetails(view: ErrorView, options: ProblemOptions = {}): ProblemDetails {
  return {
    type: options.typeBase === undefined ? 'about:blank' : `${options.typeBase}${view.code}`,
    title: view.title,
    status: view.status,
    detail: view.message,
    ...(view.instance === undefined ? {} : { instance: view.instance }),
    code: view.code,
    request_id: view.requestId,
    ...(view.details === undefined ? {} : { errors: view.details }),
    ...(view.debug === undefined ? {} : { debug: view.debug }),
  };
}
