import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { BadRequestError, PreconditionFailedError, PreconditionRequiredError } from '../errors/http-errors.generated';
import { entityTagsMatch, parseEntityTag, parseEntityTagList } from './entity-tags';
import type { HttpMiddleware } from './middleware';
import { asThrownError } from '../errors/as-thrown-error';

/** Options of {@link checkPreconditions}. */
export interface CheckPreconditionsOptions {
  /** Answer 428 when the request has no `If-Match` (nor `If-None-Match: *`). Default `true`. */
  readonly required?: boolean;
}

/**
 * Options of {@link preconditions}. `Req` is the request type `etag` receives: Express's `Request`
 * (with `req.params`, `req.get()` and what your app merges into it, such as `req.user`) by default.
 */
export interface PreconditionsOptions<Req extends IncomingMessage = Request> extends CheckPreconditionsOptions {
  /** The current ETag of the target resource, or `undefined` when it does not exist. */
  readonly etag: (req: Req) => string | undefined | Promise<string | undefined>;
  /** Methods guarded. Default `PUT`, `PATCH`, `DELETE`. */
  readonly methods?: readonly string[];
}

function header(req: IncomingMessage, name: 'if-match' | 'if-none-match'): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * What {@link checkPreconditions} decided when no condition failed hard: `proceed` with the
 * request, or answer `304 Not Modified` (a GET or HEAD whose `If-None-Match` matched).
 */
export type PreconditionOutcome = 'proceed' | 'not-modified';

// RFC 9110 §9.2.1: these only read, so they need no lost-update guard (428) and a failed
// If-None-Match answers 304 rather than 412 (§13.1.2).
function isReadOnly(method: string | undefined): boolean {
  return method === undefined || method === 'GET' || method === 'HEAD';
}

/**
 * Evaluates the conditional headers of a request against the resource's current ETag in the order
 * of RFC 9110 §13.2.2 and throws what to answer when a condition fails:
 *
 * 1. `If-Match` (strong comparison, so a weak ETag never satisfies it; `*` needs the resource to
 *    exist): false -> 412 `precondition_failed`.
 * 2. `If-None-Match` (weak comparison; `*` needs the resource not to exist), evaluated even when
 *    `If-Match` held: false -> `'not-modified'` for GET/HEAD (answer 304), 412 otherwise.
 *
 * `If-Unmodified-Since` and `If-Modified-Since` are ignored: this check knows no modification date,
 * and RFC 9110 §13.1.3-4 require ignoring them then. A state-changing request with neither
 * `If-Match` nor `If-None-Match` throws 428 `precondition_required` (RFC 6585 §3) unless
 * `required: false`; GET and HEAD never do. A malformed header throws 400.
 *
 * @returns `'proceed'`, or `'not-modified'` when a GET/HEAD should be answered 304.
 *
 * @example
 * router.put('/settings', (req, res) => {
 *   checkPreconditions(req, settings.etag());
 *   settings.replace(req.body);
 *   res.set('ETag', settings.etag()).json({ data: settings.current() });
 * });
 * router.get('/settings', (req, res) => {
 *   res.set('ETag', settings.etag()).set('Cache-Control', 'no-cache');
 *   if (checkPreconditions(req, settings.etag()) === 'not-modified') return void res.status(304).end();
 *   res.json({ data: settings.current() });
 * });
 */
export function checkPreconditions(
  req: IncomingMessage,
  currentEtag: string | undefined,
  options: CheckPreconditionsOptions = {},
): PreconditionOutcome {
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  const current = currentEtag === undefined ? undefined : parseEntityTag(currentEtag);
  if (currentEtag !== undefined && current === undefined)
    throw new TypeError(`checkPreconditions: "${currentEtag}" is not a valid entity tag`);

  // Step 1 (step 2, If-Unmodified-Since, needs a modification date: ignored, RFC 9110 §13.1.4).
  if (ifMatch !== undefined) {
    const list = parseEntityTagList(ifMatch);
    if (list === undefined)
      throw new BadRequestError('The If-Match header is malformed: send entity tags in double quotes, e.g. If-Match: "abc".');
    const holds =
      list === '*' ? current !== undefined : current !== undefined && list.some((tag) => entityTagsMatch(tag, current, 'strong'));
    if (!holds)
      throw new PreconditionFailedError(
        'The resource has changed since you read it (If-Match failed): fetch it again and reapply your change.',
      );
  }
  // Step 3, whatever step 1 decided (step 4, If-Modified-Since, is ignored: RFC 9110 §13.1.3).
  if (ifNoneMatch !== undefined) {
    const list = parseEntityTagList(ifNoneMatch);
    if (list === undefined) throw new BadRequestError('The If-None-Match header is malformed: send entity tags in double quotes or *.');
    const matches =
      list === '*' ? current !== undefined : current !== undefined && list.some((tag) => entityTagsMatch(tag, current, 'weak'));
    if (!matches) return 'proceed';
    if (isReadOnly(req.method)) return 'not-modified';
    throw new PreconditionFailedError('The resource already exists or matches If-None-Match.');
  }
  if (ifMatch === undefined && options.required !== false && !isReadOnly(req.method)) {
    throw new PreconditionRequiredError('This request must be conditional: send If-Match with the ETag from your last GET.');
  }
  return 'proceed';
}

/**
 * Guards writes (PUT, PATCH, DELETE by default) with {@link checkPreconditions} against the ETag
 * `etag(req)` returns: 428 without `If-Match`, 412 on a mismatch; other methods pass through.
 * When `methods` includes GET or HEAD, a matching `If-None-Match` is answered `304 Not Modified`
 * here with the current `ETag` (RFC 9110 §15.4.5); a route that sets other headers a 304 must
 * repeat (`Cache-Control`, `Vary`) should call {@link checkPreconditions} itself instead.
 *
 * @example
 * router.use('/settings', preconditions({ etag: () => settings.etag() }));
 * router.use('/documents/:id', preconditions({ etag: (req) => documents.etagOf(req.params.id) }));
 */
export function preconditions<Req extends IncomingMessage = Request>(options: PreconditionsOptions<Req>): HttpMiddleware {
  const methods = new Set((options.methods ?? ['PUT', 'PATCH', 'DELETE']).map((method) => method.toUpperCase()));
  return function preconditionsMiddleware(req, res, next) {
    if (!methods.has(req.method ?? 'GET')) return next();
    let pending: string | undefined | Promise<string | undefined>;
    try {
      // Express hands every middleware its own Request, the type `Req` describes.
      pending = options.etag(req as Req);
    } catch (error) {
      return next(asThrownError(error));
    }
    Promise.resolve(pending).then(
      (etag) => {
        let outcome: PreconditionOutcome;
        try {
          outcome = checkPreconditions(req, etag, options);
        } catch (error) {
          return next(asThrownError(error));
        }
        if (outcome === 'proceed') return next();
        if (etag !== undefined) res.setHeader('ETag', etag);
        res.statusCode = 304;
        res.end();
      },
      (error: unknown) => next(asThrownError(error)),
    );
  };
}
