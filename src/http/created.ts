import type { ServerResponse } from 'node:http';
import { assertLocation } from './location';
import { sendJson } from './send-json';

/**
 * Answers 201 Created with `Location` naming the new resource (RFC 9110 §15.3.2) and a JSON body.
 * The location is validated first ({@link assertLocation}): no CR/LF, no fragment.
 *
 * @example
 * router.post('/users', (req, res) => {
 *   const user = store.create(req.body);
 *   created(res, `/users/${user.id}`, { data: user });
 * });
 */
export function created(res: ServerResponse, location: string, body?: unknown): void {
  res.setHeader('Location', assertLocation(location));
  sendJson(res, 201, body);
}
