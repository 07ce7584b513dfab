import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { RequestPart } from './types';

/** One part to check: where it is, its schema's Standard Schema properties, and who made it. */
export interface PartCheck {
  readonly location: RequestPart;
  readonly standard: StandardSchemaV1.Props;
  /** `~standard.vendor` (`zod`, `valibot`, `arktype`), which says how to read the schema's issues. */
  readonly vendor: string | undefined;
}

// The order parts are checked and reported in: the order of a request's own anatomy.
const PARTS: readonly RequestPart[] = ['params', 'query', 'headers', 'body'];

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  // arktype's types are functions, the others' schemas objects.
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const standard = (value as { '~standard'?: unknown })['~standard'];
  if (typeof standard !== 'object' || standard === null) return false;
  const props = standard as Partial<StandardSchemaV1.Props>;
  return props.version === 1 && typeof props.validate === 'function';
}

/**
 * The parts `validate()` checks, from its options. A mistake in them is a programming error found
 * when the app starts, not a 500 on the first request: an unknown key, or a value that is not a
 * Standard Schema (version 1), throws a `TypeError`.
 */
export function requestParts(schemas: unknown): PartCheck[] {
  if (typeof schemas !== 'object' || schemas === null || Array.isArray(schemas)) {
    throw new TypeError('validate() takes an object of schemas: { body, query, params, headers }');
  }
  for (const key of Object.keys(schemas)) {
    if (!(PARTS as readonly string[]).includes(key)) {
      throw new TypeError(`validate(): unknown key ${JSON.stringify(key)}; expected body, query, params or headers`);
    }
  }
  const parts: PartCheck[] = [];
  for (const location of PARTS) {
    const schema = (schemas as Record<string, unknown>)[location];
    if (schema === undefined) continue;
    if (!isStandardSchema(schema)) {
      throw new TypeError(
        `validate(): ${location} is not a Standard Schema (no "~standard" property of version 1 with a validate function)`,
      );
    }
    const standard = schema['~standard'];
    parts.push({ location, standard, vendor: typeof standard.vendor === 'string' ? standard.vendor : undefined });
  }
  if (parts.length === 0) throw new TypeError('validate() needs a schema for at least one of body, query, params, headers');
  return parts;
}
