import { randomUUID } from 'node:crypto';

/** The request id every server writes, the same way the library generates one. */
export function newRequestId(): string {
  return `req_${randomUUID()}`;
}

/** The path every 404 target requests, and the message its error carries. */
export const USER_ID = 'user_123';
export const NOT_FOUND_MESSAGE = `User ${USER_ID} was not found`;

/** The envelope a hand-written handler writes: the same JSON shape as the library's. */
export function envelope(code: string, message: string, requestId: string): object {
  return { error: { code, message }, meta: { request_id: requestId } };
}

// The success body is padded to the byte length of the 404 envelope, so (c) writes as many bytes as (a).
const SAMPLE_ID = newRequestId();
const errorLength = JSON.stringify(envelope('resource_not_found', NOT_FOUND_MESSAGE, SAMPLE_ID)).length;
const bareLength = JSON.stringify({ data: { id: USER_ID, name: '' }, meta: { request_id: SAMPLE_ID } }).length;
const NAME = 'Ada Lovelace'.padEnd(errorLength - bareLength, '.');

/** A success body of exactly the 404 envelope's size. */
export function successBody(requestId: string): object {
  return { data: { id: USER_ID, name: NAME }, meta: { request_id: requestId } };
}

/** Catalog codes for the statuses the competitors answer, as the library names them. */
export const CODES: Readonly<Record<number, string>> = {
  401: 'authentication_required',
  404: 'resource_not_found',
  429: 'rate_limit_exceeded',
  500: 'internal_error',
};
export const INTERNAL_MESSAGE = 'An unexpected error occurred.';
