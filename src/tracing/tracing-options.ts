/** OpenTelemetry settings of `errorHandler({ tracing })`. */
export interface TracingOptions {
  /**
   * Record 4xx errors on the server span too (status `ERROR`, `error.type`, the exception).
   * Default `false`: the HTTP semantic conventions leave a server span's status `UNSET` for 4xx,
   * which are the client's errors, not the server's.
   */
  readonly record4xx?: boolean;
  /**
   * Add the thrown value as an `exception` span event (`exception.type`, `exception.message`,
   * `exception.stacktrace` with the cause chain), besides the status and `error.type`. Default
   * `true`; turn it off to follow the newer, still experimental semantic conventions
   * ("Recording errors"), which advise against exception events on spans.
   */
  readonly recordException?: boolean;
  /**
   * Write the trace id into error bodies: `meta.trace_id` in the envelope, a `trace_id` member in
   * problem details, `traceId` in a formatter's view. Default `false`. Only when a span is active.
   */
  readonly exposeTraceId?: boolean;
}

/** {@link TracingOptions} with their defaults applied. */
export interface TracingConfig {
  readonly record4xx: boolean;
  readonly recordException: boolean;
  readonly exposeTraceId: boolean;
}

const FLAGS = ['record4xx', 'recordException', 'exposeTraceId'] as const;

/** Checks and completes `errorHandler`'s `tracing` option; `undefined` when it is `false`. */
export function resolveTracing(option: boolean | TracingOptions | undefined): TracingConfig | undefined {
  if (option === false) return undefined;
  if (option === undefined || option === true) return { record4xx: false, recordException: true, exposeTraceId: false };
  if (typeof option !== 'object' || option === null) throw new TypeError('errorHandler: `tracing` must be a boolean or an object');
  for (const flag of FLAGS) {
    const value = option[flag];
    if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`errorHandler: \`tracing.${flag}\` must be a boolean`);
  }
  return {
    record4xx: option.record4xx === true,
    recordException: option.recordException !== false,
    exposeTraceId: option.exposeTraceId === true,
  };
}
