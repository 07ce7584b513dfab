import type { StatusFieldTypes } from '../catalog';
import { formatChallenge } from './challenge';
import { formatRetryAfter } from './retry-after';

type Formatters = { readonly [F in keyof StatusFieldTypes]: (value: StatusFieldTypes[F]) => string | undefined };

// Plain JavaScript callers may pass one string where a list is typed; both are written.
const list = (value: string | readonly string[]): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;

/** How each status-specific constructor option is written as its header value. */
export const FIELD_FORMATTERS: Formatters = {
  retryAfter: formatRetryAfter,
  allow: (methods) => list(methods)?.toUpperCase(),
  challenge: (value) => formatChallenge(value) || undefined,
  upgrade: list,
  location: (uri) => uri,
  blockedBy: (uri) => `<${uri}>; rel="blocked-by"`,
  completeLength: (length) => (Number.isSafeInteger(length) && length >= 0 ? `bytes */${length}` : undefined),
  accept: list,
  acceptEncoding: list,
};
