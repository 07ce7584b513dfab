import type { IncomingMessage, ServerResponse } from 'node:http';
import { CODE_PATTERN } from '../catalog';
import { LIBRARY_CODES } from '../catalog/codes';
import { GatewayTimeoutError } from '../errors/http-errors.generated';
import type { HttpMiddleware } from './middleware';
import { getState, setState, TIMEOUT_SIGNAL } from '../request-state';

/** Options of {@link requestTimeout}. */
export interface RequestTimeoutOptions {
  /** Milliseconds a handler has to start its response. */
  readonly timeoutMs: number;
  /** Error code of the 504. Default `handler_timeout`. */
  readonly code?: string;
  /** Client message of the 504. Default: the `handler_timeout` message. */
  readonly message?: string;
}

// The response methods that throw ERR_HTTP_HEADERS_SENT or write to the socket once the 504 is out.
const GUARDED = ['writeHead', 'setHeader', 'appendHeader', 'removeHeader', 'write', 'end', 'flushHeaders'] as const;

/**
 * Makes late writes of a timed-out handler no-ops instead of a crash or a second response: once
 * our 504 has been sent, the handler's `res.json()` (setHeader, end...) silently does nothing.
 */
function muteAfterSent(res: ServerResponse): void {
  const target = res as unknown as Record<string, unknown>;
  for (const name of GUARDED) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function guarded(this: ServerResponse, ...args: unknown[]) {
      if (res.headersSent) {
        // `end(callback)` callers wait for the callback; `write` callers for `true`.
        const callback = args.find((arg): arg is () => void => typeof arg === 'function');
        if ((name === 'end' || name === 'write') && callback !== undefined) process.nextTick(callback);
        return name === 'write' ? true : res;
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}

/**
 * Answers 504 (code `handler_timeout` by default) when the handler has not started its response
 * within `timeoutMs`. A handler that answers later writes nothing: no second response, no
 * `ERR_HTTP_HEADERS_SENT`. Handlers can stop their work early with {@link timeoutSignal}.
 *
 * @example
 * app.get('/reports/:id', requestTimeout({ timeoutMs: 5000 }), async (req, res) => {
 *   res.json(await buildReport(req.params.id, { signal: timeoutSignal(req) }));
 * });
 */
export function requestTimeout(options: RequestTimeoutOptions): HttpMiddleware {
  if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0))
    throw new TypeError('requestTimeout: timeoutMs must be a positive number');
  const code = options.code ?? 'handler_timeout';
  if (!CODE_PATTERN.test(code)) throw new TypeError(`requestTimeout: "${code}" is not a valid error code`);
  const message = options.message ?? LIBRARY_CODES.handler_timeout.message;

  return function requestTimeoutMiddleware(req, res, next) {
    const controller = new AbortController();
    setState(req, TIMEOUT_SIGNAL, controller.signal);
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded) return;
      muteAfterSent(res);
      const error = new GatewayTimeoutError(message, { code, expose: true });
      controller.abort(error);
      next(error);
    }, options.timeoutMs);
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}

/**
 * The AbortSignal aborted when {@link requestTimeout} answers 504 for this request; pass it to
 * `fetch` or database calls so work stops once nobody waits for it.
 */
export function timeoutSignal(req: IncomingMessage): AbortSignal | undefined {
  return getState(req, TIMEOUT_SIGNAL);
}
