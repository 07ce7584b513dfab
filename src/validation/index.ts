// `express-api-errors/validation`: the public API of request validation, listed by hand.
export { validate } from './validate';
export type { OnlyRequestParts, RequestPart, RequestSchemas, StandardSchemaV1, ValidateMiddleware, ValidatedRequest } from './types';
