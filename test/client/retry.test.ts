import type { Request, Response as ExpressResponse } from 'express';
import {
  ConflictError,
  GatewayTimeoutError,
  InternalServerError,
  NotFoundError,
  RequestTimeoutError,
  ServiceUnavailableError,
  TooManyRequestsError,
  BadGatewayError,
} from '../../src';
import { formatHttpDate } from '../../src/http';
import {
  NetworkError,
  TimeoutError,
  createClient,
  createStatusDistribution,
  generateIdempotencyKey,
  ServiceUnavailableError as ClientServiceUnavailableError,
  TooManyRequestsError as ClientTooManyRequestsError,
  type RetryEvent,
  type Sleep,
  type StatusEvent,
} from '../../src/client';
import { apiApp, listen } from './server';

/** One request as the server saw it. */
interface Hit {
  readonly at: number;
  readonly method: string;
  readonly key: string | undefined;
}

type Step = (req: Request, res: ExpressResponse) => void | Promise<void>;
const ok: Step = (_req, res) => void res.json({ ok: true });
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real Express app with our errorHandler whose `/x` answers each request with the next step of
 * a script (the last step repeats), recording every hit.
 */
async function scripted(steps: Step[]): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server = await listen(
    apiApp((app) => {
      app.all('/x', async (req, res) => {
        hits.push({ at: performance.now(), method: req.method, key: req.get('Idempotency-Key') });
        const step = steps[Math.min(hits.length - 1, steps.length - 1)]!;
        await step(req, res);
      });
    }),
  );
  return { url: server.url, hits, close: () => server.close() };
}

/** A sleep that records what it was asked to wait and returns at once. */
function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

const throwing =
  (error: Error): Step =>
  () => {
    throw error;
  };

let server: Awaited<ReturnType<typeof scripted>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('what is retried', () => {
  test.each([
    [408, new RequestTimeoutError()],
    [429, new TooManyRequestsError()],
    [502, new BadGatewayError()],
    [503, new ServiceUnavailableError()],
    [504, new GatewayTimeoutError()],
  ])('GET is retried on %i until it succeeds', async (_status, error) => {
    server = await scripted([throwing(error), throwing(error), ok]);
    const { sleep, delays } = recordingSleep();
    const api = createClient({ baseUrl: server.url, retry: { sleep } });
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  test.each([
    [400, new Error('not an ApiError becomes 500')],
    [404, new NotFoundError()],
    [409, new ConflictError()],
    [500, new InternalServerError()],
  ])('%i is not retried', async (_status, error) => {
    server = await scripted([throwing(error), ok]);
    const api = createClient({ baseUrl: server.url, retry: { sleep: recordingSleep().sleep } });
    await expect(api.get('/x')).rejects.toMatchObject({ attempts: 1 });
    expect(server.hits).toHaveLength(1);
  });

  test('after the limit, the last typed error is thrown with the number of attempts', async () => {
    server = await scripted([throwing(new ServiceUnavailableError('Down', { expose: true }))]);
    const api = createClient({ baseUrl: server.url, retry: { limit: 3, sleep: recordingSleep().sleep } });
    const thrown = await api.get('/x').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ClientServiceUnavailableError);
    expect(thrown).toMatchObject({ message: 'Down', attempts: 4 });
    expect(server.hits).toHaveLength(4);
  });

  test('retry: false, 0, or a per-call override turn retries off', async () => {
    server = await scripted([throwing(new ServiceUnavailableError())]);
    const sleep = recordingSleep().sleep;
    await expect(createClient({ baseUrl: server.url, retry: false }).get('/x')).rejects.toBeInstanceOf(ClientServiceUnavailableError);
    await expect(createClient({ baseUrl: server.url, retry: 0 }).get('/x')).rejects.toBeInstanceOf(ClientServiceUnavailableError);
    await expect(createClient({ baseUrl: server.url, retry: { sleep } }).get('/x', { retry: false })).rejects.toBeInstanceOf(
      ClientServiceUnavailableError,
    );
    expect(server.hits).toHaveLength(3);
  });

  test('PUT and DELETE are idempotent: retried without a key', async () => {
    server = await scripted([throwing(new ServiceUnavailableError()), ok, throwing(new ServiceUnavailableError()), ok]);
    const api = createClient({ baseUrl: server.url, retry: { sleep: recordingSleep().sleep } });
    await api.put('/x', { json: { a: 1 } });
    await api.delete('/x');
    expect(server.hits.map((hit) => [hit.method, hit.key])).toEqual([
      ['PUT', undefined],
      ['PUT', undefined],
      ['DELETE', undefined],
      ['DELETE', undefined],
    ]);
  });

  test('a streamed body cannot be sent twice, so it is not retried', async () => {
    server = await scripted([throwing(new ServiceUnavailableError()), ok]);
    const api = createClient({ baseUrl: server.url, retry: { sleep: recordingSleep().sleep } });
    const body = new ReadableStream({ start: (controller) => (controller.enqueue(new TextEncoder().encode('{}')), controller.close()) });
    await expect(api.put('/x', { body, headers: { 'Content-Type': 'application/json' } })).rejects.toBeInstanceOf(
      ClientServiceUnavailableError,
    );
    expect(server.hits).toHaveLength(1);
  });
});

describe('POST and PATCH: only with an Idempotency-Key, the same on every attempt', () => {
  test('POST gets a generated key, sent on every retry', async () => {
    server = await scripted([throwing(new ServiceUnavailableError()), throwing(new BadGatewayError()), ok]);
    const api = createClient({ baseUrl: server.url, retry: { sleep: recordingSleep().sleep } });
    await expect(api.post('/x', { json: { amount: 10 } })).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(3);
    const keys = new Set(server.hits.map((hit) => hit.key));
    expect(keys.size).toBe(1);
    // A Structured Field String holding a UUID (draft-06 §2.1, §2.2).
    expect([...keys][0]).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/);
  });

  test('each logical call gets its own key', async () => {
    server = await scripted([ok]);
    const api = createClient({ baseUrl: server.url });
    await api.post('/x');
    await api.patch('/x');
    expect(server.hits[0]!.key).not.toBe(server.hits[1]!.key);
  });

  test('a key given per call or as a header is used as it is', async () => {
    server = await scripted([throwing(new ServiceUnavailableError()), ok]);
    const api = createClient({ baseUrl: server.url, retry: { sleep: recordingSleep().sleep } });
    await api.patch('/x', { idempotencyKey: 'order-42' });
    await api.post('/x', { headers: { 'Idempotency-Key': 'raw-key' } });
    // A header you set is yours: sent verbatim.
    expect(server.hits.map((hit) => hit.key)).toEqual(['"order-42"', '"order-42"', 'raw-key']);
    await expect(api.post('/x', { idempotencyKey: 'bad\nkey' })).rejects.toThrow(TypeError);
  });

  test('without a key (idempotencyKey: false), POST is never retried', async () => {
    server = await scripted([throwing(new ServiceUnavailableError())]);
    const sleep = recordingSleep().sleep;
    await expect(createClient({ baseUrl: server.url, idempotencyKey: false, retry: { sleep } }).post('/x')).rejects.toBeInstanceOf(
      ClientServiceUnavailableError,
    );
    await expect(createClient({ baseUrl: server.url, retry: { sleep } }).post('/x', { idempotencyKey: false })).rejects.toBeInstanceOf(
      ClientServiceUnavailableError,
    );
    expect(server.hits.map((hit) => hit.key)).toEqual([undefined, undefined]);
  });

  test('a key generator of your own (Node 18 without Web Crypto, say) is called once per call', async () => {
    server = await scripted([throwing(new ServiceUnavailableError()), ok]);
    let n = 0;
    const api = createClient({ baseUrl: server.url, idempotencyKey: () => `k${++n}`, retry: { sleep: recordingSleep().sleep } });
    await api.post('/x');
    expect(server.hits.map((hit) => hit.key)).toEqual(['"k1"', '"k1"']);
    await expect(createClient({ baseUrl: server.url, idempotencyKey: () => '' }).post('/x')).rejects.toThrow(TypeError);
    expect(server.hits).toHaveLength(2);
  });

  test('409 idempotency_key_in_use (the first attempt still running) is retried after its Retry-After', async () => {
    const inUse = new ConflictError('A request with this Idempotency-Key is still being processed.', {
      code: 'idempotency_key_in_use',
      headers: { 'Retry-After': '2' },
    });
    server = await scripted([throwing(inUse), ok]);
    const { sleep, delays } = recordingSleep();
    const api = createClient({ baseUrl: server.url, retry: { sleep } });
    await expect(api.post('/x')).resolves.toEqual({ ok: true });
    expect(delays).toEqual([2000]);
    // The same 409 on a GET (no key) is an ordinary conflict.
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
  });

  test('the key generator falls back to getRandomValues where randomUUID is missing (insecure browser contexts)', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
    try {
      Object.defineProperty(globalThis, 'crypto', {
        value: { getRandomValues: (bytes: Uint8Array) => bytes.fill(0xff) },
        configurable: true,
      });
      expect(generateIdempotencyKey()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
      expect(generateIdempotencyKey()).toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});

describe('how long it waits', () => {
  test('Retry-After: 1 spaces the attempts by at least one second, as the server observes', async () => {
    server = await scripted([throwing(new ServiceUnavailableError(undefined, { retryAfter: 1 })), ok]);
    const retries: RetryEvent[] = [];
    const api = createClient({ baseUrl: server.url, retry: { onRetry: (event) => retries.push(event) } });
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(2);
    expect(server.hits[1]!.at - server.hits[0]!.at).toBeGreaterThanOrEqual(995); // timer granularity
    expect(retries).toEqual([expect.objectContaining({ method: 'GET', path: '/x', attempt: 1, delayMs: 1000, fromRetryAfter: true })]);
    expect(retries[0]!.error).toBeInstanceOf(ClientServiceUnavailableError);
  });

  test('Retry-After replaces the backoff, capped by maxRetryAfterMs', async () => {
    server = await scripted([
      throwing(new TooManyRequestsError(undefined, { retryAfter: 7 })),
      throwing(new TooManyRequestsError(undefined, { retryAfter: 3600 })),
      ok,
    ]);
    const { sleep, delays } = recordingSleep();
    const api = createClient({ baseUrl: server.url, retry: { sleep, maxRetryAfterMs: 20_000 }, deadlineMs: false });
    await api.get('/x');
    expect(delays).toEqual([7000, 20_000]);
    expect(server.hits).toHaveLength(3);
  });

  test.each([
    ['IMF-fixdate', (t: number) => formatHttpDate(t)],
    [
      'RFC 850',
      (t: number) =>
        new Date(t)
          .toUTCString()
          .replace(
            /^(\w{3}), (\d{2}) (\w{3}) \d{2}(\d{2})/,
            (_m, day: string, d: string, mon: string, yy: string) =>
              `${{ Sun: 'Sunday', Mon: 'Monday', Tue: 'Tuesday', Wed: 'Wednesday', Thu: 'Thursday', Fri: 'Friday', Sat: 'Saturday' }[day]}, ${d}-${mon}-${yy}`,
          ),
    ],
    [
      'asctime',
      (t: number) => {
        const [day, , mon, year, time] = new Date(t).toUTCString().replace(',', '').split(' ') as string[];
        return `${day} ${mon} ${String(new Date(t).getUTCDate()).padStart(2, ' ')} ${time} ${year}`;
      },
    ],
  ])('Retry-After as an HTTP-date (%s) is waited relative to the server Date', async (_form, format) => {
    const step: Step = (_req, res) => {
      const now = Math.floor(Date.now() / 1000) * 1000;
      res.setHeader('Date', formatHttpDate(now));
      throw new ServiceUnavailableError(undefined, { headers: { 'Retry-After': format(now + 42_000) } });
    };
    server = await scripted([step, ok]);
    const { sleep, delays } = recordingSleep();
    await createClient({ baseUrl: server.url, retry: { sleep, maxRetryAfterMs: 60_000 } }).get('/x');
    expect(delays).toEqual([42_000]);
  });

  test('without Retry-After: exponential backoff with full jitter, capped by maxDelayMs', async () => {
    server = await scripted([throwing(new BadGatewayError())]);
    const { sleep, delays } = recordingSleep();
    const draws = [0.5, 0.5, 0.5, 0.999, 0];
    const api = createClient({
      baseUrl: server.url,
      retry: { limit: 5, baseDelayMs: 100, maxDelayMs: 250, sleep, random: () => draws.shift()! },
    });
    await expect(api.get('/x')).rejects.toBeInstanceOf(BadGatewayError);
    // ceilings 100, 200, 250 (cap), 250, 250; each wait a uniform draw below its ceiling
    expect(delays).toEqual([50, 100, 125, 249, 0]);
    expect(server.hits).toHaveLength(6);
  });

  test('property-like check: with Math.random, every wait stays in [0, ceiling)', async () => {
    server = await scripted([throwing(new BadGatewayError())]);
    const { sleep, delays } = recordingSleep();
    const api = createClient({ baseUrl: server.url, retry: { limit: 8, baseDelayMs: 50, maxDelayMs: 1000, sleep } });
    await api.get('/x').catch(() => undefined);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(1000, 50 * 2 ** i));
    });
    expect(delays).toHaveLength(8);
  });

  test('fake timers: a Retry-After of 30 s is waited in full, not a millisecond less', async () => {
    jest.useFakeTimers();
    try {
      const calls: number[] = [];
      const fetch: typeof globalThis.fetch = async () => {
        calls.push(Date.now());
        return calls.length === 1
          ? new Response(JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'Slow down' }, meta: { request_id: 'r' } }), {
              status: 429,
              headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
            })
          : new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json' } });
      };
      const api = createClient({ baseUrl: 'http://api.test', fetch, timeoutMs: false, deadlineMs: false });
      const result = api.get('/x');
      await jest.advanceTimersByTimeAsync(29_999);
      expect(calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(2);
      await expect(result).resolves.toEqual({ ok: true });
      expect(calls[1]! - calls[0]!).toBe(30_000);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('network errors and time limits', () => {
  test('a connection reset is a network error, retried for GET', async () => {
    server = await scripted([(req) => void req.socket.destroy(), ok]);
    const events: StatusEvent[] = [];
    const api = createClient({ baseUrl: server.url, retry: { sleep: recordingSleep().sleep }, onStatus: (event) => events.push(event) });
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
    expect(events.map((event) => [event.status, event.code, event.willRetry])).toEqual([
      [0, 'network_error', true],
      [200, undefined, false],
    ]);
  });

  test('a refused connection ends as a NetworkError with its cause, after the retries', async () => {
    const closed = await listen((_req, res) => res.end());
    const url = closed.url;
    await closed.close();
    const api = createClient({ baseUrl: url, retry: { limit: 1, sleep: recordingSleep().sleep } });
    const thrown = await api.get('/x').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(NetworkError);
    expect(thrown).toMatchObject({ name: 'NetworkError', attempts: 2 });
    expect(((thrown as NetworkError).cause as Error).name).toBe('TypeError'); // fetch's own, from another realm under jest
  });

  test('an attempt over `timeoutMs` is abandoned and retried', async () => {
    server = await scripted([
      async (_req, res) => {
        await wait(1000);
        if (!res.headersSent && !res.destroyed) res.json({ late: true });
      },
      ok,
    ]);
    const events: StatusEvent[] = [];
    const api = createClient({
      baseUrl: server.url,
      timeoutMs: 100,
      retry: { sleep: recordingSleep().sleep },
      onStatus: (event) => events.push(event),
    });
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
    expect(events.map((event) => event.code)).toEqual(['timeout', undefined]);
  });

  test('the last attempt over `timeoutMs` throws TimeoutError scope "attempt"', async () => {
    server = await scripted([async () => wait(1000)]);
    const api = createClient({ baseUrl: server.url, timeoutMs: 50, retry: { limit: 1, sleep: recordingSleep().sleep } });
    const thrown = await api.get('/x').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TimeoutError);
    expect(thrown).toMatchObject({ name: 'TimeoutError', scope: 'attempt', timeoutMs: 50, attempts: 2 });
  });

  test('the deadline stops a call mid-attempt with TimeoutError scope "deadline"', async () => {
    server = await scripted([async () => wait(2000)]);
    const api = createClient({ baseUrl: server.url, timeoutMs: false, deadlineMs: 200 });
    const started = performance.now();
    const thrown = await api.get('/x').catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(thrown).toBeInstanceOf(TimeoutError);
    expect(thrown).toMatchObject({ scope: 'deadline', timeoutMs: 200, attempts: 1 });
  });

  test('a wait that would outlast the deadline is not started: the last error is thrown, with its attempts', async () => {
    server = await scripted([throwing(new BadGatewayError())]);
    // Waits of 396 ms: attempts at ~0, ~400 (and ~800 ms if the machine is quick); a wait ending past 1000 ms is never started.
    const api = createClient({
      baseUrl: server.url,
      deadlineMs: 1000,
      retry: { limit: 10, baseDelayMs: 400, maxDelayMs: 400, random: () => 0.99 },
    });
    const thrown = await api.get('/x').catch((error: unknown) => error);
    // A wait started past the deadline would end in the deadline's TimeoutError, not the last error.
    expect(thrown).toBeInstanceOf(BadGatewayError);
    expect([2, 3]).toContain(server.hits.length);
    expect(thrown).toMatchObject({ attempts: server.hits.length });
  });

  test('a Retry-After longer than what is left of the deadline is not waited: the error is thrown at once', async () => {
    server = await scripted([throwing(new ServiceUnavailableError(undefined, { retryAfter: 5 }))]);
    const api = createClient({ baseUrl: server.url, deadlineMs: 2000 });
    const started = performance.now();
    const thrown = await api.get('/x').catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(thrown).toBeInstanceOf(ClientServiceUnavailableError);
    expect(thrown).toMatchObject({ retryAfter: 5, attempts: 1 });
    expect(server.hits).toHaveLength(1);
  });

  test('an AbortSignal stops a request in flight, with the reason given', async () => {
    server = await scripted([async () => wait(2000)]);
    const api = createClient({ baseUrl: server.url });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left the page')), 50);
    await expect(api.get('/x', { signal: controller.signal })).rejects.toThrow('user left the page');
  });

  test('an AbortSignal stops a Retry-After wait', async () => {
    server = await scripted([throwing(new TooManyRequestsError(undefined, { retryAfter: 10 }))]);
    const api = createClient({ baseUrl: server.url, deadlineMs: false });
    const started = performance.now();
    const thrown = await api.get('/x', { signal: AbortSignal.timeout(200) }).catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((thrown as Error).name).toBe('TimeoutError'); // AbortSignal.timeout's DOMException
    expect(thrown).not.toBeInstanceOf(ClientTooManyRequestsError);
    expect(server.hits).toHaveLength(1);
  });

  test('an already aborted signal sends nothing', async () => {
    server = await scripted([ok]);
    const api = createClient({ baseUrl: server.url });
    await expect(api.get('/x', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.hits).toHaveLength(0);
  });
});

describe('status distribution', () => {
  test('counts every attempt per status and code', async () => {
    server = await scripted([
      throwing(new TooManyRequestsError()),
      ok,
      throwing(new NotFoundError()),
      throwing(new NotFoundError('x', { code: 'user_not_found' })),
      (req) => void req.socket.destroy(),
      ok,
    ]);
    const statuses = createStatusDistribution();
    const api = createClient({ baseUrl: server.url, onStatus: statuses.record, retry: { sleep: recordingSleep().sleep } });
    await api.get('/x');
    await api.get('/x').catch(() => undefined);
    await api.get('/x').catch(() => undefined);
    await api.get('/x');
    expect(statuses.snapshot()).toEqual([
      { status: 0, code: 'network_error', count: 1 },
      { status: 200, code: undefined, count: 2 },
      { status: 404, code: 'resource_not_found', count: 1 },
      { status: 404, code: 'user_not_found', count: 1 },
      { status: 429, code: 'rate_limit_exceeded', count: 1 },
    ]);
    expect(statuses.total()).toBe(6);
    statuses.reset();
    expect(statuses.snapshot()).toEqual([]);
  });

  test('a hook that throws does not change the outcome of a call', async () => {
    server = await scripted([throwing(new BadGatewayError()), ok]);
    const api = createClient({
      baseUrl: server.url,
      onStatus: () => {
        throw new Error('metrics backend down');
      },
      retry: {
        sleep: recordingSleep().sleep,
        onRetry: () => {
          throw new Error('logger down');
        },
      },
    });
    await expect(api.get('/x')).resolves.toEqual({ ok: true });
  });
});
