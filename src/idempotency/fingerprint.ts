import * as crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createError } from '../errors/create-error';
import { sha256 } from './digest';

/** A request as the fingerprint sees it: a body parser has set `body`, Express `originalUrl`. */
export type FingerprintedRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

function bodyBytes(body: unknown): string | Buffer {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  try {
    return JSON.stringify(body) ?? '';
  } catch (error) {
    // JSON.parse reads nesting that JSON.stringify's recursion cannot write back (V8 overflows its
    // stack around 10 000 levels): the client's body, not a server fault. Anything else (a BigInt,
    // a cycle) was put there by the app and stays a 500.
    if (error instanceof RangeError) throw tooDeep(error);
    throw error;
  }
}

function tooDeep(cause: RangeError) {
  return createError(413, 'The request body is nested too deeply to be processed; this is permanent: send a flatter body.', { cause });
}

/**
 * The default request fingerprint: SHA-256 of the method, the path with its query string and the
 * parsed body (draft-06 §2.4: "a checksum of the request payload"). A body parser must run first;
 * JSON bodies are hashed as parsed, so a retry has to send the same fields in the same order.
 * A body nested too deeply to serialise throws a 413 `content_too_large` (a client error).
 *
 * @example
 * fingerprintRequest(req); // 'q3Kx...' (43 base64url characters)
 */
export function fingerprintRequest(req: FingerprintedRequest): string {
  const head = `${req.method ?? ''}\n${req.originalUrl ?? req.url ?? ''}\n`;
  const body = bodyBytes(req.body);
  if (typeof body === 'string') return sha256(head + body);
  // A Buffer body is hashed where it lies, not copied behind the head.
  return crypto.createHash('sha256').update(head).update(body).digest('base64url');
}
