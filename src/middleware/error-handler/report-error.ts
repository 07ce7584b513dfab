import type { IncomingMessage } from 'node:http';
import type { ApiError } from '../../errors/api-error';
import { serializeError } from '../../logging/serialize-error';
import { writeLog } from './log-error';
import type { ErrorHandlerConfig } from './options';
import type { ErrorReport } from './report-options';

const isServerError = (error: ApiError): boolean => error.status >= 500;

function logFailure(config: ErrorHandlerConfig, report: ErrorReport<IncomingMessage>, failure: unknown, message: string): void {
  try {
    // The failure only, redacted by serializeError: never the report, whose request holds credentials.
    const fields = { request_id: report.requestId, status: report.error.status, code: report.error.code, error: serializeError(failure) };
    writeLog(config, report.req, 'error', fields, message);
  } catch {
    // A failure that cannot even be described (hostile getters) is not worth failing for.
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Hands an answered error to the app's hook if its filter (default: 5xx) says so. Nothing the
 * hook does reaches the response or the process: a throw is caught, a rejection handled, each logged.
 */
export function reportError(
  config: ErrorHandlerConfig,
  req: IncomingMessage,
  error: ApiError,
  thrown: unknown,
  requestId: string,
  outcome: { readonly written: boolean; readonly headersSent: boolean },
): void {
  const reporting = config.reporting;
  if (reporting === undefined) return;
  // The default filter needs no report: a 404 costs one comparison.
  if (reporting.shouldReport === undefined && !isServerError(error)) return;
  const report: ErrorReport<IncomingMessage> = Object.freeze({
    error,
    thrown,
    req,
    requestId,
    exposed: outcome.written && error.expose,
    headersSent: outcome.headersSent,
  });
  if (reporting.shouldReport !== undefined) {
    let wanted: boolean;
    try {
      wanted = reporting.shouldReport(report) === true;
    } catch (failure) {
      logFailure(config, report, failure, 'the shouldReport filter failed; reporting 5xx only');
      wanted = isServerError(error);
    }
    if (!wanted) return;
  }
  let result: unknown;
  try {
    result = reporting.onError(report);
  } catch (failure) {
    logFailure(config, report, failure, 'the onError hook failed; the response was not affected');
    return;
  }
  if (isThenable(result)) {
    // Promise.resolve adopts any thenable, one whose `then` throws too: always a handled rejection.
    Promise.resolve(result).catch((failure: unknown) =>
      logFailure(config, report, failure, 'the onError hook rejected; the response was not affected'),
    );
  }
}
