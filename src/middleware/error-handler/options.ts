import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { Challenge } from '../../catalog';
import type { ApiError } from '../../errors/api-error';
import type { ErrorFormatter } from '../../formats/formatter';
import type { ErrorFormat } from '../../formats/negotiate';
import { formatChallenge } from '../../headers/challenge';
import { DEFAULT_UPGRADE, formatUpgrade } from '../../headers/upgrade';
import { isSafeHeaderValue, MAX_HEADER_VALUE_LENGTH } from '../../headers/safe-header';
import type { ErrorRecognizer } from '../../errors/recognizers';
import { defaultLogger, type ErrorLogger, type LogLevel } from '../../logging/logger';
import { createLogSampler, resolveLogSampling, type LogSampler, type LogSamplingOptions } from '../../logging/log-sampling';
import { resolveTracing, type TracingConfig, type TracingOptions } from '../../tracing/tracing-options';
import { resolveReporting, type ErrorReportingOptions, type ReportingConfig } from './report-options';

/** A level per status (`404`), per class (`'4xx'`, `'5xx'`), or a function of the error. */
export type LogLevelOption =
  Readonly<Partial<Record<number | '4xx' | '5xx', LogLevel | 'silent'>>> | ((error: ApiError) => LogLevel | 'silent');

/**
 * Options of {@link errorHandler}. `Req` is the request type `onError` and `shouldReport`
 * receive: Express's `Request` by default.
 */
export interface ErrorHandlerOptions<Req extends IncomingMessage = Request> extends ErrorReportingOptions<Req> {
  /**
   * Response format: `'envelope'` (default), `'problem'` (RFC 9457), `'negotiate'` (problem
   * details when `Accept` prefers them), or an {@link ErrorFormatter}: the app's own body for the
   * masked view of each error, written with the same status, headers, logs and metrics.
   */
  readonly format?: ErrorFormat | ErrorFormatter;
  /** Base URI of problem `type`s (`<base><code>`); default `docsBaseUrl`, else `about:blank`. */
  readonly problemTypeBase?: string;
  /**
   * Base URL of the pages documenting each error code, e.g. `https://api.example.com/docs/errors/`.
   * Every error response then links to `<base><code>`: `Link: <url>; rel="describedby"` (RFC 8288)
   * and `error.doc_url` in the envelope; problem details name it as their `type` (RFC 9457
   * §3.1.1) unless `problemTypeBase` says otherwise. An absolute http(s) URL. Default: none.
   */
  readonly docsBaseUrl?: string;
  /** Logger for errors; `req.log` (pino-http) wins when present. `false` logs nothing. Default: pino to stdout. */
  readonly logger?: ErrorLogger | false;
  /** Log level per status. Default: 5xx `error`, 4xx `warn`. */
  readonly logLevel?: LogLevelOption;
  /**
   * Flood suppression of 4xx log lines: at most `perSecond` (default 10) lines a second for one
   * status, code and route template; the rest are counted and the count written as `suppressed`
   * on the next line of that key (or in a summary line when the flood stops). 5xx are never held
   * back unless `serverErrors: true`. `false` writes every line. Default on.
   */
  readonly logSampling?: false | LogSamplingOptions;
  /** `WWW-Authenticate` for a 401 that names none. Default `Bearer realm="api"`. */
  readonly challenge?: string | Challenge | readonly (string | Challenge)[];
  /**
   * `Upgrade` of a 426 that names no protocol (RFC 9110 §15.5.22: it MUST name one), most
   * preferred first. Default `HTTP/2` (see `DEFAULT_UPGRADE`). Written with `Connection: upgrade`
   * (RFC 9110 §7.8), on HTTP/1.x only: HTTP/2 forbids both fields (RFC 9113 §8.2.2).
   */
  readonly upgrade?: string | readonly string[];
  /**
   * Values for the headers an RFC requires when the error carries none, by header name.
   * Defaults: `Allow`: the methods the app's routes answer for the path, else `""` (RFC 9110
   * §10.2.1 allows an empty list); `Proxy-Authenticate: Basic realm="proxy"`; `Upgrade: HTTP/2`
   * (`upgrade` wins over this).
   */
  readonly requiredHeaders?: Readonly<Record<string, string>>;
  /** `Cache-Control` of error responses; `false` leaves it alone. Default `no-store`. */
  readonly cacheControl?: string | false;
  /** Adds the stack and cause to response bodies. Never on by default; throws when `NODE_ENV=production`. */
  readonly development?: boolean;
  /** Longest header value written; longer ones are dropped and logged. Default 4096. */
  readonly maxHeaderLength?: number;
  /** Add `instance` (the request path) to problem details. Default `true`. */
  readonly problemInstance?: boolean;
  /**
   * The app's own recognizers of foreign errors, tried in order before the built-in ones (see
   * `toApiError`). Each returns an `ApiError` for an error it knows, `undefined` otherwise.
   */
  readonly recognizers?: readonly ErrorRecognizer[];
  /**
   * OpenTelemetry, when `@opentelemetry/api` is installed and a span is active: 5xx recorded on
   * the HTTP server span (status `ERROR`, `error.type` set to the code, the exception as an event),
   * 4xx left `UNSET` as the HTTP semantic conventions say; `trace_id` and `span_id` on every error's
   * log line. `false` turns all of it off (the API is then never loaded). Default `true`.
   */
  readonly tracing?: boolean | TracingOptions;
}

/** The options with their defaults applied, computed once per handler. */
export interface ErrorHandlerConfig {
  /** The built-in format; `'envelope'` with a formatter (its fallback). */
  readonly format: ErrorFormat;
  readonly formatter: ErrorFormatter | undefined;
  readonly problemTypeBase: string | undefined;
  readonly docsBaseUrl: string | undefined;
  readonly logger: (() => ErrorLogger) | undefined;
  readonly levelOf: (error: ApiError) => LogLevel | 'silent';
  /** `undefined` with `logSampling: false` or `logger: false`. */
  readonly logSampler: LogSampler | undefined;
  readonly requiredHeaders: Readonly<Record<string, string>>;
  readonly cacheControl: string | false;
  readonly development: boolean;
  readonly maxHeaderLength: number;
  readonly problemInstance: boolean;
  readonly recognizers: readonly ErrorRecognizer[] | undefined;
  /** `undefined` with `tracing: false`. */
  readonly tracing: TracingConfig | undefined;
  /** `undefined` without `onError`. */
  readonly reporting: ReportingConfig | undefined;
}

const FORMATS = new Set<unknown>(['envelope', 'problem', 'negotiate']);

const VALID_LEVELS = new Set<unknown>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** True for a level the handler can log at, or `'silent'`. */
export function isLogLevel(value: unknown): value is LogLevel | 'silent' {
  return VALID_LEVELS.has(value);
}

function levelResolver(option: LogLevelOption | undefined): (error: ApiError) => LogLevel | 'silent' {
  if (typeof option === 'function') return option;
  const table = option ?? {};
  for (const [key, level] of Object.entries(table)) {
    // A typo here ('warning') would silently lose every log line of that status: fail at startup.
    if (!VALID_LEVELS.has(level)) throw new TypeError(`errorHandler: logLevel ${key} is "${String(level)}", not a pino level or 'silent'`);
  }
  return (error) => table[error.status] ?? table[error.status >= 500 ? '5xx' : '4xx'] ?? (error.status >= 500 ? 'error' : 'warn');
}

function samplerOf(option: false | LogSamplingOptions | undefined, logger: (() => ErrorLogger) | undefined): LogSampler | undefined {
  // Validated even with `logger: false`: a bad option fails at startup whatever the logger.
  const sampling = resolveLogSampling(option);
  if (sampling === undefined || logger === undefined) return undefined;
  // Summaries go to the configured logger: they belong to no single request.
  return createLogSampler(sampling, (level, fields, message) => logger()[level](fields, message));
}

function recognizersOf(option: readonly ErrorRecognizer[] | undefined): readonly ErrorRecognizer[] | undefined {
  if (option === undefined) return undefined;
  if (!Array.isArray(option) || option.some((recognize) => typeof recognize !== 'function')) {
    throw new TypeError('errorHandler: `recognizers` must be an array of functions');
  }
  // A copy: the app mutating its array later must not change what this handler does.
  return option.length === 0 ? undefined : Object.freeze([...(option as readonly ErrorRecognizer[])]);
}

function upgradeOf(options: Pick<ErrorHandlerOptions, 'upgrade' | 'requiredHeaders'>): string {
  const given = options.upgrade ?? options.requiredHeaders?.Upgrade ?? DEFAULT_UPGRADE;
  const upgrade = formatUpgrade(given);
  // A 426 MUST name a protocol (RFC 9110 §15.5.22): refuse a default that names none.
  if (upgrade === undefined) throw new TypeError('errorHandler: `upgrade` must list protocols, each `name` or `name/version` (tokens)');
  return upgrade;
}

function docsBaseUrlOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Written into a Link header between `<` and `>` and into every body: an absolute http(s) URL
  // with nothing that would break out of either.
  if (
    url === undefined ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    !isSafeHeaderValue(value, 1024) ||
    /[<>"\s]/.test(value)
  ) {
    throw new TypeError('errorHandler: `docsBaseUrl` must be an absolute http(s) URL without spaces, quotes, < or >');
  }
  return value;
}

/** Applies defaults; throws on options that must never reach production. */
export function resolveOptions<Req extends IncomingMessage>(options: ErrorHandlerOptions<Req>): ErrorHandlerConfig {
  const development = options.development === true;
  if (development && process.env.NODE_ENV === 'production') {
    throw new Error('errorHandler: development mode exposes stacks and refuses to run with NODE_ENV=production');
  }
  const logger = options.logger;
  const challenge = formatChallenge(options.challenge ?? options.requiredHeaders?.['WWW-Authenticate'] ?? 'Bearer realm="api"');
  // Every 401 MUST carry at least one challenge (RFC 9110 §11.6.1): refuse a default that has none.
  if (challenge === '') throw new TypeError('errorHandler: `challenge` must name at least one auth scheme (a token)');
  // The request-id header is configured once, on requestId(): a second setting here could only disagree.
  if ((options as { requestIdHeader?: unknown }).requestIdHeader !== undefined) {
    throw new TypeError(
      'errorHandler: `requestIdHeader` is no longer an option; set the header on requestId({ header }), which errorHandler reads',
    );
  }
  const format = options.format ?? 'envelope';
  if (typeof format !== 'function' && !FORMATS.has(format)) {
    throw new TypeError(`errorHandler: format must be 'envelope', 'problem', 'negotiate' or a function, not "${String(format)}"`);
  }
  const docsBaseUrl = docsBaseUrlOf(options.docsBaseUrl);
  const loggerOf = logger === false ? undefined : logger === undefined ? defaultLogger : () => logger;
  return {
    format: typeof format === 'function' ? 'envelope' : format,
    formatter: typeof format === 'function' ? format : undefined,
    problemTypeBase: options.problemTypeBase ?? docsBaseUrl,
    docsBaseUrl,
    logger: loggerOf,
    levelOf: levelResolver(options.logLevel),
    logSampler: samplerOf(options.logSampling, loggerOf),
    requiredHeaders: {
      Allow: '',
      'Proxy-Authenticate': 'Basic realm="proxy"',
      ...options.requiredHeaders,
      'WWW-Authenticate': challenge,
      Upgrade: upgradeOf(options),
    },
    cacheControl: options.cacheControl ?? 'no-store',
    development,
    maxHeaderLength: options.maxHeaderLength ?? MAX_HEADER_VALUE_LENGTH,
    problemInstance: options.problemInstance ?? true,
    recognizers: recognizersOf(options.recognizers),
    tracing: resolveTracing(options.tracing),
    reporting: resolveReporting(options),
  };
}
