import { compileErrors, validate } from '@readme/openapi-parser';
import { ERROR_STATUSES, LIBRARY_CODES, defineErrorCodes, getStatusInfo, type ErrorFormat } from '../../src';
import { errorResponseRefs, openApiComponents, type OpenApiComponents } from '../../src/openapi';
import { appErrors } from '../../examples/errors';
import { componentValidator } from './ajv';

function specWith(components: OpenApiComponents, prefix = ''): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Users API', version: '1.0.0' },
    paths: {
      '/users/{id}': {
        get: {
          operationId: 'getUser',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The user' }, ...errorResponseRefs([401, 404, 429, 500], { prefix }) },
        },
      },
      '/orders': {
        post: {
          operationId: 'createOrder',
          responses: {
            '201': { description: 'Created' },
            ...errorResponseRefs(['validation_error', 'insufficient_scope', 'order_total_invalid', 503], { codes: appErrors, prefix }),
          },
        },
      },
    },
    components,
  };
}

describe('openApiComponents as part of a full OpenAPI 3.1 document', () => {
  test.each<[ErrorFormat, string]>([
    ['envelope', ''],
    ['problem', ''],
    ['negotiate', ''],
    ['negotiate', 'Api'],
  ])('format %s, prefix "%s": the document passes @readme/openapi-parser validation', async (format, prefix) => {
    const spec = specWith(openApiComponents({ format, codes: appErrors, prefix }), prefix);
    const result = await validate(structuredClone(spec) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
  });

  test('the validator does reject a document whose response references are broken', async () => {
    const spec = specWith(openApiComponents({ codes: appErrors }), 'Missing');
    const result = await validate(structuredClone(spec) as never);
    expect(result.valid).toBe(false);
  });

  test('one response per catalog status, named after its class, and one per extra code', () => {
    const { responses } = openApiComponents({ codes: appErrors });
    for (const status of ERROR_STATUSES) {
      const info = getStatusInfo(status);
      expect(responses[info?.className ?? '']?.description).toMatch(new RegExp(`^${status} ${info?.phrase}: `));
    }
    for (const code of [...Object.keys(LIBRARY_CODES), ...Object.keys(appErrors.codes)]) {
      expect(responses[code]?.content['application/json']?.examples?.[code]).toBeDefined();
    }
    expect(Object.keys(responses)).toHaveLength(ERROR_STATUSES.length + Object.keys(LIBRARY_CODES).length + 2);
  });

  test('each status response lists the codes of that status as examples', () => {
    const { responses } = openApiComponents({ format: 'negotiate', codes: appErrors });
    expect(Object.keys(responses.ForbiddenError?.content['application/json']?.examples ?? {})).toEqual([
      'forbidden',
      'csrf_token_invalid',
      'insufficient_scope',
    ]);
    expect(responses.ForbiddenError?.content['application/problem+json']?.examples?.insufficient_scope?.value).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'The access token does not grant the scope this action needs.',
      code: 'insufficient_scope',
      request_id: expect.stringMatching(/^req_/),
    });
  });

  test('headers follow the catalog: required ones are marked required, the request id on every response', () => {
    const { responses, headers } = openApiComponents();
    expect(headers['WWW-Authenticate']).toMatchObject({ required: true, example: 'Bearer realm="api"' });
    expect(headers.Allow).toMatchObject({ required: true, example: 'GET, HEAD' });
    expect(headers['Retry-After']).toMatchObject({ required: false, example: '30' });
    expect(headers['X-Request-Id']).toMatchObject({ required: true });
    expect(Object.keys(responses.TooManyRequestsError?.headers ?? {})).toEqual(['X-Request-Id', 'Retry-After']);
    expect(Object.keys(responses.NotFoundError?.headers ?? {})).toEqual(['X-Request-Id']);
  });

  test('the statuses option limits the responses, and only the given media types are listed', () => {
    const { responses } = openApiComponents({ statuses: [400, 404], format: 'problem' });
    expect(Object.keys(responses).sort()).toEqual(
      [
        'BadRequestError',
        'NotFoundError',
        ...Object.entries(LIBRARY_CODES)
          .filter(([, spec]) => spec.status === 400)
          .map(([code]) => code),
      ].sort(),
    );
    expect(Object.keys(responses.NotFoundError?.content ?? {})).toEqual(['application/problem+json']);
  });

  test('problemTypeBase shows in the problem examples', () => {
    const { responses } = openApiComponents({
      format: 'problem',
      problemTypeBase: 'https://api.example.com/problems/',
      libraryCodes: false,
    });
    expect(responses.NotFoundError?.content['application/problem+json']?.examples?.resource_not_found?.value).toMatchObject({
      type: 'https://api.example.com/problems/resource_not_found',
    });
  });

  test('a code table given without defineErrorCodes is checked like defineErrorCodes checks it', () => {
    expect(() => openApiComponents({ codes: { 'Bad-Code': { status: 400, message: 'x' } } })).toThrow(/must match/);
    expect(() => openApiComponents({ codes: { teapot: { status: 418 as 400, message: 'x' } } })).toThrow(/not a catalog status/);
    expect(() => openApiComponents({ codes: defineErrorCodes({ validation_error: { status: 422, message: 'x' } }) })).toThrow(
      /already used with status 400/,
    );
  });

  test('the schemas accept the documented examples and reject a body that is not the envelope', () => {
    const components = openApiComponents({ format: 'negotiate', codes: appErrors });
    const validator = componentValidator(components);
    for (const [name, response] of Object.entries(components.responses)) {
      for (const [mediaType, media] of Object.entries(response.content)) {
        const check = validator('components', 'responses', name, 'content', mediaType, 'schema');
        for (const example of Object.values(media.examples ?? {})) {
          if (!check(example.value)) throw new Error(`${name} ${mediaType}: ${JSON.stringify(check.errors)}`);
        }
      }
    }
    const envelope = validator('components', 'schemas', 'ErrorEnvelope');
    expect(envelope({ error: { code: 'x', message: 'm' } })).toBe(false);
    expect(envelope({ error: { code: 'Not-Snake', message: 'm' }, meta: { request_id: 'r1' } })).toBe(false);
    expect(envelope({ error: { code: 'x', message: 'm' }, meta: { request_id: 'r1' }, extra: 1 })).toBe(false);
    const problem404 = validator('components', 'responses', 'NotFoundError', 'content', 'application/problem+json', 'schema');
    expect(problem404({ type: 'about:blank', title: 'Gone', status: 410, detail: 'd', code: 'gone', request_id: 'r1' })).toBe(false);
  });
});

describe('errorResponseRefs', () => {
  test('statuses and codes become references to the components, keyed by status', () => {
    expect(errorResponseRefs([404, 400, 'insufficient_scope'], { codes: appErrors })).toEqual({
      '400': { $ref: '#/components/responses/BadRequestError' },
      '403': { $ref: '#/components/responses/insufficient_scope' },
      '404': { $ref: '#/components/responses/NotFoundError' },
    });
  });

  test('two entries of one status fall back to the status response; a default code is its status', () => {
    expect(errorResponseRefs(['validation_error', 'malformed_json', 'resource_not_found'])).toEqual({
      '400': { $ref: '#/components/responses/BadRequestError' },
      '404': { $ref: '#/components/responses/NotFoundError' },
    });
    expect(errorResponseRefs(['validation_error', 'validation_error'])).toEqual({
      '400': { $ref: '#/components/responses/validation_error' },
    });
  });

  test('an unknown entry throws', () => {
    expect(() => errorResponseRefs(['no_such_code'])).toThrow(/neither a catalog status nor a known code/);
    expect(() => errorResponseRefs([418 as 400])).toThrow(/neither/);
  });
});
