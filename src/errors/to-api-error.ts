import { CODE_PATTERN, isErrorStatus, type ErrorStatus } from '../catalog';
import { LIBRARY_CODES, type LibraryCode } from '../catalog/codes';
import { isApiError, type ApiError, type ApiErrorOptions } from './api-error';
import { createError } from './create-error';

// body-parser marks its errors with `type`; each gets a status and a code of its own so a client
// can tell malformed JSON from a body that is too large or in the wrong charset.
const BODY_PARSER_ERRORS: Readonly<Record<string, { code: LibraryCode | 'content_too_large' | 'forbidden' | 'bad_request'; status: ErrorStatus }>> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json' },
  'entity.too.large': { status: 413, code: 'content_too_large' },
  'parameters.too.many': { status: 413, code: 'too_many_parameters' },
  'request.aborted': { status: 400, code: 'request_aborted' },
  'request.size.invalid': { status: 400, code: 'bad_request' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset' },
  'encoding.unsupported': { status: 415, code: 'unsupported_content_encoding' },
  'entity.verify.failed': { status: 403, code: 'forbidden' },
};

// Content codings both body-parser 1 (Express 4) and 2 (Express 5) decode.
const DECODED_ENCODINGS = ['gzip', 'deflate', 'identity'] as const;

type Bag = Record<string, unknown>;

function integerStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

// body-parser keeps the raw body on `body`, and V8 quotes it in JSON syntax messages: neither
// may reach the log (RFC 9110 §17.4: a login body carries a password). The cause keeps only the
// fields that say what went wrong.
const BODY_PARSER_FIELDS = ['limit', 'length', 'expected', 'received', 'charset', 'encoding'] as const;

function bodyParserCause(error: Bag, type: string): Record<string, unknown> {
  const cause: Record<string, unknown> = { type };
  for (const field of BODY_PARSER_FIELDS) {
    const value = error[field];
    if (typeof value === 'number') cause[field] = value;
    else if (typeof value === 'string') cause[field] = value.slice(0, 64);
  }
  return cause;
}

function fromBodyParser(error: Bag, type: string): ApiError | undefined {
  if (!Object.prototype.hasOwnProperty.call(BODY_PARSER_ERRORS, type)) return undefined;
  const known = BODY_PARSER_ERRORS[type];
  if (known === undefined) return undefined;
  const options: ApiErrorOptions & { acceptEncoding?: readonly string[] } = {
    code: known.code,
    cause: bodyParserCause(error, type),
    captureStack: false,
    acceptEncoding: known.code === 'unsupported_content_encoding' ? DECODED_ENCODINGS : undefined,
  };
  const message = known.code in LIBRARY_CODES ? LIBRARY_CODES[known.code as LibraryCode].message : undefined;
  return createError(known.status, message, options);
}

// Boom keeps its status and headers under `output`.
function statusAndHeadersOf(error: Bag): { status: number | undefined; headers: unknown; message: unknown } {
  if (error.isBoom === true && typeof error.output === 'object' && error.output !== null) {
    const output = error.output as Bag;
    const payload = (output.payload ?? {}) as Bag;
    return { status: integerStatus(output.statusCode), headers: output.headers, message: payload.message };
  }
  return {
    status: integerStatus(error.status) ?? integerStatus(error.statusCode),
    headers: error.headers,
    message: error.message,
  };
}

// An HTTP client's error carries the status an upstream answered with, not one meant for our
// client: an unhandled upstream 401 or 404 must not tell the caller its own credentials or URL
// are wrong. It is a 502 (a 504 when the upstream did not answer in time).
const CLIENT_TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

function fromHttpClient(error: Bag): ApiError {
  const timeout = typeof error.code === 'string' && CLIENT_TIMEOUT_CODES.has(error.code);
  return createError(timeout ? 504 : 502, undefined, { cause: error, captureStack: false });
}

// axios marks its errors; ofetch (`FetchError`), got and ky (`HTTPError`) name them; superagent
// and most others hang the upstream's response on the error.
const HTTP_CLIENT_ERROR_NAMES = new Set(['FetchError', 'HTTPError']);

function isHttpClientError(error: Bag): boolean {
  if (error.isAxiosError === true || HTTP_CLIENT_ERROR_NAMES.has(error.name as string)) return true;
  const response = error.response;
  if (typeof response !== 'object' || response === null) return false;
  const upstream = response as Bag;
  return typeof upstream.status === 'number' || typeof upstream.statusCode === 'number';
}

function fromObject(error: Bag): ApiError {
  if (typeof error.type === 'string') {
    const parsed = fromBodyParser(error, error.type);
    if (parsed !== undefined) return parsed;
  }
  if (isHttpClientError(error)) return fromHttpClient(error);
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
    headers: typeof headers === 'object' && headers !== null ? (headers as ApiErrorOptions['headers']) : undefined,
  });
}

// An ApiError from this or another copy of the package is taken as it is, provided it still has
// the shape the handler relies on (a hand-built `Object.create(ApiError.prototype)` does not).
function isWellFormed(error: ApiError): boolean {
  return (
    isErrorStatus(error.status) &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    typeof error.headers === 'object' &&
    error.headers !== null
  );
}

function convert(value: unknown): ApiError {
  if (isApiError(value)) return isWellFormed(value) ? value : createError(500, undefined, { cause: value, captureStack: false });
  if (typeof value === 'object' && value !== null) return fromObject(value as Bag);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599) {
    return createError(value as ErrorStatus, undefined, { captureStack: false });
  }
  return createError(500, undefined, { cause: value, captureStack: false });
}

/**
 * Turns anything thrown into an `ApiError`: this library's errors as they are; http-errors,
 * Boom and anything with a valid `status`/`statusCode` keeping their status, `expose` and
 * headers; body-parser failures with codes of their own; an axios error (an upstream's status,
 * not ours) as a 502, or a 504 on a timeout; a status outside 400-599, a plain
 * Error, an AggregateError, a string or any other value as a 500 whose `cause` is the original.
 * Never throws.
 */
export function toApiError(value: unknown): ApiError {
  try {
    return convert(value);
  } catch {
    // A hostile value (a throwing getter, a revoked Proxy) must still get an answer.
    return createError(500, undefined, { captureStack: false });
  }
}
