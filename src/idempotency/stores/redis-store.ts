import { randomUUID } from 'node:crypto';
import type { ClaimResult, IdempotencyStore, StoredResponse } from '../store';
import { decodeValue, encodeClaim, encodeResponse } from './redis-codec';
import { CLAIM, COMPLETE, RELEASE, type RedisScript } from './redis-scripts';

/**
 * The Redis commands the store uses, as ioredis types them: an ioredis `Redis` (or `Cluster`)
 * instance fits, and so does any client with the same `eval`/`evalsha` signatures.
 */
export interface RedisClientLike {
  eval(script: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  evalsha(sha: string, numkeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** ioredis's connection state; with it, no command is sent before `ready` (see `readyTimeoutMs`). */
  readonly status?: string;
  once?(event: 'ready', listener: () => void): unknown;
  connect?(): Promise<unknown>;
}

/** Options of {@link RedisStore}: give a `client`, or a `url` to let the store create one. */
export interface RedisStoreOptions {
  /** An ioredis client you own (the store never closes it). Prefer `enableOfflineQueue: false`. */
  readonly client?: RedisClientLike;
  /** A Redis URL; ioredis is then imported on first use and the client closed by `close()`. */
  readonly url?: string;
  /** Prefix of every key the store writes. Default `idempotency:`. */
  readonly prefix?: string;
  /** A command slower than this (ms) counts as the store being unavailable. Default 1000. */
  readonly timeoutMs?: number;
  /**
   * How long (ms) a request waits for a connection that is not ready yet (starting, or a server
   * that accepts TCP but never answers) before its claim fails and the middleware answers 503.
   * Nothing is sent before `ready`, so nothing piles up in ioredis's offline queue. Default 1000.
   */
  readonly readyTimeoutMs?: number;
  /** Most requests waiting for the connection at once; past it a claim fails at once (503). Default 1000. */
  readonly maxWaitingRequests?: number;
}

// What the store needs from a client it created itself, beyond the commands.
interface OwnClient extends RedisClientLike {
  readonly status: string;
  quit(): Promise<unknown>;
  disconnect(): void;
}

// One request waiting for `ready`: its own timer, so it is let go of at the limit even if
// `ready` never comes (a closure per request held until then is what grew without bound).
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

// ioredis states from which `ready` follows without a reconnection: worth a short wait.
const CONNECTING = new Set(['wait', 'connecting', 'connect']);

const noop = (): void => undefined;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`RedisStore: ${name} must be a positive number`);
  return value;
}

/**
 * A store shared by every instance of the app, on Redis: the claim is one atomic `SET NX PX`,
 * results are written with their TTL by a compare-and-set Lua script (nothing half-written, never
 * over another request's claim), and a claim is released only by the request that holds it.
 * ioredis is an optional peer dependency, loaded only when `url` is used.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const store = new RedisStore({ client: new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false }) });
 * app.post('/orders', idempotency({ store }), createOrder);
 */
export class RedisStore implements IdempotencyStore {
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #readyTimeoutMs: number;
  readonly #maxWaiting: number;
  readonly #url: string | undefined;
  #client: RedisClientLike | Promise<OwnClient> | undefined;
  #closed = false;
  readonly #waiters = new Set<Waiter>();
  // The client our one `ready` listener is on: one per client, not one per waiting request.
  #listeningTo: RedisClientLike | undefined;

  constructor(options: RedisStoreOptions) {
    if (options.client === undefined && options.url === undefined) throw new TypeError('RedisStore needs a client or a url');
    this.#client = options.client;
    this.#url = options.client === undefined ? options.url : undefined;
    this.#prefix = options.prefix ?? 'idempotency:';
    this.#timeoutMs = positive(options.timeoutMs, 1000, 'timeoutMs');
    this.#readyTimeoutMs = positive(options.readyTimeoutMs, 1000, 'readyTimeoutMs');
    this.#maxWaiting = Math.floor(positive(options.maxWaitingRequests, 1000, 'maxWaitingRequests'));
  }

  /** Requests waiting for the connection to become ready, at most `maxWaitingRequests`; for metrics. */
  get waiting(): number {
    return this.#waiters.size;
  }

  async claim(key: string, fingerprint: string, lockTimeoutMs: number): Promise<ClaimResult> {
    const token = encodeClaim(randomUUID(), fingerprint);
    const reply = this.#run(CLAIM, key, [token, Math.max(1, Math.ceil(lockTimeoutMs))]);
    // A claim that lands after we gave up on it would hold the key for nothing: give it back.
    const result = await this.#withTimeout(reply, () => {
      reply.then((late) => (late === 1 ? this.release(key, token) : undefined)).catch(noop);
    });
    return result === 1 ? { state: 'claimed', token } : decodeValue(result);
  }

  async complete(key: string, token: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<boolean> {
    const value = encodeResponse(fingerprint, response);
    return (await this.#withTimeout(this.#run(COMPLETE, key, [token, value, Math.max(1, Math.ceil(ttlMs))]))) === 1;
  }

  async release(key: string, token: string): Promise<void> {
    await this.#withTimeout(this.#run(RELEASE, key, [token]));
  }

  /** Stops the store (later calls reject) and closes the client it created from `url`; a client you passed stays open. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#settleWaiters(new Error('RedisStore is closed'));
    if (this.#url === undefined || this.#client === undefined) return;
    const client = await this.#client;
    this.#client = undefined;
    const own = client as OwnClient;
    // QUIT lets pending replies arrive; a client still trying to connect is simply stopped.
    if (own.status === 'ready') await own.quit().catch(() => own.disconnect());
    else own.disconnect();
  }

  async #run(script: RedisScript, key: string, args: (string | number)[]): Promise<unknown> {
    const client = await this.#connected();
    try {
      return await client.evalsha(script.sha, 1, this.#prefix + key, ...args);
    } catch (error) {
      // Redis restarted or flushed its script cache: send the source once, it is cached again.
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return client.eval(script.source, 1, this.#prefix + key, ...args);
    }
  }

  async #connected(): Promise<RedisClientLike> {
    if (this.#closed) throw new Error('RedisStore is closed');
    let client: RedisClientLike;
    if (this.#url === undefined) client = this.#client as RedisClientLike;
    else client = await (this.#client ??= createClient(this.#url));
    const { status } = client;
    // A client that does not tell its state (not ioredis) is used as it is.
    if (status === undefined || status === 'ready') return client;
    // Fail fast while disconnected: a command queued offline would run after the request gave up.
    if (!CONNECTING.has(status) || typeof client.once !== 'function') throw new Error(`Redis is not connected (${status})`);
    if (status === 'wait') client.connect?.().catch(noop);
    await this.#untilReady(client);
    return client;
  }

  #untilReady(client: RedisClientLike): Promise<void> {
    if (this.#waiters.size >= this.#maxWaiting)
      return Promise.reject(new Error(`RedisStore: ${this.#maxWaiting} requests already wait for the connection`));
    if (this.#listeningTo !== client) {
      this.#listeningTo = client;
      client.once?.('ready', () => {
        if (this.#listeningTo === client) this.#listeningTo = undefined;
        this.#settleWaiters();
      });
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`RedisStore: the connection was not ready within ${this.#readyTimeoutMs} ms`));
        }, this.#readyTimeoutMs),
      };
      waiter.timer.unref();
      this.#waiters.add(waiter);
    });
  }

  // Lets every waiting request go: on `ready` (no error) or on close.
  #settleWaiters(error?: Error): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
    this.#waiters.clear();
  }

  #withTimeout<T>(promise: Promise<T>, onTimeout?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        onTimeout?.();
        reject(new Error(`RedisStore: no answer within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      // The command itself keeps the process alive while it matters; the timer alone must not.
      timer.unref();
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}

async function createClient(url: string): Promise<OwnClient> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(attempt * 50, 1000),
  });
  // Connection errors reach the middleware as failed commands (503, and `onError`); without a
  // listener ioredis would also print each reconnection attempt.
  client.on('error', noop);
  return client;
}
