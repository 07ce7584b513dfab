import type { ServerResponse } from 'node:http';
import type { StoredResponse } from './store';

/** The header that marks a replayed response (Stripe's name, which clients already read). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Writes a stored response again: same status line, same stored headers, same body bytes, plus
 * `Idempotent-Replayed: true`. Headers set earlier for this request (its request id) stay.
 */
export function writeReplay(res: ServerResponse, stored: StoredResponse): void {
  res.statusCode = stored.status;
  if (stored.statusMessage !== undefined) res.statusMessage = stored.statusMessage;
  for (const [name, value] of stored.headers) res.setHeader(name, value);
  res.setHeader(REPLAYED_HEADER, 'true');
  if (stored.status !== 204 && stored.status !== 304) res.setHeader('Content-Length', stored.body.length);
  res.end(stored.body);
}
