import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../src';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

// A request has content when it is chunked or declares a non-zero length (RFC 9112 §6.3);
// `curl -X POST` with no data sends neither.
function hasContent(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * 415 for a request body that is not JSON, the only type the example's routes read, with
 * `Accept: application/json` naming the one they take (RFC 9110 §15.5.16). Without it a form
 * body would be read as an empty object and answered with misleading 400 "name is required".
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!WITH_BODY.has(req.method) || !hasContent(req) || req.is('application/json') !== false) return next();
  next(new UnsupportedMediaTypeError('Send the request body as application/json.', { accept: ['application/json'] }));
}
