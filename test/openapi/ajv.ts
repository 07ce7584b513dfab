import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiComponents } from '../../src/openapi';

const BASE = 'https://example.test/openapi.json';

/** A strict Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) that resolves `#/components/...` refs;
 * the validator of a component is named by its path segments. */
export function componentValidator(components: OpenApiComponents): (...segments: string[]) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('components');
  ajv.addSchema({ $id: BASE, components });
  const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
  const compiled = new Map<string, ValidateFunction>();
  return (...segments) => {
    const ref = `${BASE}#/${segments.map(escape).join('/')}`;
    let check = compiled.get(ref);
    if (check === undefined) compiled.set(ref, (check = ajv.compile({ $ref: ref })));
    return check;
  };
}

/** The validator of a response component's body for one media type. */
export function responseBodyValidator(components: OpenApiComponents, response: string, mediaType: string): ValidateFunction {
  return componentValidator(components)('components', 'responses', response, 'content', mediaType, 'schema');
}
