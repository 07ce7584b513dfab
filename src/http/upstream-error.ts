import { LIBRARY_CODES } from '../catalog/codes';
import type { ApiError } from '../errors/api-error';
import { BadGatewayError, GatewayTimeoutError } from '../errors/http-errors.generated';
import { withoutQuery } from '../utils/request-path';

/** Options of {@link toUpstreamError} and {@link assertUpstreamOk}. */
export interface UpstreamErrorOptions {
  /** Name of the upstream service, for the log only (never sent to clients). */
  readonly service?: string;
  /** Client message of a 502. Default: the `upstream_unavailable` message. */
  readonly message?: string;
  /** Client message of a 504. Default: the `upstream_timeout` message. */
  readonly timeoutMessage?: string;
}

/** The fields of a fetch `Response` the helper reads. */
export interface UpstreamResponse {
  readonly status: number;
  readonly statusText?: string;
  readonly url?: string;
}

// Errors of Node's net/http stack and of undici (fetch) that mean "no answer in time".
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function isResponse(value: unknown): value is UpstreamResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UpstreamResponse).status === 'number' &&
    !(value instanceof Error) &&
    ('headers' in value || 'statusText' in value)
  );
}

/** True when `failure`, or an error in its `cause` chain, is a timeout (AbortSignal.timeout included). */
function isTimeout(failure: unknown): boolean {
  let current = failure;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    // AbortSignal.timeout() rejects with a DOMException named TimeoutError.
    if (name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// Already converted (a helper called twice, or rethrown from an inner call): kept as it is.
function isUpstreamError(value: unknown): value is ApiError<502 | 504> {
  return value instanceof BadGatewayError || value instanceof GatewayTimeoutError;
}

/** What is logged for an upstream response: its status and URL, not its body (it may hold secrets). */
function responseCause(response: UpstreamResponse, service: string | undefined): Error {
  const url = response.url ? withoutQuery(response.url) : undefined;
  const cause = new Error(
    `${service ?? 'upstream'} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${url ? ` (${url})` : ''}`,
  );
  cause.name = 'UpstreamResponseError';
  return cause;
}

/**
 * Turns a failed upstream call into the error to answer with: a timeout (`AbortSignal.timeout()`,
 * `ETIMEDOUT`, undici's timeouts) or an upstream 504/408 becomes a 504 `upstream_timeout`; anything
 * else (a 5xx `Response`, `ECONNREFUSED`, a reset, a DNS failure) a 502 `upstream_unavailable`.
 * The failure is kept as `cause`: logged by `errorHandler`, never sent to the client.
 *
 * @example
 * try {
 *   const rates = await fetch(RATES_URL, { signal: AbortSignal.timeout(2000) });
 *   assertUpstreamOk(rates, { service: 'rates' });
 * } catch (failure) {
 *   throw toUpstreamError(failure, { service: 'rates' });
 * }
 */
export function toUpstreamError(failure: unknown, options: UpstreamErrorOptions = {}): ApiError<502 | 504> {
  if (isUpstreamError(failure)) return failure;
  const cause = isResponse(failure) ? responseCause(failure, options.service) : failure;
  const timedOut = isResponse(failure) ? failure.status === 504 || failure.status === 408 : isTimeout(failure);
  if (timedOut) {
    return new GatewayTimeoutError(options.timeoutMessage ?? LIBRARY_CODES.upstream_timeout.message, {
      code: 'upstream_timeout',
      expose: true,
      cause,
    });
  }
  return new BadGatewayError(options.message ?? LIBRARY_CODES.upstream_unavailable.message, {
    code: 'upstream_unavailable',
    expose: true,
    cause,
  });
}

/**
 * Returns the response when the upstream answered below 500, and throws the 502/504 of
 * {@link toUpstreamError} otherwise. 4xx answers are returned: what they mean is the caller's call.
 *
 * @example
 * const response = assertUpstreamOk(await fetch(url), { service: 'billing' });
 */
export function assertUpstreamOk<R extends UpstreamResponse>(response: R, options: UpstreamErrorOptions = {}): R {
  if (response.status >= 500) throw toUpstreamError(response, options);
  return response;
}
