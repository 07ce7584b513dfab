import { CODE_PATTERN, type ErrorStatus } from '../../catalog';
import type { ApiError, ApiErrorOptions } from '../api-error';
import { createError } from '../create-error';
import { integerOf, isBag, type Bag } from './recognizer';

// Boom keeps its status and headers under `output`.
function statusAndHeadersOf(error: Bag): { status: number | undefined; headers: unknown; message: unknown } {
  if (error.isBoom === true && isBag(error.output)) {
    const output = error.output;
    const payload = (output.payload ?? {}) as Bag;
    return { status: integerOf(output.statusCode), headers: output.headers, message: payload.message };
  }
  return {
    status: integerOf(error.status) ?? integerOf(error.statusCode),
    headers: error.headers,
    message: error.message,
  };
}

/**
 * Any error that names its HTTP status (http-errors, Boom, Express's own, most middleware):
 * its status, `expose`, code and headers are kept. The last recognizer: it answers for every
 * object, a 500 when the status is missing or not an error status.
 */
export function recognizeHttpStatus(error: unknown): ApiError | undefined {
  if (!isBag(error)) return undefined;
  const { status, headers, message } = statusAndHeadersOf(error);
  if (status === undefined || status < 400 || status > 599) {
    return createError(500, undefined, { cause: error, captureStack: false });
  }
  const expose = typeof error.expose === 'boolean' ? error.expose : status < 500;
  const code = typeof error.code === 'string' && CODE_PATTERN.test(error.code) ? error.code : undefined;
  return createError(status as ErrorStatus, expose && typeof message === 'string' ? message : undefined, {
    cause: error,
    captureStack: false,
    expose,
    code: status < 500 || expose ? code : undefined,
    details: expose ? error.details : undefined,
    headers: isBag(headers) ? (headers as ApiErrorOptions['headers']) : undefined,
  });
}
