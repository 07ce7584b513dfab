import { CODE_PATTERN, type ErrorStatus } from '../catalog';
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

function fromBodyParser(error: Bag, type: string): ApiError | undefined {
  const known = BODY_PARSER_ERRORS[type];
  if (known === undefined) return undefined;
  const options: ApiErrorOptions & { acceptEncoding?: readonly string[] } = {
    code: known.code,
    cause: error,
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

function fromObject(error: Bag): ApiError {
  if (typeof error.type === 'string') {
    const parsed = fromBodyParser(error, error.type);
    if (parsed !== undefined) return parsed;
  }
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

function convert(value: unknown): ApiError {
  if (isApiError(value)) return value;
  if (typeof value === 'object' && value !== null) return fromObject(value as Bag);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599) {
    return createError(value as ErrorStatus, undefined, { captureStack: false });
  }
  return createError(500, undefined, { cause: value, captureStack: false });
}

/**
 * Turns anything thrown into an `ApiError`: this library's errors as they are; http-errors,
 * Boom and anything with a valid `status`/`statusCode` keeping their status, `expose` and
 * headers; body-parser failures with codes of their own; a status outside 400-599, a plain
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
