// Type tests (Express.User is declared in ./express-user.d.ts): checked by `npm run typecheck` (tsc over test/); jest runs them as no-ops.
// identify, fingerprint and onError receive Express's own Request, so what an app reads in its
// handlers (`req.get()`, `req.params`, and what it merges into Express.Request, such as
// passport's `req.user`) compiles in them too.
import type { IncomingMessage } from 'node:http';
import { expectTypeOf } from 'expect-type';
import express, { type Request } from 'express';
import express4 from 'express4';
import { idempotency, MemoryStore, type IdempotencyMiddleware, type IdempotencyOptions } from '../../src/idempotency';

const app = express();

test('identify, fingerprint and onError receive Express’s Request', () => {
  app.post(
    '/tenants/:tenant/orders',
    idempotency({
      identify: (req) => {
        expectTypeOf(req).toEqualTypeOf<Request>();
        expectTypeOf(req.user).toEqualTypeOf<Express.User | undefined>();
        expectTypeOf(req.get('X-Api-Key')).toEqualTypeOf<string | undefined>();
        return req.user?.id ?? req.get('X-Api-Key');
      },
      fingerprint: (req) => {
        expectTypeOf(req.params).toEqualTypeOf<Request['params']>();
        return `${req.method} ${req.params.tenant ?? ''} ${JSON.stringify(req.body)}`;
      },
      onError: (error, req) => {
        expectTypeOf(error).toBeUnknown();
        expectTypeOf(req.originalUrl).toBeString();
      },
    }),
  );
  expectTypeOf<NonNullable<IdempotencyOptions['identify']>>().parameter(0).toEqualTypeOf<Request>();
  expectTypeOf<Exclude<IdempotencyOptions['fingerprint'], false | undefined>>().parameter(0).toEqualTypeOf<Request>();
  expectTypeOf<NonNullable<IdempotencyOptions['onError']>>().parameter(1).toEqualTypeOf<Request>();
});

test('a route’s own Request type, or a plain Node request, is inferred from the annotation', () => {
  const typed = idempotency({ identify: (req: Request<{ tenant: string }>) => req.params.tenant });
  expectTypeOf(typed).toEqualTypeOf<IdempotencyMiddleware>();
  const plain = idempotency({ identify: (req: IncomingMessage) => req.headers['x-api-key'] as string | undefined });
  expectTypeOf(plain).toEqualTypeOf<IdempotencyMiddleware>();
  // @ts-expect-error identify answers a string (or nothing), not a number
  idempotency({ identify: () => 42 });
  // @ts-expect-error times are in milliseconds, named ...Ms
  idempotency({ ttl: 1000 });
});

test('the middleware fits Express 5 and 4 apps, and plain node:http', () => {
  app.use(idempotency({ store: new MemoryStore(), ttlMs: 60_000, lockTimeoutMs: 5000, maxBodyBytes: 1024 }));
  express4().post('/orders', idempotency({ identify: (req) => req.get('X-Api-Key') }), (_req, res) => {
    res.status(201).end();
  });
  expectTypeOf(idempotency()).parameter(0).toEqualTypeOf<IncomingMessage>();
});
