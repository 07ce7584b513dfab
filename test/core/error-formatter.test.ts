import http from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import {
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
  errorHandler,
  notFoundHandler,
  requestId,
  toEnvelope,
  type ErrorFormatter,
  type ErrorView,
  type FormattedError,
} from '../../src';
import { isValidMediaType } from '../../src/formats/media-type';
import { statusMetrics } from '../../src/metrics';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, flushLogs, type ExpressFactory } from '../helpers/app';

// Google's JSON error style (https://google.aip.dev/193): the HTTP status, a message, and the
// canonical status name.
const CANONICAL: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
};
const googleStyle: ErrorFormatter = (view) => ({
  type: 'application/json',
  body: { error: { code: view.status, message: view.message, status: CANONICAL[view.status] ?? 'UNKNOWN' } },
});

// JSON:API error objects (https://jsonapi.org/format/#error-objects), one per validation issue.
const jsonApi: ErrorFormatter = (view) => {
  const issues = Array.isArray(view.details) ? (view.details as readonly { path: string; code: string; message: string }[]) : [];
  const base = { status: String(view.status), code: view.code, title: view.title };
  return {
    type: 'application/vnd.api+json',
    body: {
      errors:
        issues.length === 0
          ? [{ ...base, detail: view.message }]
          : issues.map((issue) => ({ ...base, detail: issue.message, source: { pointer: `/${issue.path.split('.').join('/')}` } })),
      meta: { request_id: view.requestId },
    },
  };
};

/** A formatter that records every view it is given. */
function recording(formatter: ErrorFormatter): { formatter: ErrorFormatter; views: ErrorView[] } {
  const views: ErrorView[] = [];
  return { views, formatter: (view, req) => (views.push(view), formatter(view, req)) };
}

describe.each(EXPRESS_VERSIONS)('%s: errorHandler({ format: function })', (_name, express: ExpressFactory) => {
  test("a thrown NotFoundError in Google's shape, with every header of an error response", async () => {
    const app = appThrowing(() => new NotFoundError('User u_1 was not found'), {
      express,
      handler: { format: googleStyle, docsBaseUrl: 'https://api.example.com/errors/' },
    });
    const res = await request(app).get('/throw').set('X-Request-Id', 'req-g1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: 'User u_1 was not found', status: 'NOT_FOUND' } });
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect(res.headers['x-request-id']).toBe('req-g1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.link).toBe('<https://api.example.com/errors/resource_not_found>; rel="describedby"');
    // The formatter did not say it negotiates.
    expect(res.headers.vary).toBeUndefined();
  });

  test('the view a formatter gets: status, title, code, message, request id, instance, doc URL', async () => {
    const { formatter, views } = recording(googleStyle);
    const app = appThrowing(() => new NotFoundError('User u_1 was not found'), {
      express,
      handler: { format: formatter, docsBaseUrl: 'https://api.example.com/errors/' },
    });
    await request(app).get('/throw?page=2').set('X-Request-Id', 'req-v1');
    expect(views).toEqual([
      {
        status: 404,
        title: 'Not Found',
        code: 'resource_not_found',
        message: 'User u_1 was not found',
        details: undefined,
        requestId: 'req-v1',
        instance: '/throw',
        debug: undefined,
        docUrl: 'https://api.example.com/errors/resource_not_found',
      },
    ]);
    expect(Object.isFrozen(views[0])).toBe(true);
  });

  test("a masked 500: the formatter sees the catalog's message, never the internal one, which is still logged", async () => {
    const { logger, lines } = captureLogger();
    const { formatter, views } = recording(googleStyle);
    const app = appThrowing(() => new Error('connect ECONNREFUSED 10.0.0.7:5432'), { express, handler: { format: formatter, logger } });
    const res = await request(app).get('/throw');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 500, message: 'An unexpected error occurred.', status: 'INTERNAL' } });
    expect(views).toEqual([
      expect.objectContaining({
        status: 500,
        code: 'internal_error',
        message: 'An unexpected error occurred.',
        details: undefined,
        debug: undefined,
      }),
    ]);
    expect(JSON.stringify(views)).not.toContain('ECONNREFUSED');
    expect(res.text).not.toContain('ECONNREFUSED');
    await flushLogs();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        status: 500,
        code: 'internal_error',
        error: expect.objectContaining({ cause: expect.objectContaining({ message: 'connect ECONNREFUSED 10.0.0.7:5432' }) }),
      }),
    ]);
  });

  test('a validation error with details, as JSON:API error objects', async () => {
    const details = [
      { path: 'body.email', code: 'invalid_format', message: 'email must be an email address' },
      { path: 'body.name', code: 'required', message: 'name is required' },
    ];
    const app = appThrowing(() => new ValidationError('The user is invalid.', { details }), { express, handler: { format: jsonApi } });
    const res = await request(app).post('/throw').set('X-Request-Id', 'req-j1');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/vnd.api+json');
    expect(JSON.parse(res.text)).toEqual({
      errors: [
        {
          status: '400',
          code: 'validation_error',
          title: 'Bad Request',
          detail: 'email must be an email address',
          source: { pointer: '/body/email' },
        },
        { status: '400', code: 'validation_error', title: 'Bad Request', detail: 'name is required', source: { pointer: '/body/name' } },
      ],
      meta: { request_id: 'req-j1' },
    });
  });

  test.each([
    ['401: WWW-Authenticate', () => new UnauthorizedError(), 401, 'www-authenticate', 'Bearer realm="api"'],
    ['429: Retry-After', () => new TooManyRequestsError(undefined, { retryAfter: 30 }), 429, 'retry-after', '30'],
  ] as const)('the headers of the status are still set (%s)', async (_case, thrown, status, header, value) => {
    const res = await request(appThrowing(thrown, { express, handler: { format: googleStyle } }))
      .get('/throw')
      .set('X-Request-Id', 'req-h1');
    expect(res.status).toBe(status);
    expect(res.headers[header]).toBe(value);
    expect(res.headers['x-request-id']).toBe('req-h1');
    expect(res.body.error.status).toBe(CANONICAL[status]);
  });

  test('requestId({ header }) is the header of a formatted response too', async () => {
    const app = appThrowing(() => new ForbiddenError(), { express, requestId: { header: 'X-Trace-Id' }, handler: { format: googleStyle } });
    const res = await request(app).get('/throw').set('X-Trace-Id', 'trace-f1');
    expect(res.status).toBe(403);
    expect(res.headers['x-trace-id']).toBe('trace-f1');
    expect(res.headers['x-request-id']).toBeUndefined();
  });

  test('HEAD: the status and headers of the formatted body, no body', async () => {
    const app = appThrowing(() => new NotFoundError('User u_1 was not found'), { express, handler: { format: googleStyle } });
    const get = await request(app).get('/throw');
    const head = await request(app).head('/throw');
    expect(head.status).toBe(404);
    expect(head.headers['content-type']).toBe('application/json');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text).toBeUndefined();
  });

  test('a string body is written as it is; a formatter that negotiates says so and gets Vary', async () => {
    const negotiating: ErrorFormatter = (view, req) =>
      /\btext\/plain\b/.test(req.headers.accept ?? '')
        ? { type: 'text/plain; charset=utf-8', body: `${view.status} ${view.code}: ${view.message}\n`, vary: ['Accept'] }
        : { type: 'application/json', body: toEnvelope(view), vary: ['Accept'] };
    const app = appThrowing(() => new NotFoundError('Café not found'), { express, handler: { format: negotiating } });
    const text = await request(app).get('/throw').set('Accept', 'text/plain').set('X-Request-Id', 'req-t1');
    expect(text.status).toBe(404);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.text).toBe('404 resource_not_found: Café not found\n');
    expect(text.headers['content-length']).toBe(String(Buffer.byteLength('404 resource_not_found: Café not found\n')));
    expect(text.headers.vary).toBe('Accept');
    const json = await request(app).get('/throw').set('X-Request-Id', 'req-t2');
    expect(json.body).toEqual({ error: { code: 'resource_not_found', message: 'Café not found' }, meta: { request_id: 'req-t2' } });
    expect(json.headers.vary).toBe('Accept');
  });

  test("notFoundHandler's 404 goes through the formatter, and statusMetrics still counts its code", async () => {
    const metrics = statusMetrics();
    const app = express();
    app.use(metrics);
    app.use(requestId());
    app.use(notFoundHandler());
    app.use(errorHandler({ logger: false, format: googleStyle }));
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: 'No route matches GET /nowhere', status: 'NOT_FOUND' } });
    expect(metrics.snapshot().codes).toEqual([expect.objectContaining({ code: 'resource_not_found', count: 1 })]);
  });

  const failing: readonly (readonly [string, () => FormattedError])[] = [
    [
      'throws',
      () => {
        throw new Error('formatter bug: cannot read /srv/secrets.json');
      },
    ],
    ['returns undefined', () => undefined as never],
    ['returns a promise', () => Promise.resolve({ type: 'application/json', body: {} }) as never],
    ['names a header-splitting media type', () => ({ type: 'application/json\r\nSet-Cookie: session=stolen', body: {} })],
    ['names a media range', () => ({ type: '*/*', body: {} })],
    ['returns a body JSON cannot write (a BigInt)', () => ({ type: 'application/json', body: { n: 1n } as never })],
    [
      'returns a body JSON cannot write (a cycle)',
      () => {
        const body: Record<string, unknown> = {};
        body.self = body;
        return { type: 'application/json', body: body as never };
      },
    ],
    ['returns no body', () => ({ type: 'application/json', body: undefined as never })],
    ['names an invalid Vary header', () => ({ type: 'application/json', body: {}, vary: ['Accept\r\nX: y'] })],
  ];
  test.each(failing)('a formatter that %s: the default envelope, one error line, nothing of the failure sent', async (_case, formatter) => {
    const { logger, lines } = captureLogger();
    const app = appThrowing(() => new NotFoundError('User u_1 was not found'), { express, handler: { format: formatter, logger } });
    const res = await request(app).get('/throw').set('X-Request-Id', 'req-f1');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({ error: { code: 'resource_not_found', message: 'User u_1 was not found' }, meta: { request_id: 'req-f1' } });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.text).not.toContain('secrets');
    await flushLogs();
    expect(lines.map((line) => [line.level, line.msg, line.request_id])).toEqual([
      [40, 'GET /throw -> 404 resource_not_found', 'req-f1'],
      [50, 'the error formatter failed; answered with the default envelope', 'req-f1'],
    ]);
    // The app's server goes on answering.
    expect((await request(app).get('/ok')).status).toBe(200);
  });
});

test('format must be a built-in name or a function, checked at startup', () => {
  expect(() => errorHandler({ format: 'problems' as never })).toThrow(
    `errorHandler: format must be 'envelope', 'problem', 'negotiate' or a function, not "problems"`,
  );
  expect(() => errorHandler({ format: googleStyle })).not.toThrow();
});

describe('isValidMediaType', () => {
  test.each([
    ['application/json', true],
    ['application/vnd.api+json', true],
    ['application/problem+json', true],
    ['text/plain; charset=utf-8', true],
    ['text/plain;charset="utf-8"', true],
    ['multipart/mixed; boundary="a \\" b"', true],
    ['application/json;', true],
    ['*/*', false],
    ['text/*', false],
    ['application', false],
    ['application/json; charset', false],
    ['application/json\r\nX-Injected: 1', false],
    ['application/jsön', false],
    ['app lication/json', false],
    ['', false],
    [`application/${'a'.repeat(250)}`, false],
  ])('%j -> %s', (value, valid) => {
    expect(isValidMediaType(value)).toBe(valid);
  });

  const tchar = fc.constantFrom(..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split(''));
  const token = fc.string({ unit: tchar, minLength: 1, maxLength: 12 }).filter((value) => value !== '*');
  test('every type/subtype with token parameters is valid', () => {
    fc.assert(
      fc.property(token, token, fc.array(fc.tuple(token, token), { maxLength: 4 }), (type, subtype, parameters) => {
        const value = `${type}/${subtype}${parameters.map(([name, parameterValue]) => `; ${name}=${parameterValue}`).join('')}`;
        expect(isValidMediaType(value)).toBe(value.length <= 256);
      }),
    );
  });

  test('whatever it accepts, Node writes as a header value, and it holds no CR, LF or NUL', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (value) => {
        if (!isValidMediaType(value)) return;
        expect(value).not.toMatch(/[\r\n\0]/);
        expect(() => new http.ServerResponse(new http.IncomingMessage(null as never)).setHeader('Content-Type', value)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  test('a near miss is refused in linear time', () => {
    const started = process.hrtime.bigint();
    for (const evil of [`a/b${'; '.repeat(126)}!`, `a/b;${' '.repeat(250)}!`, `a/b; a="${'\\"'.repeat(120)}`])
      expect(isValidMediaType(evil)).toBe(false);
    // Backtracking on these inputs would take seconds or hours; the bound leaves room for a stalled CI machine.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });
});
