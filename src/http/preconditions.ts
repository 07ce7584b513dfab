import type { IncomingMessage } from 'node:http';
import { BadRequestError, PreconditionFailedError, PreconditionRequiredError } from '../errors/http-errors.generated';
import { entityTagsMatch, parseEntityTag, parseEntityTagList } from './entity-tags';
import type { HttpMiddleware } from './middleware';
import { asThrownError } from '../errors/as-thrown-error';

/** Options of {@link checkPreconditions}. */
export interface CheckPreconditionsOptions {
  /** Answer 428 when the request has no `If-Match` (nor `If-None-Match: *`). Default `true`. */
  readonly required?: boolean;
}

/** Options of {@link preconditions}. */
export interface PreconditionsOptions extends CheckPreconditionsOptions {
  /** The current ETag of the target resource, or `undefined` when it does not exist. */
  readonly etag: (req: IncomingMessage) => string | undefined | Promise<string | undefined>;
  /** Methods guarded. Default `PUT`, `PATCH`, `DELETE`. */
  readonly methods?: readonly string[];
}

function header(req: IncomingMessage, name: 'if-match' | 'if-none-match'): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Evaluates `If-Match` and `If-None-Match` of a write against the resource's current ETag
 * (RFC 9110 §13.1.1-2, §13.2.2 order) and throws what to answer: 428 `precondition_required`
 * when neither is sent (RFC 6585 §3), 412 `precondition_failed` when the condition is false,
 * 400 when a header is malformed. `If-Match` uses the strong comparison, so a weak ETag never
 * satisfies it; `If-Match: *` needs the resource to exist, `If-None-Match: *` needs it not to.
 *
 * @example
 * router.put('/settings', (req, res) => {
 *   checkPreconditions(req, settings.etag());
 *   settings.replace(req.body);
 *   res.set('ETag', settings.etag()).json({ data: settings.current() });
 * });
 */
export function checkPreconditions(req: IncomingMessage, currentEtag: string | undefined, options: CheckPreconditionsOptions = {}): void {
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  const current = currentEtag === undefined ? undefined : parseEntityTag(currentEtag);
  if (currentEtag !== undefined && current === undefined) throw new TypeError(`checkPreconditions: "${currentEtag}" is not a valid entity tag`);

  if (ifMatch !== undefined) {
    const list = parseEntityTagList(ifMatch);
    if (list === undefined) throw new BadRequestError('The If-Match header is malformed: send entity tags in double quotes, e.g. If-Match: "abc".');
    const holds = list === '*' ? current !== undefined : current !== undefined && list.some((tag) => entityTagsMatch(tag, current, 'strong'));
    if (!holds) throw new PreconditionFailedError('The resource has changed since you read it (If-Match failed): fetch it again and reapply your change.');
    return;
  }
  if (ifNoneMatch !== undefined) {
    const list = parseEntityTagList(ifNoneMatch);
    if (list === undefined) throw new BadRequestError('The If-None-Match header is malformed: send entity tags in double quotes or *.');
    const matches = list === '*' ? current !== undefined : current !== undefined && list.some((tag) => entityTagsMatch(tag, current, 'weak'));
    if (matches) throw new PreconditionFailedError('The resource already exists or matches If-None-Match.');
    return;
  }
  if (options.required !== false) {
    throw new PreconditionRequiredError('This request must be conditional: send If-Match with the ETag from your last GET.');
  }
}

/**
 * Guards writes (PUT, PATCH, DELETE by default) with {@link checkPreconditions} against the ETag
 * `etag(req)` returns: 428 without `If-Match`, 412 on a mismatch; other methods pass through.
 *
 * @example
 * router.use('/settings', preconditions({ etag: () => settings.etag() }));
 */
export function preconditions(options: PreconditionsOptions): HttpMiddleware {
  const methods = new Set((options.methods ?? ['PUT', 'PATCH', 'DELETE']).map((method) => method.toUpperCase()));
  return function preconditionsMiddleware(req, _res, next) {
    if (!methods.has(req.method ?? 'GET')) return next();
    let pending: string | undefined | Promise<string | undefined>;
    try {
      pending = options.etag(req);
    } catch (error) {
      return next(asThrownError(error));
    }
    Promise.resolve(pending).then(
      (etag) => {
        try {
          checkPreconditions(req, etag, options);
        } catch (error) {
          return next(asThrownError(error));
        }
        next();
      },
      (error: unknown) => next(asThrownError(error)),
    );
  };
}
