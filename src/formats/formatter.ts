import type { IncomingMessage } from 'node:http';
import { isValidHeaderName } from '../headers/safe-header';
import type { ErrorView } from './error-view';
import { isValidMediaType } from './media-type';

/** What an {@link ErrorFormatter} returns. */
export interface FormattedError {
  /**
   * The body: a string is written as it is (already serialized: plain text, XML, your own JSON);
   * anything else (a plain object, an array, a number...) with `JSON.stringify`. A value JSON
   * cannot write (a BigInt, a cycle, a function) is a failure of the formatter.
   */
  readonly body: string | number | boolean | object | null;
  /**
   * Its `Content-Type`: `type/subtype` with optional parameters (RFC 9110 §8.3.1), such as
   * `application/vnd.api+json`. An invalid one is a failure of the formatter.
   */
  readonly type: string;
  /**
   * The request headers the choice of body depended on, added to `Vary` (RFC 9110 §12.5.5):
   * `['Accept']` when the formatter negotiates on `Accept`, `['Accept-Language']` when it
   * translates. Default: none, as the body depends on nothing the client sent.
   */
  readonly vary?: readonly string[];
}

/**
 * An app's own error body: gets the computed view of the error, already masked (a 5xx not created
 * with `expose: true` carries the catalog's message and no details), and the request, to read
 * `Accept` or a path; returns the body and its media type. Synchronous. The status and headers,
 * masking, logging and metrics stay the handler's. If it throws or returns something invalid, the
 * handler logs the failure and answers with the default envelope.
 */
export type ErrorFormatter = (view: ErrorView, req: IncomingMessage) => FormattedError;

/** A formatter's result, checked and serialized. */
export interface CheckedRepresentation {
  readonly body: string;
  readonly type: string;
  readonly vary: readonly string[] | undefined;
}

/** Why a formatter's result was refused: said in the log line, never to the client. */
export class FormatterResultError extends Error {
  override readonly name = 'FormatterResultError';
}

function varyOf(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 16 || !value.every((name: unknown) => typeof name === 'string' && isValidHeaderName(name))) {
    throw new FormatterResultError('`vary` must be an array of at most 16 header names');
  }
  return value.length === 0 ? undefined : (value as readonly string[]);
}

/**
 * Runs `formatter` and checks what it returned: an object with a valid media type, a body JSON can
 * write (or a string), and valid header names in `vary`. Throws what the formatter throws, or a
 * {@link FormatterResultError}.
 */
export function runFormatter(formatter: ErrorFormatter, view: ErrorView, req: IncomingMessage): CheckedRepresentation {
  const result: unknown = formatter(view, req);
  if (typeof result !== 'object' || result === null) throw new FormatterResultError('a formatter must return { body, type }');
  if (typeof (result as { then?: unknown }).then === 'function')
    throw new FormatterResultError('a formatter must be synchronous, not return a promise');
  const { body, type, vary } = result as { body?: unknown; type?: unknown; vary?: unknown };
  if (!isValidMediaType(type)) throw new FormatterResultError('`type` must be a media type such as application/json');
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // JSON.stringify gives undefined for undefined, a function or a symbol: there is no body to write.
  if (typeof text !== 'string') throw new FormatterResultError('`body` must be a string or a JSON value');
  return { body: text, type, vary: varyOf(vary) };
}
