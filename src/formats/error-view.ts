/** What a response format needs to know of one error, after masking. */
export interface ErrorView {
  readonly status: number;
  /** Reason phrase of the status. */
  readonly title: string;
  readonly code: string;
  /** The client-facing message: the error's own when exposed, the catalog's otherwise. */
  readonly message: string;
  /** Present only when exposed. */
  readonly details: unknown;
  readonly requestId: string;
  /** URI reference of this occurrence (the request path), for problem details. */
  readonly instance: string | undefined;
  /** Stack and cause, in development mode only. */
  readonly debug: unknown;
  /** The page documenting `code` (`docsBaseUrl` + code), when the handler has a docs base. */
  readonly docUrl?: string;
  /** The OpenTelemetry trace id of the request, with `tracing: { exposeTraceId: true }` and an active span. */
  readonly traceId?: string;
}
