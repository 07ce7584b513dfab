// An error after the headers went out cannot be answered: the connection is cut so the client
// sees an incomplete response (RFC 9112 §8). It must not be handed to Express's final handler,
// which prints the error it gets with console.error outside `env=test`.
// And when writing the error response itself fails, the last-resort 500 is still in the
// negotiated format with the headers of any 500.
import request from 'supertest';
import { BadRequestError, InternalServerError } from '../../src';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, flushLogs, type ExpressFactory } from '../helpers/app';

const SECRET = 'Bearer sk_live_SECRET_TOKEN_4711';

function axiosLike(): Error {
  return Object.assign(new Error('Request failed with status code 500'), {
    isAxiosError: true,
    name: 'AxiosError',
    code: 'ERR_BAD_RESPONSE',
    config: { url: 'https://payments.internal/charge', headers: { Authorization: SECRET } },
    response: { status: 500, headers: {}, data: { token: SECRET } },
  });
}

describe.each(EXPRESS_VERSIONS)('headers already sent on %s (env=production)', (_name, express: ExpressFactory) => {
  let printed: string[];
  let spies: jest.SpyInstance[];
  beforeEach(() => {
    printed = [];
    const capture = (...args: unknown[]): void => {
      for (const arg of args)
        printed.push(
          typeof arg === 'string'
            ? arg
            : JSON.stringify(arg, Object.getOwnPropertyNames(arg ?? {})) + String((arg as Error | undefined)?.stack),
        );
    };
    spies = [
      jest.spyOn(console, 'error').mockImplementation(capture),
      jest.spyOn(console, 'warn').mockImplementation(capture),
      jest.spyOn(console, 'log').mockImplementation(capture),
    ];
  });
  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
  });

  function lateApp(thrown: () => unknown, logger = captureLogger().logger): ReturnType<ExpressFactory> {
    const app = appThrowing(thrown, {
      express,
      handler: { logger },
      before: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"partial":');
      },
    });
    app.set('env', 'production');
    return app;
  }

  test.each<[string, () => unknown]>([
    ['an axios-like error', axiosLike],
    [
      'our own 500 with a secret in its (masked) message',
      () => new InternalServerError(`charge failed for ${SECRET}`, { cause: axiosLike() }),
    ],
    ['a 4xx with the axios error as its cause', () => new BadRequestError('bad', { cause: axiosLike() })],
  ])('%s: the connection is cut and nothing is printed', async (_label, thrown) => {
    const { logger, lines } = captureLogger();
    const outcome = await request(lateApp(thrown, logger))
      .get('/throw')
      .then(
        (res) => ({ status: res.status, text: res.text, error: undefined as unknown }),
        (error: unknown) => ({ status: undefined, text: undefined, error }),
      );
    // The body never completes: superagent reports the aborted response.
    expect(outcome.error).toBeDefined();
    expect(String((outcome.error as Error).message)).toMatch(/aborted|socket hang up|ECONNRESET/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(printed.join('\n')).not.toContain('SECRET');
    expect(printed).toEqual([]);
    // Our own log line still records it once, the cause's Authorization redacted.
    await flushLogs();
    expect(lines).toHaveLength(1);
    expect(JSON.stringify((lines[0]?.error as { cause?: unknown } | undefined)?.cause ?? lines[0]?.error)).not.toContain('sk_live_SECRET');
  });

  test('the server still serves the next request', async () => {
    const app = lateApp(axiosLike);
    await request(app)
      .get('/throw')
      .catch(() => undefined);
    const ok = await request(app).get('/ok');
    expect(ok.status).toBe(200);
  });
});

describe.each(EXPRESS_VERSIONS)('the last-resort 500 on %s', (_name, express: ExpressFactory) => {
  // Details JSON cannot write (a BigInt) make writing the response fail.
  const unwritable = (): BadRequestError => new BadRequestError('bad', { details: { n: 1n } });

  test('format problem: a problem details 500 with the headers of a normal 500', async () => {
    const res = await request(appThrowing(unwritable, { express, handler: { format: 'problem', cacheControl: 'private, no-cache' } })).get(
      '/throw',
    );
    expect(res.status).toBe(500);
    expect((res as unknown as { res: { statusMessage: string } }).res.statusMessage).toBe('Internal Server Error');
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/throw',
      code: 'internal_error',
      request_id: res.headers['x-request-id'],
    });
  });

  test('format negotiate: the client that asked for problem details gets them, with Vary: Accept', async () => {
    const app = appThrowing(unwritable, { express, handler: { format: 'negotiate', docsBaseUrl: 'https://api.example.com/docs/errors/' } });
    const problem = await request(app).get('/throw').set('Accept', 'application/problem+json');
    expect(problem.status).toBe(500);
    expect(problem.headers['content-type']).toBe('application/problem+json');
    expect(problem.headers.vary).toBe('Accept');
    expect(problem.headers.link).toBe('<https://api.example.com/docs/errors/internal_error>; rel="describedby"');
    expect(problem.body.type).toBe('https://api.example.com/docs/errors/internal_error');
    const envelope = await request(app).get('/throw').set('Accept', 'application/json');
    expect(envelope.headers['content-type']).toBe('application/json');
    expect(envelope.headers.vary).toBe('Accept');
    expect(envelope.body).toEqual({
      error: {
        code: 'internal_error',
        message: 'An unexpected error occurred.',
        doc_url: 'https://api.example.com/docs/errors/internal_error',
      },
      meta: { request_id: envelope.headers['x-request-id'] },
    });
  });

  test('HEAD gets no body', async () => {
    const res = await request(appThrowing(unwritable, { express })).head('/throw');
    expect(res.status).toBe(500);
    expect(res.text).toBeUndefined();
  });

  test('the failure is logged once at error', async () => {
    const { logger, lines } = captureLogger();
    await request(appThrowing(unwritable, { express, handler: { logger } })).get('/throw');
    await flushLogs();
    expect(lines.filter((line) => line.msg === 'failed to write the error response')).toHaveLength(1);
  });
});
