import type { IncomingMessage } from 'node:http';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { validationFailure } from '../errors/recognizers/issues';
import { standardIssues } from '../errors/recognizers/standard-schema';
import type { ValidationIssue } from '../errors/validation-error';
import { requestParts, type PartCheck } from './request-parts';
import type { OnlyRequestParts, RequestSchemas, ValidateMiddleware } from './types';

type Next = (error?: unknown) => void;
type Result = StandardSchemaV1.Result<unknown>;
type Outcome = Result | Promise<Result>;

// The request as this module reads and writes it (Express adds these properties).
type RequestWithParts = IncomingMessage & { body?: unknown; query?: unknown; params?: unknown };

const SOURCE = 'validate';

function isPromiseLike(outcome: Outcome): outcome is Promise<Result> {
  return typeof (outcome as Partial<PromiseLike<Result>>).then === 'function';
}

function detailsOf(part: PartCheck, issues: readonly StandardSchemaV1.Issue[]): ValidationIssue[] {
  return standardIssues(issues, part.location, part.vendor);
}

// A named read per part: a computed `req[location]` makes a polymorphic keyed load, and `query`
// is an accessor on Express 5's prototype.
function read(req: RequestWithParts, location: PartCheck['location']): unknown {
  switch (location) {
    case 'body':
      return req.body;
    case 'query':
      return req.query;
    case 'params':
      return req.params;
    case 'headers':
      return req.headers;
  }
}

function replace(req: RequestWithParts, part: PartCheck, value: unknown): void {
  switch (part.location) {
    case 'body':
      req.body = value;
      return;
    case 'params':
      req.params = value;
      return;
    case 'query':
      // Express 5 defines `query` as a getter on its request prototype (parsing the URL at each
      // read), so an assignment would throw in strict mode; an own property shadows it. Express 4
      // set an own data property already, which this redefines.
      Object.defineProperty(req, 'query', { value, writable: true, configurable: true, enumerable: true });
      return;
    case 'headers':
      // Checked, not replaced: a schema that strips unknown keys would take away `host`,
      // `content-type` and every other header Express and later middleware read.
      return;
  }
}

function finishOne(req: RequestWithParts, part: PartCheck, result: Result, next: Next): void {
  if (result.issues) return next(validationFailure(SOURCE, detailsOf(part, result.issues)));
  replace(req, part, result.value);
  next();
}

function finishAll(req: RequestWithParts, parts: readonly PartCheck[], results: readonly Result[], next: Next): void {
  let details: ValidationIssue[] | undefined;
  for (let index = 0; index < parts.length; index++) {
    const issues = results[index]!.issues;
    if (issues) details = details === undefined ? detailsOf(parts[index]!, issues) : details.concat(detailsOf(parts[index]!, issues));
  }
  if (details !== undefined) return next(validationFailure(SOURCE, details));
  for (let index = 0; index < parts.length; index++)
    replace(req, parts[index]!, (results[index] as StandardSchemaV1.SuccessResult<unknown>).value);
  next();
}

// One part, the common case: no array, and no promise unless the schema returns one.
function checkOne(part: PartCheck): ValidateMiddleware<RequestSchemas> {
  const { location, standard } = part;
  return function validateRequest(req: RequestWithParts, _res, next) {
    const outcome: Outcome = standard.validate(read(req, location));
    if (isPromiseLike(outcome)) {
      outcome.then((result) => finishOne(req, part, result, next), next);
      return;
    }
    finishOne(req, part, outcome, next);
  };
}

// Every part is checked, so one 400 lists what is wrong in all of them; the request is changed
// only when all pass.
function checkAll(parts: readonly PartCheck[]): ValidateMiddleware<RequestSchemas> {
  return function validateRequest(req: RequestWithParts, _res, next) {
    const results: Result[] = new Array<Result>(parts.length);
    let pending: Promise<void>[] | undefined;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      let outcome: Outcome;
      try {
        outcome = part.standard.validate(read(req, part.location));
      } catch (error) {
        // Parts already pending may still reject: nobody waits for them now.
        if (pending !== undefined) Promise.all(pending).catch(() => undefined);
        return next(error);
      }
      if (isPromiseLike(outcome)) {
        (pending ??= []).push(
          Promise.resolve(outcome).then((result) => {
            results[index] = result;
          }),
        );
      } else {
        results[index] = outcome;
      }
    }
    if (pending === undefined) return finishAll(req, parts, results, next);
    Promise.all(pending).then(() => finishAll(req, parts, results, next), next);
  };
}

/**
 * Checks the request's `body`, `query`, `params` and `headers` against Standard Schemas (zod,
 * valibot, arktype: no adapter). When every part passes, the parsed values replace `req.body`,
 * `req.query` and `req.params` (coercions, defaults and transforms applied) and the next handler
 * sees them typed as the schemas' outputs; headers are checked only. When any part fails, one 400
 * `ValidationError` lists the issues of all of them, paths qualified by part (`body.email`,
 * `query.page`, `headers.x-api-version`), for `errorHandler()` to write; its logged cause holds no
 * submitted value. An async schema is awaited; a sync one costs no promise.
 *
 * Mount it on the route (`app.post(path, validate(...), handler)`): route parameters exist there.
 *
 * @throws TypeError at creation for an unknown key or a value that is not a Standard Schema.
 * @example
 * app.post('/users', validate({ body: z.object({ email: z.email() }) }), (req, res) => {
 *   res.status(201).json({ email: req.body.email });
 * });
 */
export function validate<S extends RequestSchemas>(schemas: OnlyRequestParts<S>): ValidateMiddleware<S> {
  const parts = requestParts(schemas);
  const middleware = parts.length === 1 ? checkOne(parts[0]!) : checkAll(parts);
  // The request type names only what the schemas give; at run time every part is read the same way.
  return middleware;
}
