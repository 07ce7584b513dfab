import { ERROR_STATUSES, getStatusInfo, type ErrorStatus, type StatusFieldTypes, type StatusInfo } from '../catalog';
import { collectCodes, type CodeEntry, type CodeSource } from '../docs/code-table';
import { EXAMPLE_REQUEST_ID, exampleHeaderValue } from '../docs/header-examples';
import { STATUS_GUIDE } from '../docs/status-guide';
import { exampleEnvelope } from '../docs/status-reference';
import { ENVELOPE_MEDIA_TYPE } from '../formats/envelope';
import type { ErrorFormat } from '../formats/negotiate';
import { PROBLEM_MEDIA_TYPE, problemTypeUri } from '../formats/problem-details';
import { envelopeSchema, problemDetailsSchema, validationIssueSchema } from './schemas';
import type {
  JsonSchema,
  OpenApiComponents,
  OpenApiExample,
  OpenApiHeader,
  OpenApiMediaType,
  OpenApiReference,
  OpenApiResponse,
} from './types';

/** Options of {@link openApiComponents}. */
export interface OpenApiComponentsOptions {
  /** The format `errorHandler` is configured with: which media types the responses list. Default `'envelope'`. */
  readonly format?: ErrorFormat;
  /** The app's own codes (a `defineErrorCodes` registry or its table): one response each, and examples. */
  readonly codes?: CodeSource;
  /** Describe the library's own codes (`LIBRARY_CODES`) too. Default `true`. */
  readonly libraryCodes?: boolean;
  /** The statuses to describe. Default: the whole catalog. */
  readonly statuses?: readonly ErrorStatus[];
  /** Prefix of every component name, to keep clear of the app's own (`'Api'` gives `ApiErrorEnvelope`). Default none. */
  readonly prefix?: string;
  /** The request-id response header, as configured on `requestId()` / `errorHandler`. Default `X-Request-Id`. */
  readonly requestIdHeader?: string;
  /** The `problemTypeBase` of `errorHandler`, for the problem examples' `type`. Default `about:blank`. */
  readonly problemTypeBase?: string;
}

const HEADER_DESCRIPTIONS: { readonly [F in keyof StatusFieldTypes]: string } = {
  retryAfter: 'Seconds to wait (delay-seconds) or an IMF-fixdate to retry at (RFC 9110 §10.2.3).',
  allow: 'The methods the resource supports (RFC 9110 §10.2.1); may be empty.',
  challenge: 'Authentication challenges the client can answer (RFC 9110 §11.6).',
  upgrade: 'Protocols to switch to, most preferred first (RFC 9110 §7.8).',
  location: 'The URI of the resource the conflict is with.',
  blockedBy: 'The entity implementing the legal block, as `<uri>; rel="blocked-by"` (RFC 7725 §4).',
  completeLength: 'The length of the representation, as `bytes */<length>` (RFC 9110 §14.4).',
  accept: 'Media types the resource accepts in requests.',
  acceptEncoding: 'Content codings the resource accepts in requests (RFC 9110 §12.5.3).',
};

const VALIDATION_CODE = 'validation_error';
const VALIDATION_EXAMPLE = [{ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' }];

interface Context {
  readonly name: (base: string) => string;
  readonly ref: (kind: 'schemas' | 'headers' | 'responses', base: string) => OpenApiReference;
  readonly format: ErrorFormat;
  readonly requestIdHeader: string;
  readonly problemTypeBase: string | undefined;
  /** Headers whose duty is the same in every status that carries them are shared as components. */
  readonly sharedHeaders: ReadonlySet<string>;
}

function exampleOf(ctx: Context, info: StatusInfo, code: string, message: string, mediaType: string): OpenApiExample {
  const details = code === VALIDATION_CODE ? VALIDATION_EXAMPLE : undefined;
  const envelope = exampleEnvelope(info, code, message);
  const value =
    mediaType === PROBLEM_MEDIA_TYPE
      ? {
          type: problemTypeUri(ctx.problemTypeBase, code),
          title: info.phrase,
          status: info.status,
          detail: message,
          code,
          request_id: EXAMPLE_REQUEST_ID,
          ...(details === undefined ? {} : { errors: details }),
        }
      : details === undefined
        ? envelope
        : { ...envelope, error: { ...envelope.error, details } };
  return { summary: `${info.status} ${code}`, value };
}

function mediaTypes(ctx: Context): string[] {
  if (ctx.format === 'problem') return [PROBLEM_MEDIA_TYPE];
  if (ctx.format === 'negotiate') return [ENVELOPE_MEDIA_TYPE, PROBLEM_MEDIA_TYPE];
  return [ENVELOPE_MEDIA_TYPE];
}

/** The schema of one media type, narrowed (`allOf`) to a status and, for a code response, a code. */
function schemaFor(ctx: Context, mediaType: string, status: ErrorStatus, code: string | undefined): JsonSchema {
  const problem = mediaType === PROBLEM_MEDIA_TYPE;
  const base = ctx.ref('schemas', problem ? 'ProblemDetails' : 'ErrorEnvelope');
  const issues = { type: 'array', items: ctx.ref('schemas', 'ValidationIssue') };
  if (problem) {
    const properties: Record<string, JsonSchema> = { status: { const: status } };
    if (code !== undefined) properties.code = { const: code };
    if (code === VALIDATION_CODE) properties.errors = issues;
    return { allOf: [base, { type: 'object', properties }] };
  }
  if (code === undefined) return base;
  const error: Record<string, JsonSchema> = { code: { const: code } };
  if (code === VALIDATION_CODE) error.details = issues;
  return { allOf: [base, { type: 'object', properties: { error: { type: 'object', properties: error } } }] };
}

function responseHeaders(ctx: Context, info: StatusInfo): Record<string, OpenApiReference | OpenApiHeader> {
  const headers: Record<string, OpenApiReference | OpenApiHeader> = { [ctx.requestIdHeader]: ctx.ref('headers', ctx.requestIdHeader) };
  for (const rule of info.headers) {
    headers[rule.name] = ctx.sharedHeaders.has(rule.name)
      ? ctx.ref('headers', rule.name)
      : headerObject(rule.field, rule.need === 'required');
  }
  return headers;
}

function headerObject(field: keyof StatusFieldTypes, required: boolean): OpenApiHeader {
  return { description: HEADER_DESCRIPTIONS[field], required, schema: { type: 'string' }, example: exampleHeaderValue(field) };
}

function statusResponse(ctx: Context, info: StatusInfo, codes: readonly CodeEntry[]): OpenApiResponse {
  const content: Record<string, OpenApiMediaType> = {};
  for (const mediaType of mediaTypes(ctx)) {
    const examples: Record<string, OpenApiExample> = { [info.code]: exampleOf(ctx, info, info.code, info.message, mediaType) };
    for (const entry of codes) examples[entry.code] = exampleOf(ctx, info, entry.code, entry.message, mediaType);
    content[mediaType] = { schema: schemaFor(ctx, mediaType, info.status, undefined), examples };
  }
  return {
    description: `${info.status} ${info.phrase}: ${STATUS_GUIDE[info.status].when}`,
    headers: responseHeaders(ctx, info),
    content,
  };
}

function codeResponse(ctx: Context, entry: CodeEntry): OpenApiResponse {
  const info = getStatusInfo(entry.status) as StatusInfo;
  const content: Record<string, OpenApiMediaType> = {};
  for (const mediaType of mediaTypes(ctx)) {
    content[mediaType] = {
      schema: schemaFor(ctx, mediaType, entry.status, entry.code),
      examples: { [entry.code]: exampleOf(ctx, info, entry.code, entry.message, mediaType) },
    };
  }
  return {
    description: `${info.status} ${info.phrase}, code \`${entry.code}\`: ${entry.description ?? entry.message}`,
    headers: responseHeaders(ctx, info),
    content,
  };
}

function headerComponents(ctx: Context, infos: readonly StatusInfo[]): Record<string, OpenApiHeader> {
  const headers: Record<string, OpenApiHeader> = {
    [ctx.name(ctx.requestIdHeader)]: {
      description: 'The request id; the same value as `meta.request_id` (`request_id` in problem details).',
      required: true,
      schema: { type: 'string' },
      example: EXAMPLE_REQUEST_ID,
    },
  };
  for (const info of infos) {
    for (const rule of info.headers) {
      if (ctx.sharedHeaders.has(rule.name)) headers[ctx.name(rule.name)] = headerObject(rule.field, rule.need === 'required');
    }
  }
  return headers;
}

function sharedHeaderNames(infos: readonly StatusInfo[]): Set<string> {
  const required = new Map<string, boolean>();
  const mixed = new Set<string>();
  for (const info of infos) {
    for (const rule of info.headers) {
      const need = rule.need === 'required';
      if (required.has(rule.name) && required.get(rule.name) !== need) mixed.add(rule.name);
      required.set(rule.name, need);
    }
  }
  return new Set([...required.keys()].filter((name) => !mixed.has(name)));
}

/**
 * OpenAPI 3.1 `components` for the error responses of an API that uses `errorHandler`: JSON Schemas
 * of the envelope and of problem details, the headers statuses carry, a response per status (named
 * after its class: `NotFoundError`) and per extra code (named after the code: `insufficient_scope`),
 * each with examples. Merge them into the app's spec and reference them from operations with
 * {@link errorResponseRefs}.
 *
 * @example
 * const spec = {
 *   openapi: '3.1.0',
 *   info: { title: 'Users API', version: '1.0.0' },
 *   paths: {
 *     '/users/{id}': { get: { responses: { '200': { description: 'The user' }, ...errorResponseRefs([401, 404]) } } },
 *   },
 *   components: openApiComponents({ codes: appErrors }),
 * };
 */
export function openApiComponents(options: OpenApiComponentsOptions = {}): OpenApiComponents {
  const prefix = options.prefix ?? '';
  // Component names are restricted to `^[a-zA-Z0-9.\-_]+$` (OpenAPI 3.1 §4.8.7.1).
  const name = (base: string): string => `${prefix}${base}`.replace(/[^A-Za-z0-9.\-_]/g, '_');
  const wanted = new Set<number>(options.statuses ?? ERROR_STATUSES);
  const infos = ERROR_STATUSES.filter((status) => wanted.has(status)).map((status) => getStatusInfo(status) as StatusInfo);
  const ctx: Context = {
    name,
    ref: (kind, base) => ({ $ref: `#/components/${kind}/${name(base)}` }),
    format: options.format ?? 'envelope',
    requestIdHeader: options.requestIdHeader ?? 'X-Request-Id',
    problemTypeBase: options.problemTypeBase,
    sharedHeaders: sharedHeaderNames(ERROR_STATUSES.map((status) => getStatusInfo(status) as StatusInfo)),
  };
  const codes = collectCodes(options.codes, { libraryCodes: options.libraryCodes }).filter((entry) => wanted.has(entry.status));

  const responses: Record<string, OpenApiResponse> = {};
  for (const info of infos) {
    responses[name(info.className)] = statusResponse(
      ctx,
      info,
      codes.filter((entry) => entry.status === info.status),
    );
  }
  for (const entry of codes) responses[name(entry.code)] = codeResponse(ctx, entry);

  const schemas: Record<string, JsonSchema> = {
    [name('ErrorEnvelope')]: envelopeSchema(),
    [name('ProblemDetails')]: problemDetailsSchema(),
    [name('ValidationIssue')]: validationIssueSchema(),
  };
  return { schemas, headers: headerComponents(ctx, infos), responses };
}
