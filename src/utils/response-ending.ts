import type { ServerResponse } from 'node:http';

const ENDING = Symbol.for('express-api-errors.responseEnding');

/** Marks a response whose `end()` was called but is held back (its head already sent). */
export function markResponseEnding(res: ServerResponse): void {
  (res as ServerResponse & { [ENDING]?: true })[ENDING] = true;
}

/** True when the app has ended the response, even if the bytes have not all left yet. */
export function isResponseEnding(res: ServerResponse): boolean {
  return res.writableEnded || (res as ServerResponse & { [ENDING]?: true })[ENDING] === true;
}
