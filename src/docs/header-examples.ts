import type { StatusFieldTypes } from '../catalog';
import { FIELD_FORMATTERS } from '../headers/fields';

// One plausible value per status-specific option, typed so a new option fails to compile here.
const EXAMPLE_VALUES: { readonly [F in keyof StatusFieldTypes]: StatusFieldTypes[F] } = {
  retryAfter: 30,
  allow: ['GET', 'HEAD'],
  challenge: { scheme: 'Bearer', params: { realm: 'api' } },
  upgrade: 'HTTP/2',
  location: '/users/user_456',
  blockedBy: 'https://example.com/legal/takedown-123',
  completeLength: 1048576,
  accept: ['application/json'],
  acceptEncoding: ['gzip', 'br'],
};

/** An example header value for a status-specific option, written as the error handler writes it. */
export function exampleHeaderValue(field: keyof StatusFieldTypes): string {
  const format = FIELD_FORMATTERS[field] as (value: unknown) => string | undefined;
  return format(EXAMPLE_VALUES[field]) ?? '';
}

/** The request id shown in generated examples. */
export const EXAMPLE_REQUEST_ID = 'req_6f0c2a4e-3b1d-4c8e-9a27-5d4b1e0f7c93';
