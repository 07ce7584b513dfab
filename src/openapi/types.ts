/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1), as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A reference to a component: `{ $ref: '#/components/responses/NotFoundError' }`. */
export type OpenApiReference = { readonly $ref: string };

/** An OpenAPI 3.1 Header Object. */
export interface OpenApiHeader {
  readonly description: string;
  readonly required?: boolean;
  readonly schema: JsonSchema;
  readonly example?: string;
}

/** An OpenAPI 3.1 Example Object. */
export interface OpenApiExample {
  readonly summary: string;
  readonly value: unknown;
}

/** An OpenAPI 3.1 Media Type Object. */
export interface OpenApiMediaType {
  readonly schema: JsonSchema;
  readonly examples?: Readonly<Record<string, OpenApiExample>>;
}

/** An OpenAPI 3.1 Response Object. */
export interface OpenApiResponse {
  readonly description: string;
  readonly headers?: Readonly<Record<string, OpenApiReference | OpenApiHeader>>;
  readonly content: Readonly<Record<string, OpenApiMediaType>>;
}

/** The `components` of an OpenAPI 3.1 document this library contributes. */
export interface OpenApiComponents {
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  readonly headers: Readonly<Record<string, OpenApiHeader>>;
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
}
