import type { IncomingMessage } from 'node:http';
import accepts from 'accepts';
import { NotAcceptableError } from '../errors/http-errors.generated';
import type { HttpMiddleware } from './middleware';
import { addVary } from '../headers/vary';
import { getState, NEGOTIATED_TYPE, setState } from '../request-state';

/**
 * Declares the media types a route can produce and answers 406 when the request's `Accept` rules
 * out all of them (RFC 9110 §15.5.7), listing the available types in the message and in
 * `details.available`. The error body itself is still JSON. The chosen type is read with
 * {@link negotiatedType}; `Vary: Accept` is added because the answer depends on it.
 *
 * @example
 * router.get('/reports/:period', produces(['application/json', 'text/csv']), (req, res) => {
 *   if (negotiatedType(req) === 'text/csv') res.type('text/csv').send(toCsv(rows));
 *   else res.json({ data: rows });
 * });
 */
export function produces(types: readonly string[]): HttpMiddleware {
  if (types.length === 0) throw new TypeError('produces: list at least one media type');
  const available = [...types];
  return function producesMiddleware(req, res, next) {
    addVary(res, 'Accept');
    const chosen = accepts(req).type(available) as string | false;
    if (chosen === false) {
      next(
        new NotAcceptableError(`No available representation matches the Accept header; available: ${available.join(', ')}.`, {
          details: { available },
        }),
      );
      return;
    }
    setState(req, NEGOTIATED_TYPE, chosen);
    next();
  };
}

/** The media type {@link produces} chose for this request, or `undefined` when it did not run. */
export function negotiatedType(req: IncomingMessage): string | undefined {
  return getState(req, NEGOTIATED_TYPE);
}
