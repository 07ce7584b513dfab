// Public API of this feature, listed by hand.
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
