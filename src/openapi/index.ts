// `express-api-errors/openapi`: the public API of the OpenAPI components and of the status-code
// reference generator (src/docs), listed by hand.
export { openApiComponents, type OpenApiComponentsOptions } from './components';
export { errorResponseRefs, type ErrorResponseRefsOptions } from './error-response-refs';
export type {
  JsonSchema,
  OpenApiComponents,
  OpenApiExample,
  OpenApiHeader,
  OpenApiMediaType,
  OpenApiReference,
  OpenApiResponse,
} from './types';

// The status-code reference (what the CLI's `docs` command renders)
export type { CodeEntry, CodeOrigin, CodeSource, CodeTable } from '../docs/code-table';
export {
  buildStatusReference,
  type CodeReference,
  type HeaderReference,
  type StatusReference,
  type StatusReferenceEntry,
  type StatusReferenceOptions,
} from '../docs/status-reference';
export { renderStatusReference, renderStatusTable, type RenderReferenceOptions } from '../docs/render-markdown';
export { renderStatusReferenceHtml, type RenderHtmlOptions } from '../docs/render-html';
