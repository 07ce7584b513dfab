import type { IncomingMessage } from 'node:http';
import accepts from 'accepts';
import { ENVELOPE_MEDIA_TYPE } from './envelope';
import { PROBLEM_MEDIA_TYPE } from './problem-details';

/** How errors are written: our envelope, RFC 9457 problem details, or chosen by `Accept`. */
export type ErrorFormat = 'envelope' | 'problem' | 'negotiate';

// Order matters: on a tie (`*/*`, `application/*`, a browser's Accept) the envelope wins.
const MEDIA_TYPES = [ENVELOPE_MEDIA_TYPE, PROBLEM_MEDIA_TYPE];

/**
 * True when the error should be written as problem details: always for `problem`, never for
 * `envelope`, and for `negotiate` when the request's `Accept` prefers `application/problem+json`.
 */
export function prefersProblemDetails(format: ErrorFormat, req: IncomingMessage): boolean {
  if (format !== 'negotiate') return format === 'problem';
  const accept = req.headers.accept;
  if (accept === undefined || accept === '*/*') return false;
  return accepts(req).type(MEDIA_TYPES) === PROBLEM_MEDIA_TYPE;
}
