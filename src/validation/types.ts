import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandardSchemaV1 } from '@standard-schema/spec';

export type { StandardSchemaV1 } from '@standard-schema/spec';

/** The parts of a request {@link validate} can check. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/**
 * One Standard Schema (https://standardschema.dev) per part of the request to check: a zod 3.24+ or
 * zod 4 schema, a valibot 1 schema, an arktype 2 type, or anything else with a `~standard` property.
 * Header names are the lowercase names Node gives `req.headers` (`'x-api-version'`).
 */
export interface RequestSchemas {
  readonly body?: StandardSchemaV1;
  readonly query?: StandardSchemaV1;
  readonly params?: StandardSchemaV1;
  readonly headers?: StandardSchemaV1;
}

// The parsed value's type. (Not `InferOutput<S[K] & StandardSchemaV1>`: intersected with an
// arktype type, that is too deep for the compiler.)
type OutputOf<T> = T extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<T> : never;

// The parts whose parsed value replaces the request's own (headers are checked, not replaced).
type ReplacedPart = 'body' | 'query' | 'params';

/**
 * The request after {@link validate}: each validated part typed as its schema's output. Parts
 * without a schema are left out, so Express keeps its own types for them (route parameters from
 * the path, `ParsedQs`, the untyped body).
 */
export type ValidatedRequest<S extends RequestSchemas> = IncomingMessage & {
  -readonly [K in keyof S as K extends ReplacedPart ? (S[K] extends StandardSchemaV1 ? K : never) : never]: OutputOf<S[K]>;
};

/**
 * The middleware {@link validate} returns. Express infers the types of the next handler's
 * `req.body`, `req.query` and `req.params` from its request parameter.
 */
export type ValidateMiddleware<S extends RequestSchemas> = (
  req: ValidatedRequest<S>,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Rejects, at compile time, a key that is not a request part (`bdy` for `body`). */
export type OnlyRequestParts<S> = S & { readonly [K in Exclude<keyof S, RequestPart>]: never };
