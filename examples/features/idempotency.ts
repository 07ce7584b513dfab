import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { idempotency as idempotencyKey, MemoryStore, RedisStore, type IdempotencyStore } from '../../src/idempotency';
import type { UsersStore } from '../users-store';
import type { ExampleFeature } from './feature';

// One middleware per app, found by the app's users table (the users router is built after the
// feature hooks run, from the same context).
const guards = new WeakMap<UsersStore, RequestHandler>();

// Keys are scoped by the caller's credentials, hashed so no token is written to the store.
function caller(req: Request): string | undefined {
  const authorization = req.headers.authorization;
  return authorization === undefined ? undefined : createHash('sha256').update(authorization).digest('base64url').slice(0, 22);
}

// `generation` is part of the scope: after `POST /reset` the keys used before are unknown again,
// in the memory store and in Redis alike, without deleting anything.
function createGuard(store: IdempotencyStore, generation: () => number): RequestHandler {
  return idempotencyKey<Request>({
    store,
    identify: (req) => {
      const identity = caller(req);
      return identity === undefined ? undefined : `${generation()}.${identity}`;
    },
  }) as RequestHandler;
}

/** The Idempotency-Key middleware of `POST /users` for the app that owns `users`. */
export function usersIdempotency(users: UsersStore): RequestHandler {
  let guard = guards.get(users);
  if (guard === undefined) {
    guard = createGuard(new MemoryStore(), () => 0);
    guards.set(users, guard);
  }
  return guard;
}

/**
 * Idempotency-Key: `POST /users` honours `Idempotency-Key` (see examples/routes/users.ts). The store is
 * in memory, or Redis when `redisUrl` (or `REDIS_URL`) is set, so that several instances of the
 * API share it. The store is kept on `app.locals.idempotencyStore` (to close a RedisStore).
 */
export const idempotency: ExampleFeature = {
  routes(app, context) {
    const redisUrl = context.options.redisUrl ?? process.env.REDIS_URL;
    const store = redisUrl ? new RedisStore({ url: redisUrl, prefix: 'example:idempotency:' }) : new MemoryStore();
    app.locals.idempotencyStore = store;
    let generation = 0;
    context.onReset(() => {
      generation += 1;
    });
    guards.set(
      context.store,
      createGuard(store, () => generation),
    );
  },
};
