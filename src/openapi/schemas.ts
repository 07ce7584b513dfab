import { CODE_PATTERN } from '../catalog';
import type { JsonSchema } from './types';

// The same rule as `isValidRequestId`: what `errorHandler` ever writes as a request id.
const REQUEST_ID_PATTERN = '^[A-Za-z0-9\\-_.:]{1,128}$';

const code: JsonSchema = {
  type: 'string',
  pattern: CODE_PATTERN.source,
  description: 'Machine-readable error code, stable across releases: branch on it.',
};
const requestId: JsonSchema = {
  type: 'string',
  pattern: REQUEST_ID_PATTERN,
  description: 'The request id, also sent in the request-id response header; quote it to support.',
};

/** `ValidationIssue`: one problem in the `details` of a `validation_error`. */
export function validationIssueSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'One problem found while validating the request.',
    required: ['path', 'code', 'message'],
    properties: {
      path: { type: 'string', description: 'Where the problem is, e.g. `body.email`.', examples: ['body.email'] },
      code: { type: 'string', description: 'Machine-readable reason, e.g. `required`.', examples: ['invalid_format'] },
      message: { type: 'string', description: 'Human-readable explanation.' },
    },
  };
}

/** `ErrorEnvelope`: the default body of every error response. */
export function envelopeSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'The error envelope: one body for every error response.',
    required: ['error', 'meta'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code,
          message: { type: 'string', description: 'For people; 5xx always carry the generic message of their status.' },
          details: { description: 'Structured details when there is more to say (a list of validation issues for `validation_error`).' },
          doc_url: {
            type: 'string',
            format: 'uri',
            description: 'The page documenting this code, when the server is configured with `docsBaseUrl`.',
          },
        },
        additionalProperties: false,
      },
      meta: { type: 'object', required: ['request_id'], properties: { request_id: requestId } },
      debug: { description: 'Stack and cause, only when the server runs in development mode.' },
    },
    additionalProperties: false,
  };
}

/** `ProblemDetails`: RFC 9457 problem details with this library's extension members. */
export function problemDetailsSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'RFC 9457 problem details, with the `code` and `request_id` extension members.',
    required: ['type', 'title', 'status', 'detail', 'code', 'request_id'],
    properties: {
      type: { type: 'string', format: 'uri-reference', default: 'about:blank', description: 'The problem type (RFC 9457 §3.1.1).' },
      title: { type: 'string', description: 'The reason phrase of the status.' },
      status: { type: 'integer', minimum: 400, maximum: 599, description: 'The response status.' },
      detail: { type: 'string', description: 'This occurrence, for people; 5xx always carry the generic message.' },
      instance: { type: 'string', format: 'uri-reference', description: 'The request path, without the query string, percent-encoded.' },
      code,
      request_id: requestId,
      errors: { description: 'Structured details (validation issues for `validation_error`).' },
      debug: { description: 'Stack and cause, only when the server runs in development mode.' },
    },
  };
}
