import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import {
  ERROR_STATUSES,
  LIBRARY_CODES,
  ValidationError,
  createError,
  errorHandler,
  getStatusInfo,
  isErrorStatus,
  notFoundHandler,
  requestId,
  type CodeSpec,
  type ErrorStatus,
} from '../../src';
import { openApiComponents, type OpenApiHeader } from '../../src/openapi';
import { appErrors } from '../../examples/errors';
import { EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';
import { componentValidator } from './ajv';

const components = openApiComponents({ format: 'negotiate', codes: appErrors });
const validator = componentValidator(components);
const ALL_CODES: Readonly<Record<string, CodeSpec>> = { ...LIBRARY_CODES, ...appErrors.codes };

function buildApp(express: ExpressFactory): Express {
  const app = express();
  app.use(requestId());
  app.use(express.json());
  app.get('/status/:status', (req) => {
    const status = Number(req.params.status);
    if (!isErrorStatus(status)) throw new Error('not a catalog status');
    throw createError(status, `Failure ${status}`, status === 426 ? { upgrade: 'HTTP/2' } : undefined);
  });
  app.get('/code/:code', (req) => {
    const code = String(req.params.code);
    const spec = ALL_CODES[code] as CodeSpec<ErrorStatus>;
    throw createError(spec.status, spec.message, { code });
  });
  app.post('/users', () => {
    throw new ValidationError('The user is invalid.', {
      details: [{ path: 'body.email', code: 'required', message: 'email is required' }],
    });
  });
  app.use(notFoundHandler());
  app.use(errorHandler({ format: 'negotiate', logger: false }));
  return app;
}

const FORMATS = [
  ['envelope', 'application/json'],
  ['problem details', 'application/problem+json'],
] as const;

function expectMatches(response: string, mediaType: string, body: unknown): void {
  const check = validator('components', 'responses', response, 'content', mediaType, 'schema');
  if (!check(body)) throw new Error(`${response} ${mediaType} ${JSON.stringify(body)}: ${JSON.stringify(check.errors)}`);
}

/** Every header the response component marks required is on the real response. */
function expectRequiredHeaders(response: string, headers: Record<string, string>): void {
  for (const [name, header] of Object.entries(components.responses[response]?.headers ?? {})) {
    const resolved = ('$ref' in header ? components.headers[header.$ref.split('/').pop() ?? ''] : header) as OpenApiHeader;
    if (resolved.required === true) expect(headers[name.toLowerCase()]).toEqual(expect.any(String));
  }
}

describe.each(EXPRESS_VERSIONS)('real error responses match the OpenAPI components (%s)', (_name, express) => {
  const app = buildApp(express);

  describe.each(FORMATS)('%s', (_format, mediaType) => {
    test.each([...ERROR_STATUSES])('status %i', async (status) => {
      const res = await request(app).get(`/status/${status}`).set('Accept', mediaType);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe(mediaType);
      const className = getStatusInfo(status)?.className ?? '';
      expectMatches(className, mediaType, res.body);
      expectRequiredHeaders(className, res.headers as Record<string, string>);
    });

    test.each(Object.keys(ALL_CODES))('code %s', async (code) => {
      const res = await request(app).get(`/code/${code}`).set('Accept', mediaType);
      expect(res.status).toBe(ALL_CODES[code]?.status);
      expectMatches(code, mediaType, res.body);
      // The code response is narrower than the status response, and both accept the body.
      expectMatches(getStatusInfo(res.status)?.className ?? '', mediaType, res.body);
    });

    test('validation_error with its issues', async () => {
      const res = await request(app).post('/users').set('Accept', mediaType).send({});
      expect(res.status).toBe(400);
      expectMatches('validation_error', mediaType, res.body);
    });

    test('malformed JSON, rejected by express.json() before any route', async () => {
      const res = await request(app).post('/users').set('Accept', mediaType).set('Content-Type', 'application/json').send('{"name":');
      expect(res.status).toBe(400);
      expectMatches('malformed_json', mediaType, res.body);
    });

    test('the catch-all 404', async () => {
      const res = await request(app).get('/nowhere').set('Accept', mediaType);
      expectMatches('NotFoundError', mediaType, res.body);
    });

    test('any request path: the catch-all 404 still matches (instance echoes the path)', async () => {
      const segment = fc.stringMatching(/^[A-Za-z0-9\-._~!$&'()*+,;=:@%|^]{0,12}$/);
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 3 }), async (segments) => {
          const res = await request(app)
            .get(`/${segments.join('/')}`)
            .set('Accept', mediaType);
          expect(res.status).toBe(404);
          expectMatches('NotFoundError', mediaType, res.body);
        }),
        { numRuns: 40 },
      );
    });

    test('a code response rejects the body of another code', async () => {
      const res = await request(app).get('/code/malformed_json').set('Accept', mediaType);
      const check = validator('components', 'responses', 'validation_error', 'content', mediaType, 'schema');
      expect(check(res.body)).toBe(false);
    });
  });
});
