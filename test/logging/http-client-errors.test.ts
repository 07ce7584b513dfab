import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import axios from 'axios';
import { ofetch } from 'ofetch';
import { serializeError, toApiError } from '../../src';
import {
  pathOf,
  runThroughApp,
  SCENARIOS,
  SECRET_BODY,
  SECRET_HEADERS,
  startUpstream,
  TIMEOUT_MS,
  urlOf,
  type Outcome,
  type Scenario,
  type Upstream,
} from './http-client-scenarios';

// Real errors of real clients against a loopback upstream, with secrets in the query string, the
// userinfo, the request headers, the request body and the upstream's answer. The log line keeps
// a summary (client, method, origin and path, upstream status, error code), never those.

type Client = 'axios' | 'got' | 'ky' | 'ofetch';

const SUMMARY_KEYS = ['type', 'message', 'stack', 'client', 'method', 'url', 'status', 'code', 'cause'];

interface Expected {
  readonly type: string;
  readonly message: (url: string) => string;
  readonly status?: number;
  readonly code?: string;
}

// What each client's real error says, per scenario, once the URL in it is safe.
const EXPECTED: Record<Client, Record<Scenario, Expected>> = {
  axios: {
    status404: { type: 'AxiosError', message: () => 'Request failed with status code 404', status: 404, code: 'ERR_BAD_REQUEST' },
    status500: { type: 'AxiosError', message: () => 'Request failed with status code 500', status: 500, code: 'ERR_BAD_RESPONSE' },
    hang: { type: 'AxiosError', message: () => `timeout of ${TIMEOUT_MS}ms exceeded`, code: 'ECONNABORTED' },
    refused: { type: 'Error', message: (url) => `connect ECONNREFUSED ${new URL(url).host}`, code: 'ECONNREFUSED' },
  },
  got: {
    status404: {
      type: 'HTTPError',
      message: (url) => `Request failed with status code 404 (Not Found): POST ${url}`,
      status: 404,
      code: 'ERR_NON_2XX_3XX_RESPONSE',
    },
    status500: {
      type: 'HTTPError',
      message: (url) => `Request failed with status code 500 (Internal Server Error): POST ${url}`,
      status: 500,
      code: 'ERR_NON_2XX_3XX_RESPONSE',
    },
    hang: { type: 'TimeoutError', message: () => `Timeout awaiting 'request' for ${TIMEOUT_MS}ms`, code: 'ETIMEDOUT' },
    refused: { type: 'RequestError', message: (url) => `connect ECONNREFUSED ${new URL(url).host}`, code: 'ECONNREFUSED' },
  },
  ky: {
    status404: { type: 'HTTPError', message: (url) => `Request failed with status code 404 Not Found: POST ${url}`, status: 404 },
    status500: {
      type: 'HTTPError',
      message: (url) => `Request failed with status code 500 Internal Server Error: POST ${url}`,
      status: 500,
    },
    hang: { type: 'TimeoutError', message: (url) => `Request timed out: POST ${url}` },
    // fetch hides the code two causes down (TypeError 'fetch failed', then the socket error).
    refused: { type: 'NetworkError', message: (url) => `Request failed due to a network error: POST ${url}`, code: 'ECONNREFUSED' },
  },
  ofetch: {
    status404: { type: 'FetchError', message: (url) => `[POST] "${url}": 404 Not Found`, status: 404 },
    status500: { type: 'FetchError', message: (url) => `[POST] "${url}": 500 Internal Server Error`, status: 500 },
    hang: {
      type: 'FetchError',
      message: (url) => `[POST] "${url}": <no response> [TimeoutError]: The operation was aborted due to timeout`,
    },
    refused: { type: 'FetchError', message: (url) => `[POST] "${url}": <no response> fetch failed`, code: 'ECONNREFUSED' },
  },
};

const inProcess: Record<'axios' | 'ofetch', (upstream: Upstream, scenario: Scenario) => Promise<unknown>> = {
  axios: (upstream, scenario) => axios.post(urlOf(upstream, scenario, true), SECRET_BODY, { headers: SECRET_HEADERS, timeout: TIMEOUT_MS }),
  // fetch refuses URLs with userinfo, so ofetch never sends one.
  ofetch: (upstream, scenario) =>
    ofetch(urlOf(upstream, scenario, false), { method: 'POST', body: SECRET_BODY, headers: SECRET_HEADERS, timeout: TIMEOUT_MS, retry: 0 }),
};

let upstream: Upstream;
const outcomes: Record<string, Outcome> = {};
const origins: Record<Client, { origin: string; closedOrigin: string }> = {} as never;

beforeAll(async () => {
  const child = promisify(execFile)(process.execPath, ['--import', 'tsx', join(__dirname, 'esm-clients.run.ts')], {
    cwd: join(__dirname, '../..'),
    timeout: 60_000,
  });
  upstream = await startUpstream();
  for (const client of ['axios', 'ofetch'] as const) {
    origins[client] = upstream;
    for (const scenario of SCENARIOS) outcomes[`${client} ${scenario}`] = await runThroughApp(() => inProcess[client](upstream, scenario));
    outcomes[`${client} wrapped`] = await runThroughApp(() => inProcess[client](upstream, 'status404'), true);
  }
  const { stdout } = await child;
  const esm = JSON.parse(stdout) as { origin: string; closedOrigin: string; outcomes: Record<string, Outcome> };
  origins.got = esm;
  origins.ky = esm;
  Object.assign(outcomes, esm.outcomes);
}, 60_000);

afterAll(() => upstream.close());

const cases = (['axios', 'got', 'ky', 'ofetch'] as const).flatMap((client) => SCENARIOS.map((scenario) => [client, scenario] as const));

describe.each(cases)('%s, %s', (client, scenario) => {
  const outcome = (): Outcome => outcomes[`${client} ${scenario}`]!;
  const safeUrl = (): string => `${scenario === 'refused' ? origins[client].closedOrigin : origins[client].origin}${pathOf(scenario)}`;

  test('no secret reaches the log line or the response', () => {
    const { lines, text } = outcome();
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('SECRET');
    expect(text).not.toContain('SECRET');
  });

  test('the answer is a 502, or a 504 for a timeout, with the catalog message only', () => {
    const { status, body } = outcome();
    expect(status).toBe(scenario === 'hang' ? 504 : 502);
    expect(body.error).toEqual(
      scenario === 'hang'
        ? { code: 'gateway_timeout', message: 'An upstream service did not respond in time.' }
        : { code: 'bad_gateway', message: 'An upstream service returned an invalid response.' },
    );
  });

  test('the logged cause is a summary: client, method, origin and path, upstream status, code', () => {
    const expected = EXPECTED[client][scenario];
    const cause = (outcome().lines[0] as { error: { cause: Record<string, unknown> } }).error.cause;
    const summary: Record<string, unknown> = {
      type: expected.type,
      message: expected.message(safeUrl()),
      client,
      method: 'POST',
      url: safeUrl(),
    };
    if (expected.status !== undefined) summary.status = expected.status;
    if (expected.code !== undefined) summary.code = expected.code;
    expect(cause).toMatchObject(summary);
    expect(cause.status).toBe(expected.status);
    expect(cause.code).toBe(expected.code);
    expect(SUMMARY_KEYS).toEqual(expect.arrayContaining(Object.keys(cause)));
    expect(String(cause.stack).split('\n')[0]).toBe(`${expected.type}: ${expected.message(safeUrl())}`);
  });
});

test.each(['axios', 'got', 'ky', 'ofetch'] as const)(
  "%s: the app's own error caused by a client error is summarised down the chain",
  (client) => {
    const { status, lines } = outcomes[`${client} wrapped`]!;
    expect(status).toBe(500);
    expect(JSON.stringify(lines)).not.toContain('SECRET');
    const cause = (lines[0] as { error: { cause: { message: string; cause: Record<string, unknown> } } }).error.cause;
    expect(cause.message).toBe('billing call failed');
    expect(cause.cause).toMatchObject({ client, method: 'POST', url: `${origins[client].origin}/status/404`, status: 404 });
  },
);

test('fetch refusing a URL with userinfo: the plain TypeError quoting it loses the userinfo in the log', () => {
  const { status, lines } = outcomes['ky userinfo']!;
  expect(status).toBe(500);
  const text = JSON.stringify(lines);
  expect(text).not.toContain('SECRET2');
  expect(text).toContain('Request cannot be constructed from a URL that includes credentials: http://[Redacted]@127.0.0.1:');
});

describe('serializeError on the real errors', () => {
  test('an axios error alone, and inside an object, is a summary', async () => {
    const error = await inProcess.axios(upstream, 'status404').catch((failure: unknown) => failure);
    const summary = {
      type: 'AxiosError',
      client: 'axios',
      method: 'POST',
      url: `${upstream.origin}/status/404`,
      status: 404,
      code: 'ERR_BAD_REQUEST',
    };
    expect(serializeError(error)).toMatchObject(summary);
    expect(serializeError({ upstream: error })).toMatchObject({ upstream: summary });
    expect(JSON.stringify(serializeError([error]))).not.toContain('SECRET');
  });

  test('an axios error with a baseURL names the URL axios called (it joins strings, `/x` on `/api/` is `/api/x`)', async () => {
    for (const url of ['/status/404?token=SECRET1', 'status/404?token=SECRET1']) {
      const error = (await axios
        .get(url, { baseURL: `${upstream.origin}/api/`, headers: SECRET_HEADERS })
        .catch((failure: unknown) => failure)) as { request: { path: string } };
      expect(error.request.path).toBe('/api/status/404?token=SECRET1');
      expect(serializeError(error)).toMatchObject({
        client: 'axios',
        method: 'GET',
        url: `${upstream.origin}/api/status/404`,
        status: 404,
      });
    }
    const absolute = await axios
      .get(`${upstream.origin}/status/404?token=SECRET1`, { baseURL: `${upstream.origin}/api/` })
      .catch((failure: unknown) => failure);
    expect(serializeError(absolute)).toMatchObject({ url: `${upstream.origin}/status/404` });
  });

  test('the recognizer still answers 502 for these errors, with the raw error as its cause', async () => {
    const error = await inProcess.ofetch(upstream, 'status500').catch((failure: unknown) => failure);
    const apiError = toApiError(error);
    expect(apiError.status).toBe(502);
    expect(apiError.cause).toBe(error);
  });
});
