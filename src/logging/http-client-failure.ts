import { safeUrl } from './safe-url';

/** The HTTP clients whose errors are recognised by shape. */
export type HttpClientName = 'axios' | 'got' | 'ky' | 'ofetch' | 'node-fetch';

/**
 * What an outgoing HTTP call's error says about the call, safe to log: where it went (method,
 * origin and path) and how it ended (upstream status, error code). Its config, headers, bodies
 * and the query string are not part of it.
 */
export interface HttpClientFailure {
  /** The client, when its error has a shape we know; `undefined` for another error with an upstream `response`. */
  readonly client: HttpClientName | undefined;
  readonly method: string | undefined;
  /** Origin and path of the request, no userinfo, query or fragment. */
  readonly url: string | undefined;
  /** The status the upstream answered with. */
  readonly status: number | undefined;
  /** `ECONNREFUSED`, `ETIMEDOUT`, `ERR_BAD_REQUEST`...: the error's own code, else the nearest one down its cause chain. */
  readonly code: string | undefined;
  /** True when the call ran out of time (a 504 rather than a 502). */
  readonly timeout: boolean;
}

type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null;
const statusOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 999 ? value : undefined;
const METHOD = /^[A-Za-z]{1,20}$/;
const methodOf = (value: unknown): string | undefined =>
  typeof value === 'string' && METHOD.test(value) ? value.toUpperCase() : undefined;
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const codeText = (value: unknown): string | undefined => (typeof value === 'string' && CODE.test(value) ? value : undefined);

// axios and got time out with these codes (axios: ECONNABORTED for its `timeout`).
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);
// ky 1 had no `isKyError` marker: these names with a fetch `Request` are its errors.
const KY_NAMES = new Set(['HTTPError', 'TimeoutError', 'NetworkError']);

/** The error's own string code, else the nearest one in its cause chain (fetch hides `ECONNREFUSED` two causes down). */
function codeOf(error: Bag): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && isBag(current); depth += 1) {
    const code = codeText(current.code);
    if (code !== undefined) return code;
    current = current.cause;
  }
  return undefined;
}

function clientOf(error: Bag): HttpClientName | undefined {
  if (error.isAxiosError === true) return 'axios';
  // got's RequestError and its subclasses (HTTPError, TimeoutError, ReadError...) all set these.
  if ('timings' in error && 'options' in error && typeof error.code === 'string') return 'got';
  const name = error.name;
  if (name === 'FetchError') return typeof error.type === 'string' ? 'node-fetch' : 'ofetch';
  if (error.isKyError === true) return 'ky';
  if (typeof name === 'string' && KY_NAMES.has(name)) {
    const request = error.request;
    if (isBag(request) && typeof request.url === 'string' && typeof request.method === 'string') return 'ky';
  }
  return undefined;
}

// axios joins `baseURL` and `url` by string (`combineURLs`), not by URL resolution: `/items` on
// `https://api/v1/` is `https://api/v1/items`.
function axiosUrl(config: Bag): string | undefined {
  const url = typeof config.url === 'string' ? config.url : '';
  const base = config.baseURL;
  const absolute = /^([a-z][a-z\d+\-.]*:)?\/\//i.test(url) && config.allowAbsoluteUrls !== false;
  if (typeof base !== 'string' || base === '' || absolute) return url === '' ? undefined : safeUrl(url);
  return safeUrl(url === '' ? base : `${base.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}`);
}

type Call = Pick<HttpClientFailure, 'method' | 'url' | 'status'>;

function callOf(client: HttpClientName | undefined, error: Bag): Call {
  const response = isBag(error.response) ? error.response : undefined;
  switch (client) {
    case 'axios': {
      const config = isBag(error.config) ? error.config : {};
      return { method: methodOf(config.method), url: axiosUrl(config), status: statusOf(response?.status) ?? statusOf(error.status) };
    }
    case 'got': {
      const options = isBag(error.options) ? error.options : {};
      return {
        method: methodOf(options.method),
        url: safeUrl(options.url) ?? safeUrl(response?.url),
        status: statusOf(response?.statusCode),
      };
    }
    case 'ky': {
      const request = isBag(error.request) ? error.request : {};
      return { method: methodOf(request.method), url: safeUrl(request.url), status: statusOf(response?.status) };
    }
    case 'ofetch': {
      const request = error.request;
      const options = isBag(error.options) ? error.options : undefined;
      const fromRequest = isBag(request) ? request : undefined;
      return {
        // ofetch's default method is GET; its `options` are present on every error it throws.
        method: methodOf(options?.method) ?? methodOf(fromRequest?.method) ?? (options === undefined ? undefined : 'GET'),
        url: safeUrl(typeof request === 'string' ? request : fromRequest?.url),
        status: statusOf(error.status) ?? statusOf(response?.status),
      };
    }
    default:
      return { method: undefined, url: undefined, status: statusOf(response?.status) ?? statusOf(response?.statusCode) };
  }
}

function isTimeout(client: HttpClientName | undefined, error: Bag): boolean {
  const ownCode = codeText(error.code);
  if (ownCode !== undefined && TIMEOUT_CODES.has(ownCode)) return true;
  switch (client) {
    case 'got':
    case 'ky':
      return error.name === 'TimeoutError';
    case 'ofetch':
      // ofetch's `timeout` aborts with `AbortSignal.timeout()`, whose reason is a TimeoutError.
      return isBag(error.cause) && error.cause.name === 'TimeoutError';
    case 'node-fetch':
      return error.type === 'request-timeout';
    default:
      return false;
  }
}

/**
 * What an outgoing HTTP call's error says about the call: axios, got, ky, ofetch and node-fetch
 * errors by their shape, and any other error carrying an upstream `response` with a status
 * (superagent and most others). `undefined` for everything else. Never throws.
 */
export function readHttpClientFailure(error: unknown): HttpClientFailure | undefined {
  if (!isBag(error)) return undefined;
  let client: HttpClientName | undefined;
  try {
    client = clientOf(error);
    if (client === undefined) {
      const response = error.response;
      if (!isBag(response) || (statusOf(response.status) === undefined && statusOf(response.statusCode) === undefined)) return undefined;
    }
    return { client, ...callOf(client, error), code: codeOf(error), timeout: isTimeout(client, error) };
  } catch {
    // A getter that throws: a known client's error is still one, with nothing more said about
    // it (its properties are not walked for the log either); anything else is not recognised.
    return client === undefined
      ? undefined
      : { client, method: undefined, url: undefined, status: undefined, code: undefined, timeout: false };
  }
}
