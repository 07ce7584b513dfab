import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { fingerprintRequest } from './fingerprint';
import { IDEMPOTENCY_KEY_HEADER } from './key';
import { identifyByAuthorization } from './scope';
import type { IdempotencyStore } from './store';
import { MemoryStore } from './stores/memory-store';

/**
 * Options of {@link idempotency}. `Req` is the request type `identify`, `fingerprint` and
 * `onError` receive: Express's `Request` (with `req.get()`, `req.params` and what your app merges
 * into it, such as `req.user`) by default.
 */
export interface IdempotencyOptions<Req extends IncomingMessage = Request> {
  /** Where keys and responses are kept. Default: a new {@link MemoryStore} (one instance only). */
  readonly store?: IdempotencyStore;
  /** Answer 400 `idempotency_key_missing` to a request without a key. Default `false`. */
  readonly required?: boolean;
  /** Methods the key applies to; other methods pass through untouched. Default `['POST', 'PATCH']`. */
  readonly methods?: readonly string[];
  /** Header the key is read from. Default `Idempotency-Key`. */
  readonly header?: string;
  /** How long a finished response is replayed, in ms. Default 24 hours. */
  readonly ttlMs?: number;
  /**
   * How long a request may hold its key, in ms: the most a handler may take. After it, a handler
   * that crashed or hangs no longer blocks retries. Default 60 000.
   */
  readonly lockTimeoutMs?: number;
  /** Retry-After (seconds) on 409 `idempotency_key_in_use` and 503 `idempotency_store_unavailable`. Default 1. */
  readonly retryAfter?: number;
  /**
   * The client a request comes from (API key, account or tenant id): keys are scoped by it, so one
   * client can never read another's response. It is hashed (SHA-256) before it reaches the store.
   * Default: the request's `Authorization` header value, the empty identity (one shared scope)
   * without one. Pass a stable account id where credentials rotate (a refreshed OAuth token would
   * otherwise start a new scope, and a retry would run the handler again) or where clients are
   * told apart by a session cookie; `() => 'global'` deliberately makes every request one tenant.
   */
  readonly identify?: (req: Req) => string | undefined;
  /**
   * Most requests of one identity (see `identify`) this process runs under a key at once; past
   * it the request is refused with 429 `rate_limit_exceeded` and Retry-After, so one client
   * cannot fill the store with claims in progress for everyone. Default 1000.
   */
  readonly maxInProgressPerIdentity?: number;
  /**
   * What makes two requests "the same": a string compared between a key's first request and its
   * retries (422 `idempotency_key_reused` when they differ). Default: SHA-256 of method, path
   * with query and body; `false` compares nothing.
   */
  readonly fingerprint?: false | ((req: Req) => string);
  /**
   * Response headers stored and replayed beyond the defaults (Content-Type, Location,
   * Retry-After, Cache-Control, ETag, Link, ... see the docs). Set-Cookie is never stored.
   */
  readonly replayHeaders?: readonly string[];
  /**
   * Store and replay 5xx responses like any other (Stripe does). `false` lets a retry run again.
   * Default `true`. 502, 503 and 504 are never stored (see the idempotency() docs).
   */
  readonly storeServerErrors?: boolean;
  /** When the store is unreachable, run the handler without protection instead of answering 503. Default `false`. */
  readonly failOpen?: boolean;
  /** Largest body stored, in bytes; a larger response is sent but not stored (the key is released). Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Told of store failures and of responses that could not be stored; for logs and metrics. */
  readonly onError?: (error: unknown, req: Req) => void;
}

/** Headers replayed by default: those that describe the body or tell the client what to do next. */
export const DEFAULT_REPLAY_HEADERS: readonly string[] = [
  'content-type',
  'content-language',
  'content-location',
  'location',
  'retry-after',
  'cache-control',
  'expires',
  'x-content-type-options',
  'etag',
  'last-modified',
  'link',
  'vary',
  'allow',
  'www-authenticate',
];

const NEVER_REPLAYED = new Set(['set-cookie', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'idempotent-replayed']);

export interface IdempotencyConfig<Req extends IncomingMessage> {
  readonly store: IdempotencyStore;
  readonly required: boolean;
  readonly methods: ReadonlySet<string>;
  /** Lower-case, as Node keys `req.headers`. */
  readonly header: string;
  readonly ttlMs: number;
  readonly lockTimeoutMs: number;
  readonly retryAfter: number;
  readonly identify: (req: Req) => string | undefined;
  readonly maxInProgressPerIdentity: number;
  readonly fingerprint: (req: Req) => string;
  readonly replayHeaders: ReadonlySet<string>;
  readonly storeServerErrors: boolean;
  readonly failOpen: boolean;
  readonly maxBodyBytes: number;
  readonly onError: ((error: unknown, req: Req) => void) | undefined;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`idempotency: ${name} must be a positive number`);
  return value;
}

export function resolveOptions<Req extends IncomingMessage>(options: IdempotencyOptions<Req>): IdempotencyConfig<Req> {
  const extra = (options.replayHeaders ?? []).map((name) => name.toLowerCase()).filter((name) => !NEVER_REPLAYED.has(name));
  return {
    store: options.store ?? new MemoryStore(),
    required: options.required ?? false,
    methods: new Set((options.methods ?? ['POST', 'PATCH']).map((method) => method.toUpperCase())),
    header: (options.header ?? IDEMPOTENCY_KEY_HEADER).toLowerCase(),
    ttlMs: positive(options.ttlMs, 24 * 60 * 60 * 1000, 'ttlMs'),
    lockTimeoutMs: positive(options.lockTimeoutMs, 60_000, 'lockTimeoutMs'),
    retryAfter: Math.ceil(positive(options.retryAfter, 1, 'retryAfter')),
    identify: options.identify ?? identifyByAuthorization,
    maxInProgressPerIdentity: Math.max(1, Math.floor(positive(options.maxInProgressPerIdentity, 1000, 'maxInProgressPerIdentity'))),
    fingerprint: options.fingerprint === false ? () => '' : (options.fingerprint ?? fingerprintRequest),
    replayHeaders: new Set([...DEFAULT_REPLAY_HEADERS, ...extra]),
    storeServerErrors: options.storeServerErrors ?? true,
    failOpen: options.failOpen ?? false,
    maxBodyBytes: positive(options.maxBodyBytes, 1024 * 1024, 'maxBodyBytes'),
    onError: options.onError,
  };
}
