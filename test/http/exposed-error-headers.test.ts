import cors from 'cors';
import request from 'supertest';
import {
  ERROR_STATUSES,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
  errorHandler,
  getStatusInfo,
  requestId,
} from '../../src';
import { EXPOSED_ERROR_HEADERS } from '../../src/http';
import { EXPRESS_VERSIONS } from '../helpers/app';

const ORIGIN = 'https://app.example.com';

describe('EXPOSED_ERROR_HEADERS', () => {
  test('names every header the catalog writes on an error, but Proxy-Authenticate, plus the request id, Date and RateLimit', () => {
    const catalog = new Set(ERROR_STATUSES.flatMap((status) => getStatusInfo(status)?.headers.map((rule) => rule.name) ?? []));
    catalog.delete('Proxy-Authenticate'); // Fetch turns a 407 from an origin server into a network error
    expect(new Set(EXPOSED_ERROR_HEADERS)).toEqual(new Set([...catalog, 'X-Request-Id', 'Date', 'RateLimit', 'RateLimit-Policy']));
    expect(EXPOSED_ERROR_HEADERS).toHaveLength(new Set(EXPOSED_ERROR_HEADERS.map((name) => name.toLowerCase())).size);
  });

  test('is frozen: a library-wide constant cannot be changed by one app', () => {
    expect(Object.isFrozen(EXPOSED_ERROR_HEADERS)).toBe(true);
    expect(() => (EXPOSED_ERROR_HEADERS as string[]).push('X-Other')).toThrow(TypeError);
  });

  describe.each(EXPRESS_VERSIONS)('with the cors package on %s', (_name, express) => {
    const app = express();
    app.use(requestId());
    app.use(cors({ origin: ORIGIN, exposedHeaders: [...EXPOSED_ERROR_HEADERS] }));
    app.get('/limited', () => {
      throw new TooManyRequestsError('Slow down.', { retryAfter: 7 });
    });
    app.get('/private', () => {
      throw new UnauthorizedError('Sign in.', { challenge: { scheme: 'Bearer', params: { realm: 'api' } } });
    });
    app.delete('/users', () => {
      throw new MethodNotAllowedError('Read only.', { allow: ['GET', 'HEAD'] });
    });
    app.use(errorHandler({ logger: false }));
    const exposed = EXPOSED_ERROR_HEADERS.join(',');

    test('a 429 lets the page read Retry-After and X-Request-Id', async () => {
      const response = await request(app).get('/limited').set('Origin', ORIGIN);
      expect(response.status).toBe(429);
      expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(response.headers['access-control-expose-headers']).toBe(exposed);
      expect(response.headers['retry-after']).toBe('7');
      expect(response.headers['x-request-id']).toBe((response.body as { meta: { request_id: string } }).meta.request_id);
    });

    test.each([
      ['/private', 'get', 401, 'www-authenticate', 'Bearer realm="api"'],
      ['/users', 'delete', 405, 'allow', 'GET, HEAD'],
    ] as const)('%s: the status header is in the exposed list', async (path, method, status, header, value) => {
      const response = await request(app)[method](path).set('Origin', ORIGIN);
      expect(response.status).toBe(status);
      expect(response.headers[header]).toBe(value);
      expect(response.headers['access-control-expose-headers']?.split(',').map((name: string) => name.toLowerCase())).toContain(header);
    });

    test('a preflight for a POST with Idempotency-Key is allowed (cors reflects the requested headers)', async () => {
      const response = await request(app)
        .options('/orders')
        .set('Origin', ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,idempotency-key');
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(response.headers['access-control-allow-headers']).toBe('content-type,idempotency-key');
    });
  });
});
