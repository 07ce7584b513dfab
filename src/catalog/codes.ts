import type { ErrorStatus } from './index';

/** A registered error code: the status it answers with and its default client message. */
export interface CodeSpec<S extends ErrorStatus = ErrorStatus> {
  readonly status: S;
  readonly message: string;
  /** When a client should expect this code, for generated documentation. */
  readonly description?: string;
}

/**
 * Codes the library itself answers with beyond each status's default code. One line per code;
 * the documentation and the OpenAPI components are generated from this table and the catalog.
 */
export const LIBRARY_CODES = {
  validation_error: {
    status: 400,
    message: 'The request failed validation.',
    description: 'A field is missing, malformed or out of range; `details` lists each problem.',
  },
  malformed_json: { status: 400, message: 'The request body is not valid JSON.', description: 'The JSON body could not be parsed.' },
  request_aborted: {
    status: 400,
    message: 'The request was aborted before its body was read.',
    description: 'The client closed the connection while sending the body.',
  },
  unsupported_charset: {
    status: 415,
    message: 'The request body charset is not supported.',
    description: 'The Content-Type charset is not one the parser reads.',
  },
  unsupported_content_encoding: {
    status: 415,
    message: 'The request body content encoding is not supported.',
    description: 'The Content-Encoding is not one the parser decodes.',
  },
  too_many_parameters: {
    status: 413,
    message: 'The request has too many parameters.',
    description: 'The body has more parameters (urlencoded) or form fields (multipart) than the parser accepts.',
  },
  // Errors of the libraries Express apps use (see src/errors/recognizers)
  invalid_token: {
    status: 401,
    message: 'The access token is invalid or has expired.',
    description: 'The bearer token is malformed, expired, not yet valid or fails verification (RFC 6750 §3.1).',
  },
  csrf_token_invalid: {
    status: 403,
    message: 'The CSRF token is missing or invalid.',
    description: 'The request lacks the anti-CSRF token of its session, or sent a wrong one; reload the form and retry.',
  },
  file_too_large: {
    status: 413,
    message: 'An uploaded file is too large.',
    description: 'An uploaded file exceeds the size limit; `details` names the field.',
  },
  too_many_files: {
    status: 413,
    message: 'Too many files or parts were uploaded.',
    description: 'The multipart body has more files or parts than accepted (too many text fields is `too_many_parameters`).',
  },
  unexpected_file: {
    status: 400,
    message: 'A file was uploaded in an unexpected field.',
    description: 'A file was sent in a field that does not accept files; `details` names the field.',
  },
  malformed_multipart: {
    status: 400,
    message: 'The multipart request body is malformed.',
    description: 'The multipart/form-data body could not be parsed.',
  },
  already_exists: {
    status: 409,
    message: 'A resource with these values already exists.',
    description: 'A unique field (an email, a name) is already taken; `details` names the fields when known.',
  },
  // HTTP semantics (405-504 helpers)
  api_version_retired: {
    status: 426,
    message: 'This API version has been retired.',
    description: 'The requested API version is retired; `Upgrade` and `Link` name the way forward.',
  },
  maintenance: {
    status: 503,
    message: 'The service is down for maintenance.',
    description: 'Planned maintenance; retry after the time in Retry-After.',
  },
  upstream_unavailable: {
    status: 502,
    message: 'An upstream service failed.',
    description: 'A service this API depends on failed or returned an invalid response.',
  },
  upstream_timeout: {
    status: 504,
    message: 'An upstream service did not respond in time.',
    description: 'A service this API depends on did not answer in time.',
  },
  handler_timeout: {
    status: 504,
    message: 'The request took too long to process.',
    description: 'The request exceeded the server time limit; reduce its scope or split it.',
  },
  // Idempotency-Key (IETF draft-06 §2.7)
  idempotency_key_missing: {
    status: 400,
    message: 'This request requires an Idempotency-Key header; this is permanent: send it again with one.',
    description: 'The endpoint requires an Idempotency-Key and none was sent.',
  },
  idempotency_key_invalid: {
    status: 400,
    message:
      'The Idempotency-Key header is malformed; this is permanent: send 1-255 printable ASCII characters, bare or as a quoted string.',
    description: 'The key is not 1-255 printable ASCII characters, bare or as a Structured Field String (its parameters are ignored).',
  },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was used with a different request; this is permanent: use a new key for a new request.',
    description: 'The same key was sent with another method, path or body.',
  },
  idempotency_key_in_use: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; this is temporary: retry after the time in Retry-After.',
    description: 'The first request with this key has not finished; retry after Retry-After.',
  },
  idempotency_store_unavailable: {
    status: 503,
    message: 'The idempotency store is unavailable; this is temporary: retry after the time in Retry-After.',
    description: 'The server cannot guarantee exactly-once processing right now; retry later.',
  },
} as const satisfies Record<string, CodeSpec>;

/** Codes the library answers with beyond the catalog defaults. */
export type LibraryCode = keyof typeof LIBRARY_CODES;
