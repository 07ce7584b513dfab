import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { ApiError } from '../../errors/api-error';

/** One error answered by `errorHandler`, as its `onError` hook receives it. */
export interface ErrorReport<Req extends IncomingMessage = Request> {
  /** The error as answered: status, code, client message, details and headers. */
  readonly error: ApiError;
  /** What was thrown or passed to `next()`, untouched: the exception, stack and cause, to report. */
  readonly thrown: unknown;
  /** The request that failed. */
  readonly req: Req;
  /** The request id the response and the log line carry. */
  readonly requestId: string;
  /**
   * The client was shown the error's message and details: an exposed error (a 4xx, or a 5xx
   * created with `expose: true`) written as the response. Always `false` for a masked 5xx.
   */
  readonly exposed: boolean;
  /**
   * The response had started before the error arrived: it was left as it was, or its connection
   * closed if cut off mid-body, and the client got no error body.
   */
  readonly headersSent: boolean;
}

/** Error-reporting options of `errorHandler`. */
export interface ErrorReportingOptions<Req extends IncomingMessage = Request> {
  /**
   * Called once per reported error, after its response is decided (written, or the connection
   * closed when the response had already started): hand it to Sentry, Bugsnag or the app's own
   * reporter here. A hook that throws, or returns a promise that rejects, never changes the
   * response: the failure is logged once, at `error`.
   */
  readonly onError?: (report: ErrorReport<Req>) => unknown;
  /**
   * Which errors `onError` gets. Default: 5xx only, the server's own failures; 4xx are the
   * client's and an error tracker would drown in them. A filter that throws falls back to the default.
   */
  readonly shouldReport?: (report: ErrorReport<Req>) => boolean;
}

/** The checked reporting options; absent without `onError`. */
export interface ReportingConfig {
  readonly onError: (report: ErrorReport<IncomingMessage>) => unknown;
  readonly shouldReport: ((report: ErrorReport<IncomingMessage>) => boolean) | undefined;
}

/** Checks `onError` and `shouldReport`; `undefined` when there is no hook. */
export function resolveReporting<Req extends IncomingMessage>(options: ErrorReportingOptions<Req>): ReportingConfig | undefined {
  const { onError, shouldReport } = options;
  if (onError !== undefined && typeof onError !== 'function') throw new TypeError('errorHandler: `onError` must be a function');
  if (shouldReport !== undefined && typeof shouldReport !== 'function')
    throw new TypeError('errorHandler: `shouldReport` must be a function');
  if (onError === undefined) return undefined;
  // Express hands the error middleware its own Request, the type `Req` describes.
  return {
    onError: onError as (report: ErrorReport<IncomingMessage>) => unknown,
    shouldReport: shouldReport as ((report: ErrorReport<IncomingMessage>) => boolean) | undefined,
  };
}
