// Type tests (Express.User is declared in ./express-user.d.ts): checked by `npm run typecheck` (tsc over test/); jest runs them as no-ops.
// The callbacks the library takes receive Express's own Request, so what an app reads in its
// handlers (`req.params`, `req.get()`, and what it merges into Express.Request, such as passport's
// `req.user`) compiles in those callbacks too.
import type { IncomingMessage } from 'node:http';
import { expectTypeOf } from 'expect-type';
import express, { type Request } from 'express';
import express4 from 'express4';
import { maintenanceMode, preconditions, type MaintenanceModeOptions, type PreconditionsOptions } from '../../src/http';
import { statusMetrics, type StatusMetricsOptions } from '../../src/metrics';

const app = express();

test('preconditions: etag receives Express’s Request', () => {
  app.use(
    '/documents/:id',
    preconditions({
      etag: (req) => {
        expectTypeOf(req).toEqualTypeOf<Request>();
        expectTypeOf(req.params).toEqualTypeOf<Request['params']>();
        expectTypeOf(req.get('If-Match')).toEqualTypeOf<string | undefined>();
        expectTypeOf(req.user).toEqualTypeOf<Express.User | undefined>();
        return req.user === undefined ? undefined : `"${req.user.id}-${req.params.id}"`;
      },
    }),
  );
  // A route's own Request type (typed params) is inferred from the annotation.
  const typed = preconditions({ etag: async (req: Request<{ id: string }>) => `"${req.params.id}"` });
  expectTypeOf(typed).toBeFunction();
  expectTypeOf<PreconditionsOptions['etag']>().parameter(0).toEqualTypeOf<Request>();
  // A plain Node request type still fits for code written against node:http.
  expectTypeOf(preconditions({ etag: (req: IncomingMessage) => req.headers.etag as string | undefined })).toBeFunction();
  // @ts-expect-error etag answers a string (or nothing), not a number
  preconditions({ etag: () => 42 });
});

test('maintenanceMode: enabled and retryAfter receive the request', () => {
  app.use(
    maintenanceMode({
      enabled: (req) => req.user?.tenant === 'acme' || req.get('X-Maintenance') === '1',
      retryAfter: (req) => (req.path.startsWith('/exports') ? 3600 : 60),
    }),
  );
  // The functions without a parameter of before still fit.
  app.use(maintenanceMode({ enabled: () => true, retryAfter: () => new Date() }));
  expectTypeOf<Extract<MaintenanceModeOptions['enabled'], (req: never) => boolean>>().parameter(0).toEqualTypeOf<Request>();
});

test('statusMetrics: skip receives Express’s Request', () => {
  app.use(
    statusMetrics({
      skip: (req) => {
        expectTypeOf(req).toEqualTypeOf<Request>();
        return req.path === '/metrics' || req.get('User-Agent')?.startsWith('kube-probe') === true;
      },
    }),
  );
  expectTypeOf<NonNullable<StatusMetricsOptions['skip']>>().parameter(0).toEqualTypeOf<Request>();
});

test('the middleware fit Express 4 apps too', () => {
  const app4 = express4();
  app4.use(preconditions({ etag: () => '"1"' }));
  app4.use(maintenanceMode({ enabled: false }));
  app4.use(statusMetrics());
});
