import type { ErrorStatus } from '../../catalog';
import { LIBRARY_CODES, type LibraryCode } from '../../catalog/codes';
import type { ApiError, ApiErrorOptions } from '../api-error';
import { createError } from '../create-error';
import { isBag, type Bag } from './recognizer';

// body-parser marks its errors with `type`; each gets a status and a code of its own so a client
// can tell malformed JSON from a body that is too large or in the wrong charset.
const BODY_PARSER_ERRORS: Readonly<
  Record<string, { code: LibraryCode | 'content_too_large' | 'forbidden' | 'bad_request'; status: ErrorStatus }>
> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json' },
  'entity.too.large': { status: 413, code: 'content_too_large' },
  'parameters.too.many': { status: 413, code: 'too_many_parameters' },
  'request.aborted': { status: 400, code: 'request_aborted' },
  'request.size.invalid': { status: 400, code: 'bad_request' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset' },
  'encoding.unsupported': { status: 415, code: 'unsupported_content_encoding' },
  'entity.verify.failed': { status: 403, code: 'forbidden' },
};

// Content codings body-parser decodes (RFC 9110 §12.5.3 lists `identity` as always acceptable):
// both majors gzip and deflate; body-parser 2 (Express 5) also br. Its zstd support depends on
// the Node build and its minor version, so it is never promised.
const DECODED_BY_ALL = ['gzip', 'deflate', 'identity'] as const;
const DECODED_BY_2 = ['gzip', 'deflate', 'br', 'identity'] as const;
// `inflate: false`: body-parser then takes only unencoded bodies, and says so in this message.
const INFLATE_OFF_MESSAGE = 'content encoding unsupported';
// body-parser 2 throws from this function, body-parser 1 from `contentstream`; the stack is the
// only trace of the major on the error (without a stack we promise what both decode).
const BODY_PARSER_2_FRAME = 'at createDecompressionStream ';

/** The codings the body-parser that threw this error decodes. */
function decodedEncodings(error: Bag): readonly string[] {
  if (error.message === INFLATE_OFF_MESSAGE) return ['identity'];
  return typeof error.stack === 'string' && error.stack.includes(BODY_PARSER_2_FRAME) ? DECODED_BY_2 : DECODED_BY_ALL;
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

/** body-parser's (and so `express.json()`'s) failures, by their `type`. */
export function recognizeBodyParser(error: unknown): ApiError | undefined {
  if (!isBag(error) || typeof error.type !== 'string') return undefined;
  const type = error.type;
  if (!Object.prototype.hasOwnProperty.call(BODY_PARSER_ERRORS, type)) return undefined;
  const known = BODY_PARSER_ERRORS[type];
  if (known === undefined) return undefined;
  const options: ApiErrorOptions & { acceptEncoding?: readonly string[] } = {
    code: known.code,
    cause: bodyParserCause(error, type),
    captureStack: false,
    acceptEncoding: known.code === 'unsupported_content_encoding' ? decodedEncodings(error) : undefined,
  };
  const message = known.code in LIBRARY_CODES ? LIBRARY_CODES[known.code as LibraryCode].message : undefined;
  return createError(known.status, message, options);
}
