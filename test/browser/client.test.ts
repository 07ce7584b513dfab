import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type * as ClientEntry from '../../src/client';
import { EXPOSED_ERROR_HEADERS } from '../../src/http';
import { listen, type RunningServer } from '../client/server';
import { launchChromium } from './chromium';
import { apiApp, assertFreshClientBundle, DIST, pageApp } from './client-servers';

// The client as a browser runs it: the shipped ESM bundle (dist/client.mjs and its chunks), imported
// by a page on one origin, calling an API on another origin (another port) through real CORS.
type ClientModule = typeof ClientEntry;

// The same API three times: CORS with the error headers exposed, CORS without, and no CORS at all.
const exposed = apiApp({ origin: true, exposedHeaders: [...EXPOSED_ERROR_HEADERS] });
const unexposed = apiApp({ origin: true });
const noCors = apiApp(false);

let browser: Browser;
let page: Page;
let servers: RunningServer[] = [];
let urls: { page: string; exposed: string; unexposed: string; noCors: string };
const pageErrors: string[] = [];
const modules = new Map<string, Buffer>();

beforeAll(async () => {
  assertFreshClientBundle();
  servers = await Promise.all([pageApp(), exposed.app, unexposed.app, noCors.app].map((app) => listen(app)));
  const [pageServer, exposedServer, unexposedServer, noCorsServer] = servers.map((server) => server.url);
  urls = { page: pageServer!, exposed: exposedServer!, unexposed: unexposedServer!, noCors: noCorsServer! };
  // 127.0.0.1 on two ports: two origins (RFC 6454 §4), so every API call is cross-origin.
  expect(new URL(urls.page).origin).not.toBe(new URL(urls.exposed).origin);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', async (response) => {
    if (response.url().endsWith('.mjs')) modules.set(new URL(response.url()).pathname, await response.body());
  });
  const failed = new Promise<never>((_resolve, reject) =>
    page.once('pageerror', (error) => reject(new Error(`dist/client.mjs did not load in Chromium: ${error.message}`))),
  );
  await page.goto(urls.page);
  await Promise.race([page.waitForFunction(() => 'api' in window, undefined, { timeout: 15_000 }), failed]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

afterEach(() => {
  // Whatever a test did, the page never threw: failures are values the caller can catch.
  expect(pageErrors).toEqual([]);
});

test('the page imports dist/client.mjs and its chunks only, nothing of the server, under 24 KB gzipped', () => {
  const names = [...modules.keys()];
  expect(names).toContain('/dist/client.mjs');
  expect(names.every((name) => /^\/dist\/(client|chunk-[\w-]+)\.mjs$/.test(name))).toBe(true);
  const served = [...modules.values()].map((body) => body.toString('utf8'));
  expect(served.filter((code) => /from ["'](?:node:|path|url|express|pino)/.test(code))).toEqual([]);
  // As shipped, unminified: about 16 KB gzipped (December 2026). An app's bundler minifies it to
  // about 10.3 KB, which test/client/bundle.test.ts bounds.
  const gzipped = gzipSync(Buffer.concat([...modules.values()])).length;
  expect(gzipped).toBeLessThan(24 * 1024);
  expect(readFileSync(join(DIST, 'client.mjs')).equals(modules.get('/dist/client.mjs')!)).toBe(true);
});

test('a NotFoundError thrown by the API is caught as NotFoundError, with its code and request id', async () => {
  const caught = await page.evaluate(async (baseUrl) => {
    const api = (window as unknown as { api: ClientModule }).api;
    const client = api.createClient({ baseUrl });
    try {
      await client.get('/users/42');
      return undefined;
    } catch (error) {
      if (!api.isResponseError(error, api.NotFoundError)) return { unexpected: String(error) };
      return {
        instanceOf: error instanceof api.NotFoundError && error instanceof api.ApiError && error instanceof Error,
        name: error.name,
        status: error.status,
        code: error.code,
        message: error.message,
        requestId: error.requestId,
        headerRequestId: error.response.headers.get('X-Request-Id'),
        attempts: error.attempts,
      };
    }
  }, urls.exposed);
  const requestId = exposed.log.requestIds.at(-1);
  expect(requestId).toMatch(/^req_/);
  expect(caught).toEqual({
    instanceOf: true,
    name: 'NotFoundError',
    status: 404,
    code: 'resource_not_found',
    message: 'No user 42.',
    requestId,
    headerRequestId: requestId,
    attempts: 1,
  });
});

test('a 429 with Retry-After is retried after the delay the server asked for', async () => {
  const outcome = await page.evaluate(async (baseUrl) => {
    const api = (window as unknown as { api: ClientModule }).api;
    const retries: { attempt: number; delayMs: number; fromRetryAfter: boolean; status: unknown }[] = [];
    const client = api.createClient({
      baseUrl,
      retry: {
        onRetry: (event) =>
          retries.push({
            attempt: event.attempt,
            delayMs: event.delayMs,
            fromRetryAfter: event.fromRetryAfter,
            status: (event.error as { status?: unknown }).status,
          }),
      },
    });
    const started = performance.now();
    const value = await client.get('/busy/get-429');
    return { value, retries, elapsed: performance.now() - started };
  }, urls.exposed);
  expect(outcome.value).toEqual({ attempts: 2 });
  expect(outcome.retries).toEqual([{ attempt: 1, delayMs: 1000, fromRetryAfter: true, status: 429 }]);
  expect(outcome.elapsed).toBeGreaterThanOrEqual(950);
  expect(exposed.log.attempts.get('get-429')).toBe(2);
});

test('a POST retried after a 503 sends the same Idempotency-Key on both attempts', async () => {
  const outcome = await page.evaluate(async (baseUrl) => {
    const api = (window as unknown as { api: ClientModule }).api;
    const retries: { fromRetryAfter: boolean; status: unknown }[] = [];
    const client = api.createClient({
      baseUrl,
      retry: {
        onRetry: (event) => retries.push({ fromRetryAfter: event.fromRetryAfter, status: (event.error as { status?: unknown }).status }),
      },
    });
    return { value: await client.post('/orders/post-503', { json: { sku: 'A-1' } }), retries };
  }, urls.exposed);
  expect(outcome).toEqual({ value: { id: 'order_1', attempts: 2 }, retries: [{ fromRetryAfter: true, status: 503 }] });
  const keys = exposed.log.keys.get('post-503');
  expect(keys).toHaveLength(2);
  // A Structured Field String holding a UUID (draft-ietf-httpapi-idempotency-key-header §2.1).
  expect(keys?.[0]).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
  expect(keys?.[1]).toBe(keys?.[0]);
});

test('without Access-Control-Expose-Headers the browser hides Retry-After and X-Request-Id: backoff instead, id from the body', async () => {
  const outcome = await page.evaluate(async (baseUrl) => {
    const api = (window as unknown as { api: ClientModule }).api;
    const retries: boolean[] = [];
    const client = api.createClient({ baseUrl, retry: { baseDelayMs: 10, onRetry: (event) => retries.push(event.fromRetryAfter) } });
    const value = await client.get('/busy/hidden-429');
    const notFound = await client.get('/users/7').catch((error: unknown) => error);
    const found = api.isResponseError(notFound, api.NotFoundError) ? notFound : undefined;
    return {
      value,
      retries,
      requestId: found?.requestId,
      headerRequestId: found?.response.headers.get('X-Request-Id'),
      retryAfterHeader: found?.response.headers.get('Retry-After'),
    };
  }, urls.unexposed);
  expect(outcome).toEqual({
    value: { attempts: 2 },
    retries: [false],
    requestId: unexposed.log.requestIds.at(-1),
    headerRequestId: null,
    retryAfterHeader: null,
  });
});

test('a CORS failure is a NetworkError the caller can catch, naming the URL; the page keeps working', async () => {
  const outcome = await page.evaluate(
    async ({ blocked, working }) => {
      const api = (window as unknown as { api: ClientModule }).api;
      const client = api.createClient({ baseUrl: blocked, retry: { baseDelayMs: 10 } });
      const error: unknown = await client.get('/users/1').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      const next = await api
        .createClient({ baseUrl: working })
        .get('/busy/after-cors')
        .catch((failure: unknown) => String(failure));
      return {
        isNetworkError: error instanceof api.NetworkError,
        name: (error as Error).name,
        message: (error as Error).message,
        cause: String((error as Error).cause),
        attempts: (error as InstanceType<ClientModule['NetworkError']>).attempts,
        next,
      };
    },
    { blocked: urls.noCors, working: urls.exposed },
  );
  expect(outcome).toEqual({
    isNetworkError: true,
    name: 'NetworkError',
    message: `The request to ${urls.noCors}/users/1 failed: no response was received.`,
    cause: 'TypeError: Failed to fetch',
    attempts: 3, // a GET's network errors are retried (limit 2)
    next: { attempts: 2 },
  });
  // A simple GET reaches the server: the browser only withholds the response from the script.
  expect(noCors.log.requestIds).toHaveLength(3);
}, 30_000);
