import fc from 'fast-check';
import request from 'supertest';
import {
  BadGatewayError,
  ConflictError,
  ERROR_STATUSES,
  InternalServerError,
  NotFoundError,
  PROBLEM_MEDIA_TYPE,
  ValidationError,
  createError,
  getStatusInfo,
  prefersProblemDetails,
  problemTypeUri,
  type ErrorFormat,
} from '../../src';
import type { IncomingMessage } from 'node:http';
import { buildApp } from '../helpers/app';

const REQUEST_ID = 'req-problem-1';

function appThrowing(error: () => unknown, format: ErrorFormat = 'problem', problemTypeBase?: string) {
  return buildApp(
    (app) => {
      app.all('/boom', () => {
        throw error();
      });
    },
    { handler: { format, ...(problemTypeBase === undefined ? {} : { problemTypeBase }) } },
  );
}

/** The RFC 9457 §3.1 rules every problem body must follow. */
function expectValidProblem(body: Record<string, unknown>, status: number): void {
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(body.status).toBe(status);
  expect(Number.isInteger(body.status)).toBe(true);
  expect(typeof body.detail).toBe('string');
  if ('instance' in body) expect(typeof body.instance).toBe('string');
  if (body.type === 'about:blank') expect(body.title).toBe(getStatusInfo(status)?.phrase);
  // §3.2 / §4: extension names start with a letter, then letters, digits and `_`, at least 3 characters.
  for (const name of Object.keys(body)) {
    if (!['type', 'title', 'status', 'detail', 'instance'].includes(name)) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{2,}$/);
  }
}

describe('problem details (RFC 9457)', () => {
  test.each(ERROR_STATUSES.map((status) => [status]))(
    '%i: status member equals the response status, title is the reason phrase',
    async (status) => {
      const res = await request(appThrowing(() => createError(status)))
        .get('/boom')
        .set('X-Request-Id', REQUEST_ID);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe(PROBLEM_MEDIA_TYPE);
      expectValidProblem(res.body as Record<string, unknown>, status);
      const info = getStatusInfo(status);
      expect(res.body).toEqual({
        type: 'about:blank',
        title: info?.phrase,
        status,
        detail: info?.message,
        instance: '/boom',
        code: info?.code,
        request_id: REQUEST_ID,
      });
    },
  );

  test('a 4xx shows its own message as detail', async () => {
    const res = await request(appThrowing(() => new NotFoundError('User user_123 was not found')))
      .get('/boom?token=secret')
      .set('X-Request-Id', REQUEST_ID);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'User user_123 was not found',
      instance: '/boom',
      code: 'resource_not_found',
      request_id: REQUEST_ID,
    });
  });

  test('a 5xx masks its message and details in detail, and never sends the cause', async () => {
    const res = await request(
      appThrowing(
        () => new InternalServerError('db password=hunter2 rejected', { details: { host: 'db-1' }, cause: new Error('ECONNRESET') }),
      ),
    ).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body.detail).toBe('An unexpected error occurred.');
    expect(res.text).not.toMatch(/hunter2|db-1|ECONNRESET|stack/);
    expect(res.body).not.toHaveProperty('errors');
    expectValidProblem(res.body as Record<string, unknown>, 500);
  });

  test('a 5xx created with expose: true keeps its message', async () => {
    const res = await request(appThrowing(() => new BadGatewayError('The payments provider is down.', { expose: true }))).get('/boom');
    expect(res.body.detail).toBe('The payments provider is down.');
  });

  test('validation details are the errors extension member', async () => {
    const issues = [
      { path: 'body.name', code: 'required', message: 'name is required' },
      { path: 'body.email', code: 'invalid_format', message: 'email must be an email address' },
    ];
    const res = await request(appThrowing(() => new ValidationError('The user is invalid.', { details: issues }))).post('/boom');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, code: 'validation_error', errors: issues });
    expectValidProblem(res.body as Record<string, unknown>, 400);
  });

  test('with a type base, type is an absolute URI built from the code; title stays the phrase', async () => {
    const res = await request(appThrowing(() => new ConflictError('Email taken'), 'problem', 'https://api.example.com/problems/')).post(
      '/boom',
    );
    expect(res.body.type).toBe('https://api.example.com/problems/resource_conflict');
    expect(new URL(res.body.type as string).protocol).toBe('https:');
    expect(res.body.title).toBe('Conflict');
    expect(res.body.status).toBe(409);
  });

  test.each([
    ['https://api.example.com/problems', 'https://api.example.com/problems/resource_conflict'],
    ['https://api.example.com/docs#', 'https://api.example.com/docs#resource_conflict'],
    ['urn:example:problem:', 'urn:example:problem:resource_conflict'],
    ['', 'about:blank'],
  ])('type base %j -> type %j', async (base, type) => {
    const res = await request(appThrowing(() => new ConflictError('Email taken'), 'problem', base)).post('/boom');
    expect(res.body.type).toBe(type);
    expect(problemTypeUri(base, 'resource_conflict')).toBe(type);
  });

  test('HEAD gets the headers and no body', async () => {
    const res = await request(appThrowing(() => new NotFoundError())).head('/boom');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM_MEDIA_TYPE);
    expect(res.text).toBeUndefined();
  });
});

describe('negotiation (format: negotiate)', () => {
  const app = appThrowing(() => new NotFoundError('nope'), 'negotiate');
  const BROWSER_ACCEPTS = [
    // Chrome / Edge navigation, Firefox navigation, Safari, fetch() default
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    '*/*',
  ];

  const CASES: [accept: string, problem: boolean][] = [
    ['application/problem+json', true],
    ['application/problem+json, application/json;q=0.9', true],
    ['application/json;q=0.5, application/problem+json', true],
    ['application/problem+json;q=0.9, application/json;q=0.8, */*;q=0.1', true],
    ['application/json', false],
    ['application/json, application/problem+json;q=0.5', false],
    ['application/json, application/problem+json', false],
    ['application/*', false],
    ['application/*;q=0.2, application/problem+json;q=0.1', false],
    ['application/problem+json;q=0', false],
    ['text/html', false],
    ['text/csv', false],
    ['', false],
    ...BROWSER_ACCEPTS.map((accept): [string, boolean] => [accept, false]),
  ];

  test.each(CASES)('Accept %j -> problem details: %s', async (accept, problem) => {
    const res = await request(app).get('/boom').set('Accept', accept);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe(problem ? 'application/problem+json' : 'application/json');
    expect(res.headers.vary).toBe('Accept');
    if (problem) expect(res.body).toMatchObject({ status: 404, title: 'Not Found', detail: 'nope' });
    else expect(res.body).toMatchObject({ error: { code: 'resource_not_found', message: 'nope' } });
  });

  test('no Accept header gets the envelope', async () => {
    const res = await request(app).get('/boom').unset('Accept');
    expect(res.headers['content-type']).toBe('application/json');
  });

  const fakeRequest = (accept: string | undefined) => ({ headers: accept === undefined ? {} : { accept } }) as IncomingMessage;

  test('problem and envelope formats ignore Accept', () => {
    expect(prefersProblemDetails('problem', fakeRequest('application/json'))).toBe(true);
    expect(prefersProblemDetails('envelope', fakeRequest('application/problem+json'))).toBe(false);
  });

  test('property: problem details exactly when problem+json has a strictly higher q than JSON, or equal q and listed first', () => {
    const q = fc.integer({ min: 0, max: 10 }).map((n) => n / 10);
    fc.assert(
      fc.property(q, q, fc.boolean(), (qProblem, qJson, problemFirst) => {
        const parts = [`application/problem+json;q=${qProblem}`, `application/json;q=${qJson}`];
        const accept = (problemFirst ? parts : parts.reverse()).join(', ');
        const expected = qProblem > 0 && (qProblem > qJson || (qProblem === qJson && problemFirst));
        expect(prefersProblemDetails('negotiate', fakeRequest(accept))).toBe(expected);
      }),
    );
  });

  test('property: any Accept header gives one of the two JSON media types, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', '/', '*', ';', 'q', '=', '0', '.', '5', ',', ' ', '+', 'j', 's', 'o', 'n') }),
        async (accept) => {
          expect(typeof prefersProblemDetails('negotiate', fakeRequest(accept))).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});
