import { CODE_PATTERN, getStatusInfo, resolveStatusInfo, type ErrorStatus } from '../catalog';
import type { ApiError, ApiErrorOptions } from '../errors/api-error';
import { createError } from '../errors/create-error';
import { ValidationError } from '../errors/validation-error';
import { isValidRequestId } from '../headers/request-id-syntax';
import { readBodyText, type BodyText } from './read-body';
import { attachResponseInfo, type ResponseError } from './response-error';
import { parseHttpDate, parseRetryAfter } from './retry-after';

/** A class to build for an error code: `(message, { code, details })` in, an `ApiError` out. */
export type ErrorClass = new (message?: string, options?: ApiErrorOptions) => ApiError;

/** Options of {@link parseErrorResponse}. */
export interface ParseErrorOptions {
  /**
   * Classes for your own error codes, tried before the class of the status. A class is used only
   * when its status is the response's. `validation_error` maps to `ValidationError` already.
   */
  readonly errorClasses?: Readonly<Record<string, ErrorClass>>;
  /** Response header carrying the request id when the body has none. Default `X-Request-Id`. */
  readonly requestIdHeader?: string;
  /** Longest error body read, in bytes; a longer one is not parsed. Default 1 MiB. */
  readonly maxErrorBodyBytes?: number;
}

/** The parts of an error body we understood. */
interface ErrorFields {
  readonly message: string | undefined;
  readonly code: string | undefined;
  readonly details: unknown;
  readonly requestId: string | undefined;
  readonly body: unknown;
  /** The page documenting the code: the envelope's `doc_url`, or a problem's http(s) `type`. */
  readonly docUrl?: string | undefined;
}

type Bag = Readonly<Record<string, unknown>>;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_CLASSES: Readonly<Record<string, ErrorClass>> = { validation_error: ValidationError as ErrorClass };

const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null && !Array.isArray(value);
// An empty string says nothing: the catalog message (or the header's request id) is better.
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
// Only a link a client can follow is a documentation page (`about:blank` or a tag URI is not).
const webUrl = (value: unknown): string | undefined =>
  typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value) ? value : undefined;

/** Our envelope: `{ error: { code, message, details? }, meta: { request_id } }`. */
function fromEnvelope(body: Bag): ErrorFields | undefined {
  const error = body.error;
  if (!isBag(error) || (text(error.code) === undefined && text(error.message) === undefined)) return undefined;
  return {
    message: text(error.message),
    code: text(error.code),
    details: error.details,
    requestId: isBag(body.meta) ? text(body.meta.request_id) : undefined,
    body,
    docUrl: webUrl(error.doc_url),
  };
}

/** The last path segment of a problem `type` (`.../problems/resource_not_found`), our `problemTypeBase` form. */
function codeOfType(type: string | undefined): string | undefined {
  if (type === undefined || type === 'about:blank') return undefined;
  const segment = type.slice(type.lastIndexOf('/') + 1).split(/[?#]/)[0];
  return segment === '' ? undefined : segment;
}

/**
 * RFC 9457 problem details. Members of the wrong type MUST be ignored (§3.1), so each is read
 * only when it has its own type. Our extensions: `code`, `request_id`, `errors`.
 */
function fromProblem(body: Bag): ErrorFields | undefined {
  const detail = text(body.detail);
  const title = text(body.title);
  const type = text(body.type);
  if (detail === undefined && title === undefined && type === undefined) return undefined;
  return {
    message: detail ?? title,
    code: text(body.code) ?? codeOfType(type),
    details: body.errors,
    requestId: text(body.request_id),
    body,
    docUrl: webUrl(type),
  };
}

/** `{ "message": "...", "code": "..." }` or `{ "error": "..." }`, as many frameworks answer. */
function fromLooseJson(body: Bag): ErrorFields | undefined {
  const message = text(body.message) ?? text(body.error);
  if (message === undefined) return undefined;
  return { message, code: text(body.code), details: undefined, requestId: text(body.request_id), body };
}

function mediaTypeOf(response: Response): string {
  return (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Reads what the body says, or explains in one sentence why it says nothing usable. */
function interpret(read: BodyText, response: Response): ErrorFields {
  const fail = (reason: string): ErrorFields => ({
    message: `${statusLine(response)}: ${reason}`,
    code: undefined,
    details: undefined,
    requestId: undefined,
    body: undefined,
  });
  if (read.kind === 'too_large') return fail(`the response body is larger than ${read.limit} bytes and was not read`);
  if (read.kind === 'unreadable') return fail('the response body could not be read');
  if (read.text.trim() === '') return fail('the response body is empty');
  const media = mediaTypeOf(response);
  const jsonType = media === 'application/json' || media.endsWith('+json');
  // Some proxies label JSON as text/plain or not at all; anything else (text/html) is not JSON.
  if (!jsonType && !((media === '' || media === 'text/plain') && /^\s*[{[]/.test(read.text))) {
    return fail(`the response body is ${media === '' ? 'of no declared type' : media}, not JSON`);
  }
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    return fail('the response body is not valid JSON');
  }
  const fields = isBag(body) ? (fromEnvelope(body) ?? fromProblem(body) ?? fromLooseJson(body)) : undefined;
  return fields ?? { ...fail('the JSON body is neither an error envelope nor problem details'), body };
}

function statusLine(response: Response): string {
  const phrase = getStatusInfo(response.status)?.phrase ?? response.statusText;
  return phrase ? `${response.status} ${phrase}` : `HTTP ${response.status}`;
}

function build(
  status: number,
  fields: ErrorFields,
  retryAfter: number | undefined,
  classes: Readonly<Record<string, ErrorClass>>,
): ApiError {
  // `retryAfter` fills the error's own Retry-After header (413, 429, 503), so a gateway that
  // rethrows this error answers with it too.
  // A code the server sent that is not snake_case is dropped (the class's default is used): the
  // error classes throw on one, and parsing a response never throws.
  const code = fields.code !== undefined && CODE_PATTERN.test(fields.code) ? fields.code : undefined;
  const options = { code, details: fields.details, retryAfter };
  const expected = resolveStatusInfo(status).status;
  const Custom = fields.code === undefined ? undefined : Object.hasOwn(classes, fields.code) ? classes[fields.code] : undefined;
  if (Custom !== undefined && !(Custom === ValidationError && !Array.isArray(fields.details))) {
    try {
      const error = new Custom(fields.message, options);
      if (error.status === expected) return error;
    } catch {
      // A user class that throws on unexpected input falls back to the class of the status.
    }
  }
  return createError(status as ErrorStatus, fields.message, options);
}

const safeRequestId = (value: string | null | undefined): string | undefined => (isValidRequestId(value) ? value : undefined);

/**
 * Turns an error response into the matching typed error class: our envelope or RFC 9457 problem
 * details become the class of the status (`NotFoundError`, ...) with the `code`, `message` and
 * `details` the server sent, plus `requestId`, `retryAfter` (seconds), `body` and the `response`.
 * Anything else (a proxy's HTML page, an empty or truncated body, invalid JSON) becomes the class
 * of its status with a message saying what was wrong. It never throws.
 *
 * A 4xx or 5xx the catalog does not hold (499, 520) becomes a plain `ApiError` of that status with
 * the code the body names (else its class's x00 code: RFC 9110 §15 has clients read unknown codes
 * by class); any other status becomes an `InternalServerError`.
 *
 * @example
 * const response = await fetch('/api/users/42');
 * if (!response.ok) throw await parseErrorResponse(response);
 */
export async function parseErrorResponse(response: Response, options: ParseErrorOptions = {}): Promise<ResponseError> {
  const headers = response.headers;
  // Dates in Retry-After are read against the server's clock when it sent one: the client's may be off.
  const serverNow = parseHttpDate(headers.get('Date') ?? '');
  const retryAfter = parseRetryAfter(headers.get('Retry-After'), serverNow ?? Date.now());
  const read = await readBodyText(response, options.maxErrorBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const fields = interpret(read, response);
  const classes = options.errorClasses === undefined ? DEFAULT_CLASSES : { ...DEFAULT_CLASSES, ...options.errorClasses };
  const error = build(response.status, fields, retryAfter, classes);
  return attachResponseInfo(error, {
    // Shown to users and logged: an unsafe id (CR/LF, controls, over 128 characters) is dropped.
    requestId: safeRequestId(fields.requestId) ?? safeRequestId(headers.get(options.requestIdHeader ?? 'X-Request-Id')),
    retryAfter,
    response,
    body: fields.body,
    attempts: 1,
    docUrl: fields.docUrl,
  });
}
