import type { ServerResponse } from 'node:http';

/**
 * Answers 204 No Content: no body and no `Content-Length` (RFC 9110 §8.6), and none of the
 * content headers an earlier middleware may have set for a body that will not come.
 *
 * @example
 * router.delete('/users/:id', (req, res) => {
 *   store.delete(req.params.id);
 *   noContent(res);
 * });
 */
export function noContent(res: ServerResponse): void {
  res.statusCode = 204;
  for (const name of ['Content-Length', 'Content-Type', 'Transfer-Encoding']) res.removeHeader(name);
  res.end();
}
