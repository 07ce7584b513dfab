import type { StatusFieldTypes } from '../catalog';
import { formatChallenge } from './challenge';
import { formatRetryAfter } from './retry-after';

type Formatters = { readonly [F in keyof StatusFieldTypes]: (value: StatusFieldTypes[F]) => string | undefined };

const list = (value: string | readonly string[]): string =>
  typeof value === 'string' ? value : value.join(', ');

/** How each status-specific constructor option is written as its header value. */
export const FIELD_FORMATTERS: Formatters = {
  retryAfter: formatRetryAfter,
  allow: (methods) => methods.map((method) => method.toUpperCase()).join(', '),
  challenge: formatChallenge,
  upgrade: list,
  location: (uri) => uri,
  blockedBy: (uri) => `<${uri}>; rel="blocked-by"`,
  completeLength: (length) =>
    Number.isSafeInteger(length) && length >= 0 ? `bytes */${length}` : undefined,
  accept: list,
  acceptEncoding: list,
};
