import axios from 'axios';
import { toApiError, type ApiError } from '../../src';
import { startUpstream, type Upstream } from '../logging/http-client-scenarios';

// An upstream's status is not ours to answer with (RFC 9110 §15.6.3, §15.6.5): 502, or 504 when
// the upstream did not answer in time. The client's error stays the cause, as thrown.
let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

const seen = (error: ApiError): unknown[] => [error.status, error.code, error.message, error.headers];
const BAD_GATEWAY = [502, 'bad_gateway', 'An upstream service returned an invalid response.', {}];
const GATEWAY_TIMEOUT = [504, 'gateway_timeout', 'An upstream service did not respond in time.', {}];

describe('recognizeHttpClient with a real axios', () => {
  test("an upstream's 404 is a 502 whose cause is axios's error", async () => {
    const thrown = await failure(() => axios.get(`${upstream.origin}/status/404`));
    const error = toApiError(thrown);
    expect(seen(error)).toEqual(BAD_GATEWAY);
    expect(error.cause).toBe(thrown);
  });

  test('a call that times out is a 504', async () => {
    const thrown = await failure(() => axios.get(`${upstream.origin}/hang`, { timeout: 100 }));
    const error = toApiError(thrown);
    expect(seen(error)).toEqual(GATEWAY_TIMEOUT);
    expect(error.cause).toBe(thrown);
    // No stack of its own: axios's error, the cause, has the one that matters.
    expect(error.stack).toBe(`GatewayTimeoutError: ${error.message}`);
  });

  test('a refused connection is a 502', async () => {
    expect(seen(toApiError(await failure(() => axios.get(`${upstream.closedOrigin}/`))))).toEqual(BAD_GATEWAY);
  });
});

describe('recognizeHttpClient by shape', () => {
  test('an error named HTTPError without the rest of got/ky shape is still an upstream failure', () => {
    const thrown = Object.assign(new Error('Response code 404 (Not Found)'), { name: 'HTTPError' });
    const error = toApiError(thrown);
    expect(seen(error)).toEqual(BAD_GATEWAY);
    expect(error.cause).toBe(thrown);
    expect(seen(toApiError({ name: 'HTTPError' }))).toEqual(BAD_GATEWAY);
  });

  test('other names, and non-objects, are not', () => {
    expect(toApiError(Object.assign(new Error('x'), { name: 'HTTPErrorX' })).status).toBe(500);
    expect(toApiError('HTTPError').status).toBe(500);
  });
});
