// `docsBaseUrl`: every error response links to the page documenting its code, as
// `Link: <url>; rel="describedby"` (RFC 8288 §3; "describedby" from the IANA link relations,
// POWDER) and as `error.doc_url` in the envelope (the name Stripe's API uses). For problem
// details the `type` URI plays that role (RFC 9457 §3.1.1) and defaults to the same page.
import express5 from 'express';
import request from 'supertest';
import { errorHandler, NotFoundError, UnavailableForLegalReasonsError, InternalServerError, BadRequestError } from '../../src';
import { idempotency } from '../../src/idempotency';
import { retiredApiVersions } from '../../src/http';
import { parseErrorResponse } from '../../src/client';
import { envelopeSchema } from '../../src/openapi/schemas';
import { appThrowing, EXPRESS_VERSIONS, type ExpressFactory } from '../helpers/app';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const DOCS = 'https://api.example.com/docs/errors/';

describe.each(EXPRESS_VERSIONS)('docsBaseUrl on %s', (_name, express: ExpressFactory) => {
  test('an envelope error carries the Link and doc_url', async () => {
    const res = await request(
      appThrowing(() => new NotFoundError('User user_1 was not found'), { express, handler: { docsBaseUrl: DOCS } }),
    ).get('/throw');
    expect(res.status).toBe(404);
    expect(res.headers.link).toBe('<https://api.example.com/docs/errors/resource_not_found>; rel="describedby"');
    expect(res.body).toEqual({
      error: {
        code: 'resource_not_found',
        message: 'User user_1 was not found',
        doc_url: 'https://api.example.com/docs/errors/resource_not_found',
      },
      meta: { request_id: res.headers['x-request-id'] },
    });
  });

  test('details stay before doc_url is added; a masked 500 links its generic code', async () => {
    const res = await request(appThrowing(() => new InternalServerError('secret'), { express, handler: { docsBaseUrl: DOCS } })).get(
      '/throw',
    );
    expect(res.headers.link).toBe('<https://api.example.com/docs/errors/internal_error>; rel="describedby"');
    expect(res.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.', doc_url: `${DOCS}internal_error` });
  });

  test('a base without a trailing slash gets one, as problemTypeBase does', async () => {
    const res = await request(
      appThrowing(() => new NotFoundError(), { express, handler: { docsBaseUrl: 'https://api.example.com/docs/errors' } }),
    ).get('/throw');
    expect(res.body.error.doc_url).toBe('https://api.example.com/docs/errors/resource_not_found');
  });

  test("a 451's blocked-by Link is kept; describedby is appended", async () => {
    const res = await request(
      appThrowing(() => new UnavailableForLegalReasonsError(undefined, { blockedBy: 'https://authority.example/' }), {
        express,
        handler: { docsBaseUrl: DOCS },
      }),
    ).get('/throw');
    expect(res.status).toBe(451);
    expect(res.headers.link).toBe(
      '<https://authority.example/>; rel="blocked-by", <https://api.example.com/docs/errors/unavailable_for_legal_reasons>; rel="describedby"',
    );
  });

  test('a Link set by an earlier middleware (deprecation) is merged, not clobbered', async () => {
    const app = express();
    app.use(retiredApiVersions({ current: 'v2', retired: ['v1'], path: true, migrationUrl: 'https://docs.example.com/v2' }));
    app.use(errorHandler({ logger: false, docsBaseUrl: DOCS }));
    const res = await request(app).get('/v1/x');
    expect(res.status).toBe(426);
    expect(res.headers.link).toBe(
      '<https://docs.example.com/v2>; rel="deprecation", <https://api.example.com/docs/errors/api_version_retired>; rel="describedby"',
    );
    const before = await request(
      appThrowing(() => new NotFoundError(), {
        express,
        handler: { docsBaseUrl: DOCS },
        before: (_req, r) => void r.setHeader('Link', '</other>; rel="help"'),
      }),
    ).get('/throw');
    expect(before.headers.link).toBe('</other>; rel="help", <https://api.example.com/docs/errors/resource_not_found>; rel="describedby"');
  });

  test('problem details: `type` defaults to the docs page, and the Link is sent; no doc_url member', async () => {
    const res = await request(appThrowing(() => new NotFoundError(), { express, handler: { docsBaseUrl: DOCS, format: 'problem' } })).get(
      '/throw',
    );
    expect(res.headers.link).toBe('<https://api.example.com/docs/errors/resource_not_found>; rel="describedby"');
    expect(res.body.type).toBe('https://api.example.com/docs/errors/resource_not_found');
    expect(res.body).not.toHaveProperty('doc_url');
  });

  test('problemTypeBase still wins for `type`', async () => {
    const res = await request(
      appThrowing(() => new NotFoundError(), {
        express,
        handler: { docsBaseUrl: DOCS, problemTypeBase: 'https://example.com/problems/', format: 'problem' },
      }),
    ).get('/throw');
    expect(res.body.type).toBe('https://example.com/problems/resource_not_found');
    expect(res.headers.link).toBe('<https://api.example.com/docs/errors/resource_not_found>; rel="describedby"');
  });

  test('without docsBaseUrl: no Link, no doc_url', async () => {
    const res = await request(appThrowing(() => new NotFoundError(), { express })).get('/throw');
    expect(res.headers.link).toBeUndefined();
    expect(res.body.error).toEqual({ code: 'resource_not_found', message: 'The requested resource was not found.' });
  });

  test('idempotency errors get the same', async () => {
    const app = express();
    app.use(express.json());
    app.use(idempotency({ required: true }));
    app.post('/items', (_req, res) => void res.status(201).json({}));
    app.use(errorHandler({ logger: false, docsBaseUrl: DOCS }));
    const res = await request(app).post('/items').send({});
    expect(res.status).toBe(400);
    expect(res.headers.link).toBe('<https://api.example.com/docs/errors/idempotency_key_missing>; rel="describedby"');
    expect(res.body.error.doc_url).toBe(`${DOCS}idempotency_key_missing`);
  });
});

test.each(['not a url', '/relative/', 'https://x.example/<a>', 'https://x.example/\r\n', 'javascript:alert(1)'])(
  'errorHandler refuses docsBaseUrl %j',
  (docsBaseUrl) => {
    expect(() => errorHandler({ docsBaseUrl })).toThrow(TypeError);
  },
);

test('the envelope schema accepts doc_url (a URI) and still nothing else', () => {
  const ajv = new Ajv2020({ strict: true });
  addFormats(ajv);
  const validate = ajv.compile(envelopeSchema());
  expect(validate({ error: { code: 'x', message: 'y', doc_url: 'https://a.example/x' }, meta: { request_id: 'r' } })).toBe(true);
  expect(validate({ error: { code: 'x', message: 'y', doc_url: 'not a uri' }, meta: { request_id: 'r' } })).toBe(false);
  expect(validate({ error: { code: 'x', message: 'y', other: 1 }, meta: { request_id: 'r' } })).toBe(false);
});

test('the client exposes docUrl on the error it parses', async () => {
  const app = express5();
  app.get('/x', () => {
    throw new BadRequestError('Bad');
  });
  app.use(errorHandler({ logger: false, docsBaseUrl: DOCS }));
  const res = await request(app).get('/x');
  const error = await parseErrorResponse(new Response(res.text, { status: res.status, headers: { 'Content-Type': 'application/json' } }));
  expect(error.docUrl).toBe(`${DOCS}bad_request`);
  const problem = express5();
  problem.get('/x', () => {
    throw new BadRequestError('Bad');
  });
  problem.use(errorHandler({ logger: false, docsBaseUrl: DOCS, format: 'problem' }));
  const res2 = await request(problem).get('/x');
  const error2 = await parseErrorResponse(
    new Response(res2.text, { status: res2.status, headers: { 'Content-Type': 'application/problem+json' } }),
  );
  expect(error2.docUrl).toBe(`${DOCS}bad_request`);
  const none = await parseErrorResponse(
    new Response('{"error":{"code":"x","message":"y"}}', { status: 400, headers: { 'Content-Type': 'application/json' } }),
  );
  expect(none.docUrl).toBeUndefined();
});
