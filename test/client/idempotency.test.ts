import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { idempotency, MemoryStore } from '../../src/idempotency';
import { createClient, createStatusDistribution } from '../../src/client';
import { apiApp, listen, type RunningServer } from './server';

// The server side of the contract: `idempotency()` from src/idempotency executes a keyed POST once
// and replays its stored response (with `Idempotent-Replayed: true`) to every retry.

interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

/**
 * A proxy in front of the API that loses the response of the first request on its way back (the
 * upstream has answered, the client sees its connection reset): the case a keyed retry is for.
 */
async function lossyProxy(target: string): Promise<RunningServer & { upstream: Upstream[] }> {
  const upstream: Upstream[] = [];
  const server = await listen((req, res) => {
    const forward = httpRequest(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        upstream.push({ status: answer.statusCode ?? 0, headers: answer.headers });
        if (upstream.length === 1) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    req.pipe(forward);
  });
  return Object.assign(server, { upstream });
}

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

function ordersApi(handlerDelayMs = 0): { executions: { key: string | undefined; body: unknown }[]; app: ReturnType<typeof apiApp> } {
  const executions: { key: string | undefined; body: unknown }[] = [];
  const app = apiApp((api) => {
    api.post('/orders', idempotency({ store: new MemoryStore(), retryAfter: 1 }), async (req, res) => {
      executions.push({ key: req.get('Idempotency-Key'), body: req.body as unknown });
      if (handlerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
      res.status(201).json({ id: `order_${executions.length}`, amount: (req.body as { amount: number }).amount });
    });
  });
  return { executions, app };
}

test('a POST whose response was lost is retried with the same key, executed once, and answered from the replay', async () => {
  const { executions, app } = ordersApi();
  const api = await listen(app);
  const proxy = await lossyProxy(api.url);
  servers.push(api, proxy);
  const statuses = createStatusDistribution();
  const client = createClient({ baseUrl: proxy.url, onStatus: statuses.record, retry: { sleep: async () => undefined } });

  await expect(client.post('/orders', { json: { amount: 42 } })).resolves.toEqual({ id: 'order_1', amount: 42 });

  expect(executions).toHaveLength(1);
  expect(proxy.upstream.map((answer) => [answer.status, answer.headers['idempotent-replayed']])).toEqual([
    [201, undefined],
    [201, 'true'],
  ]);
  expect(statuses.snapshot()).toEqual([
    { status: 0, code: 'network_error', count: 1 },
    { status: 201, code: undefined, count: 1 },
  ]);
});

test('a POST retried while the first attempt still runs gets 409 idempotency_key_in_use, waits its Retry-After, and gets the replay', async () => {
  // The handler takes 700 ms; the client gives each attempt 150 ms, so its retry finds the key in use,
  // and the one after the 1 s Retry-After finds the stored response.
  const { executions, app } = ordersApi(700);
  const api = await listen(app);
  servers.push(api);
  const statuses = createStatusDistribution();
  // No jitter: the retry goes out right after the timeout, while the handler still runs.
  const waits: [number, boolean][] = [];
  const client = createClient({
    baseUrl: api.url,
    timeoutMs: 150,
    onStatus: statuses.record,
    retry: { limit: 3, random: () => 0, onRetry: (event) => waits.push([event.delayMs, event.fromRetryAfter]) },
  });

  await expect(client.post('/orders', { json: { amount: 7 } })).resolves.toEqual({ id: 'order_1', amount: 7 });

  expect(executions).toHaveLength(1);
  expect(statuses.snapshot()).toEqual([
    { status: 0, code: 'timeout', count: 1 },
    { status: 201, code: undefined, count: 1 },
    { status: 409, code: 'idempotency_key_in_use', count: 1 },
  ]);
  // After the timeout: backoff (no jitter, 0 ms); after the 409: the server's Retry-After of 1 s.
  expect(waits).toEqual([
    [0, false],
    [1000, true],
  ]);
});

test('two logical calls are two keys: both executed', async () => {
  const { executions, app } = ordersApi();
  const api = await listen(app);
  servers.push(api);
  const client = createClient({ baseUrl: api.url });
  await client.post('/orders', { json: { amount: 1 } });
  await client.post('/orders', { json: { amount: 1 } });
  expect(executions).toHaveLength(2);
  expect(executions[0]!.key).not.toBe(executions[1]!.key);
});
