/**
 * The request never got a response: DNS, connection refused or reset, TLS, CORS. `fetch` reports
 * all of these as a `TypeError`, kept here as `cause`.
 *
 * @example
 * try { await api.get('/health'); } catch (error) {
 *   if (error instanceof NetworkError) showOfflineBanner();
 * }
 */
export class NetworkError extends Error {
  /** How many attempts were made, retries included. */
  readonly attempts: number;

  constructor(message: string, options: { cause?: unknown; attempts: number }) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts;
  }
}
Object.defineProperty(NetworkError.prototype, 'name', { value: 'NetworkError', writable: true, configurable: true });

/**
 * A time limit of the client ran out: `scope: 'attempt'` for the per-attempt `timeoutMs` (after the
 * last retry), `scope: 'deadline'` for the overall `deadlineMs` of one call, retries and waits included.
 * Its `name` is `TimeoutError`, like the `DOMException` of `AbortSignal.timeout()`.
 *
 * @example
 * try { await api.get('/report', { deadlineMs: 5_000 }); } catch (error) {
 *   if (error instanceof TimeoutError && error.scope === 'deadline') retryLater();
 * }
 */
export class TimeoutError extends Error {
  /** Which limit ran out. */
  readonly scope: 'attempt' | 'deadline';
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
  /** How many attempts were made, retries included. */
  readonly attempts: number;

  constructor(scope: 'attempt' | 'deadline', timeoutMs: number, attempts = 1) {
    super(
      scope === 'deadline'
        ? `The request did not complete within its ${timeoutMs} ms deadline.`
        : `The server did not respond within ${timeoutMs} ms.`,
    );
    this.scope = scope;
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }
}
Object.defineProperty(TimeoutError.prototype, 'name', { value: 'TimeoutError', writable: true, configurable: true });
