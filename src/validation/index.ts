// Public API of this feature, listed by hand.
export { validate } from './validate';
export type { OnlyRequestParts, RequestPart, RequestSchemas, StandardSchemaV1, ValidateMiddleware, ValidatedRequest } from './types';
