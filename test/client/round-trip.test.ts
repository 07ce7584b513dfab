import {
  createError as serverCreateError,
  errorHandler,
  requestId,
  ERROR_STATUSES,
  ValidationError as ServerValidationError,
  NotFoundError as ServerNotFoundError,
  type ErrorFormat,
} from '../../src';
import * as client from '../../src/client';
import { BadGatewayError, NetworkError, createClient, errorClassesByStatus, isResponseError } from '../../src/client';
import { EXPRESS_VERSIONS } from '../helpers/app';
import { listen, type RunningServer } from './server';

// Fetch turns a 407 from a server that is not a configured proxy into a network error (Fetch
// standard, HTTP-network-or-cache fetch: "If response's status is 407 ... return a network error").
const FETCH_VISIBLE = ERROR_STATUSES.filter((status) => status !== 407);

describe.each(EXPRESS_VERSIONS)('round trip over HTTP (%s)', (_version, express) => {
  describe.each<ErrorFormat>(['envelope', 'problem'])('errorHandler({ format: %j })', (format) => {
    let server: RunningServer;
    beforeAll(async () => {
      const app = express();
      app.use(requestId());
      app.get('/status/:status', (req) => {
        const status = Number(req.params.status) as (typeof ERROR_STATUSES)[number];
        // expose: true sends the message and details of a 5xx too, so every status is compared in full.
        throw serverCreateError(status, `Thrown with ${status}`, {
          code: `app_code_${status}`,
          details: { status, tags: ['a', 'b'] },
          expose: true,
        });
      });
      app.get('/masked', () => {
        throw new Error('password=hunter2 in a stack');
      });
      app.post('/users', () => {
        throw new ServerValidationError('The user is invalid.', {
          details: [{ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' }],
        });
      });
      app.get('/users/:id', (req) => {
        throw new ServerNotFoundError(`User ${req.params.id} was not found`);
      });
      app.use(errorHandler({ logger: false, format }));
      server = await listen(app);
    });
    afterAll(() => server.close());

    test.each(FETCH_VISIBLE)('%i thrown on the server is caught as the same class, code, details and request id', async (status) => {
      const api = createClient({ baseUrl: server.url, retry: false });
      const thrown = await api.get(`/status/${status}`, { headers: { 'X-Request-Id': `rt-${status}` } }).catch((error: unknown) => error);
      const Expected = errorClassesByStatus[status];
      expect(thrown).toBeInstanceOf(Expected);
      expect(isResponseError(thrown, Expected)).toBe(true);
      if (!isResponseError(thrown, Expected)) return;
      expect(thrown.constructor).toBe(Expected);
      expect(thrown).toMatchObject({
        status,
        code: `app_code_${status}`,
        message: `Thrown with ${status}`,
        details: { status, tags: ['a', 'b'] },
        requestId: `rt-${status}`,
      });
      expect(thrown.response.status).toBe(status);
      expect(thrown.response.headers.get('Content-Type')).toBe(format === 'problem' ? 'application/problem+json' : 'application/json');
    });

    test('407 is reported by fetch itself as a network error, never as a response', async () => {
      const api = createClient({ baseUrl: server.url, retry: false });
      await expect(api.get('/status/407')).rejects.toBeInstanceOf(NetworkError);
    });

    test('a masked 5xx arrives with the generic message and the request id to quote to support', async () => {
      const api = createClient({ baseUrl: server.url, retry: false });
      const thrown = await api.get('/masked').catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(client.InternalServerError);
      expect(thrown).toMatchObject({ code: 'internal_error', message: 'An unexpected error occurred.', details: undefined });
      expect((thrown as client.ResponseError).requestId).toMatch(/^req_/);
      expect((thrown as client.ResponseError).requestId).toBe((thrown as client.ResponseError).response.headers.get('X-Request-Id'));
    });

    test('a ValidationError comes back as a ValidationError with its issues', async () => {
      const api = createClient({ baseUrl: server.url });
      const thrown = await api.post('/users', { json: { email: 'nope' } }).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(client.ValidationError);
      expect(thrown).toMatchObject({
        status: 400,
        code: 'validation_error',
        message: 'The user is invalid.',
        details: [{ path: 'body.email', code: 'invalid_format', message: 'email must be an email address' }],
      });
    });

    test('catch by class, as a caller would', async () => {
      const api = createClient({ baseUrl: server.url });
      let shown = '';
      try {
        await api.get('/users/user_123');
      } catch (error) {
        if (error instanceof client.NotFoundError) shown = `${error.code}: ${error.message}`;
        else throw error;
      }
      expect(shown).toBe('resource_not_found: User user_123 was not found');
    });
  });
});

describe("a proxy's HTML error page", () => {
  let proxy: RunningServer;
  beforeAll(async () => {
    // What nginx answers when the upstream is down.
    proxy = await listen((_req, res) => {
      const html =
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.27.0</center>\r\n</body>\r\n</html>\r\n';
      res.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html), Server: 'nginx/1.27.0' });
      res.end(html);
    });
  });
  afterAll(() => proxy.close());

  test('is parsed into a BadGatewayError that says what it got, after the retries', async () => {
    const attempts: number[] = [];
    const api = createClient({
      baseUrl: proxy.url,
      retry: { limit: 2, sleep: async () => undefined },
      onStatus: (event) => attempts.push(event.status),
    });
    const thrown = await api.get('/anything').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(BadGatewayError);
    expect(thrown).toMatchObject({
      status: 502,
      code: 'bad_gateway',
      message: '502 Bad Gateway: the response body is text/html, not JSON',
      attempts: 3,
    });
    expect(attempts).toEqual([502, 502, 502]);
  });
});

describe('success bodies', () => {
  let server: RunningServer;
  let broken = 0;
  beforeAll(async () => {
    server = await listen((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/json') {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ method: req.method, query: url.searchParams.getAll('tag'), page: url.searchParams.get('page') }));
      } else if (url.pathname === '/broken') {
        broken += 1;
        res.setHeader('Content-Type', 'application/json');
        res.end('{"data":');
      } else if (url.pathname === '/empty') {
        res.statusCode = 204;
        res.end();
      } else if (url.pathname === '/echo') {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify({
              body: JSON.parse(body) as unknown,
              type: req.headers['content-type'],
              accept: req.headers.accept,
              auth: req.headers.authorization,
            }),
          );
        });
      } else {
        res.setHeader('Content-Type', 'text/plain');
        res.end('plain');
      }
    });
  });
  afterAll(() => server.close());

  test('JSON is parsed, a 204 is undefined, other text is returned as text', async () => {
    const api = createClient({ baseUrl: `${server.url}/` });
    await expect(api.get('/json', { query: { tag: ['a', 'b'], page: 2, skipped: undefined } })).resolves.toEqual({
      method: 'GET',
      query: ['a', 'b'],
      page: '2',
    });
    await expect(api.delete('empty')).resolves.toBeUndefined();
    await expect(api.get('/text')).resolves.toBe('plain');
  });

  test('a 2xx whose JSON is broken rejects with the SyntaxError, not retried; HEAD resolves undefined', async () => {
    const api = createClient({ baseUrl: server.url });
    await expect(api.get('/broken')).rejects.toThrow(SyntaxError);
    expect(broken).toBe(1);
    await expect(api.request('head', '/json')).resolves.toBeUndefined();
  });

  test('json bodies, default headers (from a function) and per-call headers are sent', async () => {
    const api = createClient({ baseUrl: server.url, headers: async () => ({ Authorization: 'Bearer t0k' }) });
    await expect(api.put('/echo', { json: { name: 'Ada' } })).resolves.toEqual({
      body: { name: 'Ada' },
      type: 'application/json',
      accept: 'application/json, application/problem+json',
      auth: 'Bearer t0k',
    });
  });

  test('an absolute URL as a path is refused, so default headers never reach another origin', async () => {
    const api = createClient({ baseUrl: server.url, headers: { Authorization: 'Bearer secret' } });
    await expect(api.get('https://evil.example/steal')).rejects.toThrow(TypeError);
    await expect(api.get('//evil.example/steal')).rejects.toThrow(TypeError);
  });
});
