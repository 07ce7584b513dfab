import { CODE_PATTERN, isErrorStatusCode, resolveStatusInfo } from '../../catalog';
import type { ApiError, ErrorHeaders } from '../api-error';
import { createError } from '../create-error';
import { isBag, type Bag } from './recognizer';

const statusIn = (value: unknown): number | undefined => (isErrorStatusCode(value) ? value : undefined);

// Boom keeps its status and headers under `output`. Elsewhere `status` is read first, then
// `statusCode`, each only when it is an error status: the order and range of finalhandler's
// getErrorStatusCode, so `{ status: 50, statusCode: 410 }` is a 410 here as in Express. (It also
// takes a fraction such as 404.5, which Node truncates; a non-integer is no status here.)
function statusAndHeadersOf(error: Bag): { status: number | undefined; headers: unknown; message: unknown } {
  if (error.isBoom === true && isBag(error.output)) {
    const output = error.output;
    const payload = (output.payload ?? {}) as Bag;
    return { status: statusIn(output.statusCode), headers: output.headers, message: payload.message };
  }
  return { status: statusIn(error.status) ?? statusIn(error.statusCode), headers: error.headers, message: error.message };
}

/**
 * The headers of a masked 5xx: only those its status calls for (Retry-After on a 503). Anything
 * else a foreign error carries (an upstream's Set-Cookie, Location, Server, CORS grants, debug
 * tokens) describes the failure we are hiding, or grants what nobody decided to grant.
 */
function statusFieldsOnly(status: number, headers: Bag): ErrorHeaders {
  const wanted = new Set(resolveStatusInfo(status).headers.map((rule) => rule.name.toLowerCase()));
  const kept: Record<string, string | number | readonly string[]> = {};
  for (const name of Object.keys(headers)) {
    if (wanted.has(name.toLowerCase())) kept[name] = headers[name] as string;
  }
  return kept;
}

/**
 * Any error that names its HTTP status (http-errors, Boom, Express's own, most middleware):
 * its status (any integer 400-599, registered or not), `expose`, code and headers are kept; a
 * masked 5xx keeps only the headers its status calls for. The last recognizer: it answers for
 * every object, a 500 when the status is missing or not an error status.
 */
export function recognizeHttpStatus(error: unknown): ApiError | undefined {
  if (!isBag(error)) return undefined;
  const { status, headers, message } = statusAndHeadersOf(error);
  if (status === undefined) return createError(500, undefined, { cause: error, captureStack: false });
  const expose = typeof error.expose === 'boolean' ? error.expose : status < 500;
  const code = typeof error.code === 'string' && CODE_PATTERN.test(error.code) ? error.code : undefined;
  const bag = isBag(headers) ? headers : undefined;
  // An empty message (`throw Object.assign(new Error(), { status: 404 })`) tells the client nothing: the catalog's does.
  return createError(status, expose && typeof message === 'string' && message !== '' ? message : undefined, {
    cause: error,
    captureStack: false,
    expose,
    code: status < 500 || expose ? code : undefined,
    details: expose ? error.details : undefined,
    headers: bag === undefined ? undefined : status >= 500 && !expose ? statusFieldsOnly(status, bag) : (bag as ErrorHeaders),
  });
}
