import { NetworkError, TimeoutError } from './client-errors';
import type { FetchBody, FetchHeaders } from './fetch-types';
import { formatIdempotencyKey, generateIdempotencyKey } from './idempotency-key';
import { linkSignal } from './linked-signal';
import { parseErrorResponse, type ErrorClass } from './parse-error-response';
import { setAttempts, type ResponseError } from './response-error';
import { resolveRetryPolicy, retryDelay, type RetryOptions, type RetryPolicy } from './retry-policy';
import type { StatusEvent } from './status-distribution';

/** A query parameter value; arrays repeat the parameter, `undefined` and `null` leave it out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Options of one call; each overrides the client's own. */
export interface RequestOptions {
  /** A JSON body: serialized, with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** A raw body. A stream cannot be sent twice, so a call with one is never retried. */
  readonly body?: FetchBody;
  /** Query parameters added to the URL. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Headers of this call, over the client's. */
  readonly headers?: FetchHeaders;
  /** Aborts the call, retries and waits included; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Per-attempt time limit in ms, or `false` for none. */
  readonly timeoutMs?: number | false;
  /** Time limit of the whole call in ms (attempts and waits), or `false` for none. */
  readonly deadlineMs?: number | false;
  /** The Idempotency-Key of a POST or PATCH; `false` sends none (and so never retries it). */
  readonly idempotencyKey?: string | false;
  /** Retry settings of this call, over the client's. */
  readonly retry?: RetryOptions | number | false;
}

/** A call without a body. */
export type BodilessRequestOptions = Omit<RequestOptions, 'json' | 'body'>;

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Base URL of the API; call paths are appended to it (`https://api.example.com/v1` + `/users`). */
  readonly baseUrl: string | URL;
  /** Headers sent on every call, or a function giving them per call (a fresh access token). */
  readonly headers?: FetchHeaders | (() => FetchHeaders | Promise<FetchHeaders>);
  /** Retry settings, or a number of retries, or `false`. Default: 2 retries, see {@link RetryOptions}. */
  readonly retry?: RetryOptions | number | false;
  /** Per-attempt time limit in ms, or `false`. Default `10_000`. */
  readonly timeoutMs?: number | false;
  /** Time limit of a whole call in ms, retries and waits included, or `false`. Default `60_000`. */
  readonly deadlineMs?: number | false;
  /** The fetch to use. Default: the global `fetch` (browsers, Node 18+, edge runtimes). */
  readonly fetch?: typeof fetch;
  /**
   * Idempotency-Key for POST and PATCH: `true` generates a UUID per call (reused by its retries),
   * a function generates keys your way, `false` sends none. Default `true`.
   */
  readonly idempotencyKey?: boolean | (() => string);
  /** Called once per attempt with its outcome, for monitoring; see `createStatusDistribution`. */
  readonly onStatus?: (event: StatusEvent) => void;
  /** Classes for your own error codes; see `parseErrorResponse`. */
  readonly errorClasses?: Readonly<Record<string, ErrorClass>>;
  /** Response header of the request id. Default `X-Request-Id`. */
  readonly requestIdHeader?: string;
  /** Longest error body read, in bytes; see `parseErrorResponse`. Default 1 MiB. */
  readonly maxErrorBodyBytes?: number;
}

/** A typed API client: each method resolves with the parsed JSON body or throws a typed error. */
export interface Client {
  /** Any method. */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T = unknown>(path: string, options?: BodilessRequestOptions): Promise<T>;
  post<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  put<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  patch<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
}

// RFC 9110 §9.2.2: repeating these has the effect of sending them once.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
const ABSOLUTE = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;
const IN_USE_CODE = 'idempotency_key_in_use';
const DEFAULT_ACCEPT = 'application/json, application/problem+json';

function buildUrl(base: string, path: string, query: RequestOptions['query']): string {
  // Default headers (tokens) must not follow a path to another origin.
  if (ABSOLUTE.test(path)) throw new TypeError(`Client paths are relative to baseUrl; got "${path}"`);
  // A malformed URL fails here, once, rather than as a "network error" retried in vain.
  new URL(`${base}/`, (globalThis as { location?: { href: string } }).location?.href);
  let url = `${base}${path.startsWith('/') || path === '' ? '' : '/'}${path}`;
  if (query !== undefined) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
    }
    const search = params.toString();
    if (search !== '') url += `${url.includes('?') ? '&' : '?'}${search}`;
  }
  return url;
}

function isStream(body: unknown): boolean {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
}

function limit(value: number | false | undefined, fallback: number | false): number | undefined {
  const chosen = value === undefined ? fallback : value;
  return chosen === false || !(chosen > 0) || chosen === Infinity ? undefined : chosen;
}

function safely<A>(hook: ((arg: A) => void) | undefined, arg: A): void {
  if (hook === undefined) return;
  try {
    hook(arg);
  } catch {
    // A monitoring hook must never change the outcome of a call.
  }
}

async function readSuccess(response: Response, method: string): Promise<unknown> {
  if (method === 'HEAD' || response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const media = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
  return media === 'application/json' || media.endsWith('+json') ? JSON.parse(text) : text;
}

/** One attempt: a response, or why there is none. */
type Outcome =
  | { readonly kind: 'response'; readonly response: Response; readonly value?: unknown; readonly error?: ResponseError }
  | { readonly kind: 'failed'; readonly error: NetworkError | TimeoutError };

/**
 * Creates a typed client for an API served with `errorHandler()`: error responses (our envelope,
 * RFC 9457 problem details, or a proxy's HTML page) are thrown as the same error classes the
 * server threw, with `code`, `details`, `requestId` and `retryAfter`.
 *
 * Retries network errors, attempt timeouts and 408, 429, 502, 503, 504 with exponential backoff
 * and full jitter, waiting what Retry-After says when the server sends it. GET, HEAD, OPTIONS,
 * PUT and DELETE are always retried; POST and PATCH only with an Idempotency-Key, which the client
 * generates once per call and sends on every attempt.
 *
 * @example
 * const api = createClient({ baseUrl: 'https://api.example.com', headers: { authorization: `Bearer ${token}` } });
 * try {
 *   const user = await api.get<User>('/users/42');
 * } catch (error) {
 *   if (error instanceof NotFoundError) showNotFound();
 *   else throw error;
 * }
 */
export function createClient(options: ClientOptions): Client {
  const base = String(options.baseUrl).replace(/\/+$/, '');
  const parseOptions = {
    errorClasses: options.errorClasses,
    requestIdHeader: options.requestIdHeader,
    maxErrorBodyBytes: options.maxErrorBodyBytes,
  };

  async function headersOf(method: string, call: RequestOptions): Promise<Headers> {
    const defaults = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const headers = new Headers(defaults);
    new Headers(call.headers).forEach((value, name) => headers.set(name, value));
    if (!headers.has('Accept')) headers.set('Accept', DEFAULT_ACCEPT);
    if (call.json !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    if (!IDEMPOTENT.has(method) && !headers.has('Idempotency-Key') && call.idempotencyKey !== false) {
      const auto = options.idempotencyKey ?? true;
      const key = call.idempotencyKey ?? (auto === true ? generateIdempotencyKey() : auto === false ? undefined : auto());
      const value = key === undefined ? undefined : formatIdempotencyKey(key);
      if (value !== undefined) headers.set('Idempotency-Key', value);
      // Only a runtime without Web Crypto goes keyless silently; a bad key given or generated is a bug.
      else if (key !== undefined) throw new TypeError('An Idempotency-Key must be 1-255 printable ASCII characters');
    }
    return headers;
  }

  async function attempt(
    url: string,
    init: RequestInit,
    callSignal: AbortSignal,
    timeout: number | undefined,
    method: string,
  ): Promise<Outcome> {
    const link = linkSignal(callSignal);
    const timer =
      timeout === undefined ? undefined : setTimeout(() => link.controller.abort(new TimeoutError('attempt', timeout)), timeout);
    const fetchFn = options.fetch ?? globalThis.fetch;
    try {
      const response = await fetchFn(url, { ...init, signal: link.signal });
      if (response.ok) return { kind: 'response', response, value: await readSuccess(response, method) };
      const error = await parseErrorResponse(response, parseOptions);
      // The error body is read under the same signal; an abort while reading it is an abort.
      if (link.signal.aborted) throw link.signal.reason;
      return { kind: 'response', response, error };
    } catch (failure) {
      if (callSignal.aborted) throw callSignal.reason;
      if (link.signal.aborted && link.signal.reason instanceof TimeoutError) return { kind: 'failed', error: link.signal.reason };
      if (failure instanceof SyntaxError) throw failure; // a 2xx whose JSON is broken: not worth retrying
      return {
        kind: 'failed',
        error: new NetworkError(`The request to ${url} failed: no response was received.`, { cause: failure, attempts: 1 }),
      };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      link.dispose();
    }
  }

  async function request<T>(rawMethod: string, path: string, call: RequestOptions = {}): Promise<T> {
    const method = rawMethod.toUpperCase();
    const url = buildUrl(base, path, call.query);
    const pathname = path.split('?')[0]!;
    const headers = await headersOf(method, call);
    const body = call.json !== undefined ? JSON.stringify(call.json) : call.body;
    const policy: RetryPolicy = resolveRetryPolicy(options.retry, call.retry);
    const keyed = headers.has('Idempotency-Key');
    const retryable = policy.limit > 0 && (IDEMPOTENT.has(method) || keyed) && !isStream(body);
    const timeout = limit(call.timeoutMs, options.timeoutMs ?? 10_000);
    const deadline = limit(call.deadlineMs, options.deadlineMs ?? 60_000);

    const link = linkSignal(call.signal);
    const started = Date.now();
    const deadlineTimer =
      deadline === undefined ? undefined : setTimeout(() => link.controller.abort(new TimeoutError('deadline', deadline)), deadline);
    // Node's fetch needs `duplex` to send a stream; browsers ignore it.
    const init = { method, headers, body: body ?? null, ...(isStream(body) ? { duplex: 'half' } : {}) } as RequestInit;
    let attempts = 0;
    try {
      for (let number = 1; ; number += 1) {
        attempts = number;
        const sent = Date.now();
        const outcome = await attempt(url, init, link.signal, timeout, method);
        const error = outcome.error;
        const status = outcome.kind === 'response' ? outcome.response.status : 0;
        const code =
          error === undefined ? undefined : 'code' in error ? error.code : error instanceof TimeoutError ? 'timeout' : 'network_error';
        const worthRetrying =
          error !== undefined &&
          retryable &&
          number <= policy.limit &&
          (outcome.kind === 'failed' || policy.statuses.has(status) || (status === 409 && keyed && code === IN_USE_CODE));
        const wait = worthRetrying ? retryDelay(policy, number, 'retryAfter' in error ? error.retryAfter : undefined) : undefined;
        // A wait that would outlast the deadline is pointless: the last error is the better answer.
        const willRetry = wait !== undefined && (deadline === undefined || Date.now() - started + wait.delayMs < deadline);
        safely(options.onStatus, { method, path: pathname, status, code, attempt: number, durationMs: Date.now() - sent, willRetry });
        if (error === undefined) return (outcome as { value: T }).value;
        if (!willRetry) {
          setAttempts(error, number);
          throw error;
        }
        safely(policy.onRetry, {
          method,
          path: pathname,
          attempt: number,
          delayMs: wait.delayMs,
          fromRetryAfter: wait.fromRetryAfter,
          error,
        });
        await policy.sleep(wait.delayMs, link.signal);
      }
    } catch (failure) {
      // The deadline or the caller's signal stops everything, a wait included.
      if (link.signal.aborted) {
        const reason: unknown = link.signal.reason;
        if (reason instanceof TimeoutError) setAttempts(reason, attempts);
        throw reason;
      }
      throw failure;
    } finally {
      if (deadlineTimer !== undefined) clearTimeout(deadlineTimer);
      link.dispose();
    }
  }

  return {
    request,
    get: (path, call) => request('GET', path, call),
    post: (path, call) => request('POST', path, call),
    put: (path, call) => request('PUT', path, call),
    patch: (path, call) => request('PATCH', path, call),
    delete: (path, call) => request('DELETE', path, call),
  };
}
