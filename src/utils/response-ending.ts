import type { ServerResponse } from 'node:http';
import { getState, RESPONSE_ENDING, setState } from '../request-state';

/** Marks a response whose `end()` was called but is held back (its head already sent). */
export function markResponseEnding(res: ServerResponse): void {
  setState(res, RESPONSE_ENDING, true);
}

/** True when the app has ended the response, even if the bytes have not all left yet. */
export function isResponseEnding(res: ServerResponse): boolean {
  return res.writableEnded || getState(res, RESPONSE_ENDING) === true;
}
