import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { asThrownError } from '../errors/as-thrown-error';
import { getState, RESPONSE_ERROR, TIMEOUT_SIGNAL } from '../request-state';
import { captureResponse, type ResponseCapture } from './capture';
import { idempotencyError, inProgressLimitError } from './errors';
import { InProgressLimit } from './in-progress-limit';
import { readIdempotencyKey } from './key';
import { resolveOptions, type IdempotencyConfig, type IdempotencyOptions } from './options';
import { writeReplay } from './replay';
import { identityDigest, storeKey } from './scope';
import type { ClaimResult, MaybePromise, StoredResponse } from './store';

/** An Express-compatible middleware (Express 4 and 5); it takes any Node request. */
export type IdempotencyMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

type Next = (error?: unknown) => void;

// Codes that ask the client to come back later: storing them would replay "try again" forever.
const RETRYABLE_CODES = new Set(['idempotency_key_in_use', 'idempotency_store_unavailable']);

// "Come back later" statuses (RFC 9110 §15.5.9, RFC 8470 §5.2, RFC 6585 §4, RFC 9110 §15.6.4),
// and gateway failures (RFC 9110 §15.6.3 502, §15.6.5 504: an upstream failed or did not answer):
// the condition is temporary, so replaying it for the key's whole TTL would be wrong. The handler
// answered, so its own run is over and a retry may run it again; what the upstream did with the
// first call is the trade-off (documented on idempotency()).
const TEMPORARY_STATUSES = new Set([408, 425, 429, 502, 503, 504]);

// requestTimeout() answered 504 while the handler may still be running (it is told to stop
// through timeoutSignal(req), and nothing says when it has): the key stays claimed until the lock
// expires, so a retry cannot run the handler a second time alongside the first.
function handlerMayStillRun(req: IncomingMessage): boolean {
  return getState(req, TIMEOUT_SIGNAL)?.aborted === true;
}

function isStored<Req extends IncomingMessage>(config: IdempotencyConfig<Req>, res: ServerResponse, status: number): boolean {
  if (status < 400) return true;
  if (TEMPORARY_STATUSES.has(status)) return false;
  if (status >= 500 && !config.storeServerErrors) return false;
  const code = getState(res, RESPONSE_ERROR)?.code;
  return code === undefined || !RETRYABLE_CODES.has(code);
}

function isPromiseLike<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/**
 * Makes POST and PATCH safe to retry (IETF draft-ietf-httpapi-idempotency-key-header-06): the
 * first request with an `Idempotency-Key` claims the key atomically and runs the handler; its
 * response (success or error) is stored and replayed byte for byte, with `Idempotent-Replayed:
 * true`, to every retry with the same key and request. A retry while the first still runs gets
 * 409 `idempotency_key_in_use` with Retry-After; the key with another request, 422
 * `idempotency_key_reused`; a malformed key, 400. Errors go to `next()`, for `errorHandler()`.
 * Mount it after the body parser (the body is part of the fingerprint).
 *
 * Keys are scoped by `identify` (default: the `Authorization` header), hashed before they reach
 * the store. Not stored, so a retry runs the handler again: 408, 425, 429, 502, 503 and 504. A 502
 * or 504 the handler answers frees the key at once (an upstream may still have acted on the first
 * call: pass your own idempotency key upstream); a 504 from `requestTimeout()` keeps the key
 * claimed until `lockTimeoutMs` ends, as the handler may still be running: a retry before then
 * gets 409, after it runs the handler again, so a handler must have stopped by then (honour
 * `timeoutSignal(req)`).
 *
 * @example
 * app.use(express.json());
 * app.post('/orders', idempotency({ store: new RedisStore({ url: process.env.REDIS_URL }) }), createOrder);
 * app.use(errorHandler());
 */
export function idempotency<Req extends IncomingMessage = Request>(options: IdempotencyOptions<Req> = {}): IdempotencyMiddleware {
  const config = resolveOptions(options);
  const { store } = config;
  const inProgress = new InProgressLimit(config.maxInProgressPerIdentity);
  // A throwing onError must not leave a request unanswered.
  const report = (error: unknown, req: Req): void => {
    try {
      config.onError?.(error, req);
    } catch {
      // ignored: reporting is best effort
    }
  };

  const reportLost = (req: Req, stored: boolean): undefined => {
    if (!stored) report(new Error('idempotency: the lock expired before the response was stored'), req);
    return undefined;
  };

  const fail = (req: Req, identity: string, error: unknown, next: Next): void => {
    inProgress.leave(identity);
    report(error, req);
    if (config.failOpen) next();
    else next(idempotencyError('idempotency_store_unavailable', config.retryAfter));
  };

  // Stores the response, or gives the key up; a store that answers with a promise holds the
  // response until it settles. Nothing here throws or rejects: failures are reported.
  const finish = (
    req: Req,
    res: ServerResponse,
    key: string,
    fingerprint: string,
    token: string,
    captured: StoredResponse | undefined,
  ): PromiseLike<void> | undefined => {
    try {
      if (captured !== undefined && isStored(config, res, captured.status)) {
        const stored = store.complete(key, token, fingerprint, captured, config.ttlMs);
        if (!isPromiseLike(stored)) return reportLost(req, stored);
        return stored.then(
          (done) => reportLost(req, done),
          (error: unknown) => report(error, req),
        );
      }
      const released = store.release(key, token);
      return isPromiseLike(released) ? released.then(undefined, (error: unknown) => report(error, req)) : undefined;
    } catch (error) {
      report(error, req);
      return undefined;
    }
  };

  const answer = (
    req: Req,
    res: ServerResponse,
    next: Next,
    identity: string,
    key: string,
    fingerprint: string,
    result: ClaimResult,
  ): void => {
    if (result.state === 'claimed') {
      const { token } = result;
      let counted = true;
      // The identity's slot is freed with the claim: now, or when its lock expires for a claim
      // kept (a timed-out handler) or never given back (a response that never ended).
      const leave = (atLockExpiry: boolean): void => {
        if (!counted) return;
        counted = false;
        if (atLockExpiry) setTimeout(() => inProgress.leave(identity), config.lockTimeoutMs).unref();
        else inProgress.leave(identity);
      };
      let capture: ResponseCapture | undefined;
      // `on`, not `once`: Node emits 'close' once per response, and once()'s wrapper costs more.
      res.on('close', () => {
        // Ended, but not through the capture: something called a write()/end() saved before it
        // (an app of another copy of Express swapped the prototype installResponseCapture() set).
        // Nothing was recorded, so the key is given up and a retry runs the handler again.
        if (capture?.ended === false && res.writableEnded) {
          report(new Error('idempotency: the response ended round the capture, so it was not stored; the key is released'), req);
          leave(false);
          void finish(req, res, key, fingerprint, token, undefined);
        } else {
          leave(true);
        }
      });
      const onEnd = (captured: StoredResponse | undefined) => {
        const running = handlerMayStillRun(req);
        leave(running);
        if (running) return undefined;
        return finish(req, res, key, fingerprint, token, captured);
      };
      try {
        capture = captureResponse(res, config.replayHeaders, config.maxBodyBytes, onEnd);
      } catch (error) {
        return next(asThrownError(error));
      }
      return next();
    }
    inProgress.leave(identity);
    if (result.fingerprint !== fingerprint) return next(idempotencyError('idempotency_key_reused'));
    if (result.state === 'in_progress') return next(idempotencyError('idempotency_key_in_use', config.retryAfter));
    try {
      writeReplay(res, result.response);
    } catch (error) {
      next(asThrownError(error));
    }
  };

  // Express hands every middleware its own Request, the type `Req` describes.
  return function idempotencyMiddleware(incoming, res, next) {
    const req = incoming as Req;
    if (!config.methods.has(req.method ?? '')) return next();
    const parsed = readIdempotencyKey(req, config.header);
    if (parsed.kind === 'missing') return config.required ? next(idempotencyError('idempotency_key_missing')) : next();
    if (parsed.kind === 'invalid') return next(idempotencyError('idempotency_key_invalid'));
    let identity: string;
    let key: string;
    let fingerprint: string;
    try {
      identity = identityDigest(config.identify(req));
      key = storeKey(identity, parsed.key);
      fingerprint = config.fingerprint(req);
    } catch (error) {
      return next(asThrownError(error));
    }
    // Held from here until the claim is given back; a request that claims nothing gives it back at once.
    if (!inProgress.enter(identity)) return next(inProgressLimitError(config.retryAfter));
    let claimed: MaybePromise<ClaimResult>;
    try {
      claimed = store.claim(key, fingerprint, config.lockTimeoutMs);
    } catch (error) {
      return fail(req, identity, error, next);
    }
    if (!isPromiseLike(claimed)) return answer(req, res, next, identity, key, fingerprint, claimed);
    claimed.then(
      (result) => {
        // Here a throw would be an unhandled rejection and a request left hanging.
        try {
          answer(req, res, next, identity, key, fingerprint, result);
        } catch (error) {
          next(asThrownError(error));
        }
      },
      (error: unknown) => fail(req, identity, error, next),
    );
  };
}
