import express5, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { OpenAPIV3 } from 'express-openapi-validator/dist/framework/types';
import request from 'supertest';
import { ValidationError, errorHandler, toApiError } from '../../src';
import { EXPRESS_VERSIONS, captureLogger, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';
import { pastTheCap } from '../helpers/past-the-cap';

const SECRET = 'hunter2-SECRET';

// A tiny OpenAPI 3.0 document: one operation with path, query, header and body inputs, and one
// secured by an API key.
const apiSpec: OpenAPIV3.DocumentV3 = {
  openapi: '3.0.3',
  info: { title: 'users', version: '1.0.0' },
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
  paths: {
    '/users/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      post: {
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'x-tenant', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['email', 'name'],
                additionalProperties: false,
                properties: {
                  email: { type: 'string', format: 'email' },
                  name: { type: 'string', minLength: 2 },
                  password: { type: 'string', maxLength: 8 },
                  role: { type: 'string', enum: ['admin', 'user'] },
                  age: { type: 'integer' },
                  items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer', multipleOf: 5 } } } },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/secure': { get: { security: [{ key: [] }], responses: { '200': { description: 'ok' } } } },
  },
};

function openApiApp(factory: ExpressFactory = express5): { app: Express; lines: Record<string, unknown>[] } {
  const { logger, lines } = captureLogger();
  const app = factory();
  app.use(factory.json());
  app.use(OpenApiValidator.middleware({ apiSpec, validateRequests: { allErrors: true }, validateSecurity: true }));
  app.post('/users/:id', (_req, res) => {
    res.status(201).json({ ok: true });
  });
  app.get('/secure', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler({ logger }));
  return { app, lines };
}

describe('express-openapi-validator 5 BadRequest (allErrors): 400 validation_error, one detail per error', () => {
  it.each(EXPRESS_VERSIONS)('every input location, every failure (%s)', async (_name, factory) => {
    const { app, lines } = openApiApp(factory);
    const res = await request(app)
      .post(`/users/abc?page=0`)
      .send({ email: SECRET, password: SECRET, role: SECRET, age: SECRET, items: [{ qty: 7 }], [`${SECRET}-key`]: 1 });
    await flushLogs();
    const body = expectErrorResponse(res, 400, 'Bad Request');
    expect(body.error).toEqual({
      code: 'validation_error',
      message: 'The request failed validation.',
      details: [
        { path: 'query.page', code: 'too_small', message: 'must be >= 1' },
        { path: 'headers.x-tenant', code: 'required', message: "must have required property 'x-tenant'" },
        { path: 'params.id', code: 'invalid_type', message: 'must be integer' },
        { path: 'body.name', code: 'required', message: "must have required property 'name'" },
        { path: 'body.hunter2-SECRET-key', code: 'unknown_field', message: 'must NOT have additional properties' },
        { path: 'body.email', code: 'invalid_format', message: 'must match format "email"' },
        { path: 'body.password', code: 'too_big', message: 'must NOT have more than 8 characters' },
        { path: 'body.role', code: 'invalid_value', message: 'must be equal to one of the allowed values: admin, user' },
        { path: 'body.age', code: 'invalid_type', message: 'must be integer' },
        { path: 'body.items[0].qty', code: 'not_multiple_of', message: 'must be multiple of 5' },
      ],
    });
    expect(res.text.replaceAll(`${SECRET}-key`, '')).not.toContain(SECRET);
    expect(JSON.stringify(lines).replaceAll(`${SECRET}-key`, '')).not.toContain(SECRET);
    expect(JSON.stringify(lines)).toContain('"source":"express-openapi-validator"');
  });

  it('a valid request passes', async () => {
    const res = await request(openApiApp().app).post('/users/1').set('x-tenant', 't').send({ email: 'a@b.co', name: 'Ada' });
    expect(res.status).toBe(201);
  });
});

describe('its other errors keep their status', () => {
  it('405 keeps the Allow header it names (RFC 9110 §15.5.6)', async () => {
    const res = await request(openApiApp().app).get('/users/1');
    const body = expectErrorResponse(res, 405, 'Method Not Allowed');
    expect(res.headers.allow).toBe('POST');
    expect(body.error).toEqual({ code: 'method_not_allowed', message: 'GET method not allowed' });
  });

  it('404 for a path the document does not describe', async () => {
    const body = expectErrorResponse(await request(openApiApp().app).get('/nope'), 404, 'Not Found');
    expect(body.error.code).toBe('resource_not_found');
  });

  it('415 for a media type the operation does not accept (RFC 9110 §15.5.16)', async () => {
    const res = await request(openApiApp().app).post('/users/1').set('x-tenant', 't').set('content-type', 'text/plain').send('hello');
    const body = expectErrorResponse(res, 415, 'Unsupported Media Type');
    expect(body.error).toEqual({ code: 'unsupported_media_type', message: 'unsupported media type text/plain' });
  });

  it('401 when the security requirement is not met', async () => {
    const res = await request(openApiApp().app).get('/secure');
    const body = expectErrorResponse(res, 401, 'Unauthorized');
    expect(body.error.code).toBe('authentication_required');
    expect(res.headers['www-authenticate']).toBeDefined();
  });
});

describe('shape and paths', () => {
  const badRequest = (errors: unknown[], extra: object = {}): object =>
    Object.assign(new Error('x'), { name: 'Bad Request', status: 400, path: '/users/1', headers: undefined, errors, ...extra });

  it.each([
    ['.query.limit', 'query.limit'],
    ['/path/id', 'params.id'],
    ['/cookies/sid', 'cookies.sid'],
    ['/body', 'body'],
    ['/body/a~1b', 'body["a/b"]'],
    ['/users/1', ''],
    ['users', ''],
    // A location word without the leading `/` or `.` of a JSON Pointer or a dotted path is no location.
    ['body.a', ''],
    [7, ''],
  ])('path %p reads as %p', (path, expected) => {
    expect(toApiError(badRequest([{ path, message: 'm' }])).details).toEqual([{ path: expected, code: 'invalid', message: 'm' }]);
  });

  it('its own checks without an errorCode: an unknown query parameter is unknown_field', () => {
    expect(
      toApiError(
        badRequest([
          { path: '/query/debug', message: "Unknown query parameter 'debug'" },
          { path: '/query/q', message: "Empty value found for query parameter 'q'" },
        ]),
      ).details,
    ).toEqual([
      { path: 'query.debug', code: 'unknown_field', message: "Unknown query parameter 'debug'" },
      { path: 'query.q', code: 'invalid', message: "Empty value found for query parameter 'q'" },
    ]);
  });

  it.each([
    ['required.openapi.validation', 'required'],
    ['type.openapi.validation', 'invalid_type'],
    ['pattern.openapi.validation', 'invalid_format'],
    ['maxItems.openapi.validation', 'too_big'],
    ['const.openapi.validation', 'invalid_value'],
    ['oneOf.openapi.validation', 'invalid'],
    ['format', 'invalid'],
  ])('errorCode %s is %s', (errorCode, code) => {
    const error = toApiError(badRequest([{ path: '/body/a', message: 'm', errorCode }]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([{ path: 'body.a', code, message: 'm' }]);
  });

  it('look-alikes keep the generic status reading', () => {
    expect(toApiError(badRequest([], { name: 'BadRequestError' })).code).toBe('bad_request');
    expect(toApiError(badRequest([], { status: 422 })).code).not.toBe('validation_error');
    expect(toApiError(badRequest([], { path: undefined })).code).toBe('bad_request');
    expect(toApiError(badRequest([], { errors: 'x' })).code).toBe('bad_request');
  });

  it('details stop at 100, the entries past them never read; odd entries are "invalid" at the root', () => {
    const errors: object[] = Array.from({ length: 150 }, () => ({ path: '/body/a', message: 'm' }));
    errors[100] = pastTheCap('path');
    expect(toApiError(badRequest(errors)).details).toHaveLength(100);
    expect(toApiError(badRequest([null])).details).toEqual([{ path: '', code: 'invalid', message: 'This value is invalid.' }]);
  });
});
