import type { ServerResponse } from 'node:http';
import { formatRetryAfter } from '../headers/retry-after';
import { assertLocation } from './location';
import { sendJson } from './send-json';

/** Options of {@link accepted}. */
export interface AcceptedOptions {
  /** URL of the status monitor the client polls, sent as `Location` and in the default body. */
  readonly statusUrl: string;
  /** When to poll again, sent as `Retry-After` (seconds or a Date). */
  readonly retryAfter?: number | Date;
  /** The body; default `{ data: { status: 'pending', status_url } }`. */
  readonly body?: unknown;
}

/**
 * Answers 202 Accepted for work that goes on in the background: the body describes the current
 * status and points to a status monitor (RFC 9110 §15.3.3), also named by `Location`, with an
 * optional `Retry-After` telling the client when to poll it.
 *
 * @example
 * router.post('/extractions', (req, res) => {
 *   const job = jobs.start(req.body);
 *   accepted(res, { statusUrl: `/extractions/${job.id}`, retryAfter: 5 });
 * });
 */
export function accepted(res: ServerResponse, options: AcceptedOptions): void {
  const statusUrl = assertLocation(options.statusUrl);
  res.setHeader('Location', statusUrl);
  const retryAfter = options.retryAfter === undefined ? undefined : formatRetryAfter(options.retryAfter);
  if (retryAfter !== undefined) res.setHeader('Retry-After', retryAfter);
  sendJson(res, 202, options.body === undefined ? { data: { status: 'pending', status_url: statusUrl } } : options.body);
}
