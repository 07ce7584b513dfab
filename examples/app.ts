import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler, requestId, type ErrorLogger } from '../src';
import type { ExampleFeature, FeatureContext, ResetState } from './features/feature';
import { httpSemantics } from './features/http-semantics';
import { idempotency } from './features/idempotency';
import { metrics } from './features/metrics';
import { tour } from './features/tour';
import { requireJsonBody } from './require-json';
import { operationsRouter } from './routes/operations';
import { usersRouter } from './routes/users';
import { UsersStore } from './users-store';

/** Options of the example API. */
export interface ExampleAppOptions {
  /** Requests per minute per client before 429. Default 100. */
  readonly rateLimit?: number;
  /** While set, everything but `/health` and `/` answers 503 with this Retry-After (seconds or a Date). */
  readonly maintenance?: number | Date;
  readonly logger?: Logger | ErrorLogger | false;
  /** Redis for the idempotency store; in-memory when absent. */
  readonly redisUrl?: string;
  /** What the tour's curl commands put before each path. Default `localhost:3000`. */
  readonly baseUrl?: string;
}

// The tour first: `GET /` and `POST /reset` are served before maintenance and the rate limit.
const FEATURES: readonly ExampleFeature[] = [tour, metrics, httpSemantics, idempotency];

/** The example users API: every scenario of public API status-code pages. */
export function createApp(options: ExampleAppOptions = {}): Express {
  const app = express();
  const resets: ResetState[] = [];
  const context: FeatureContext = {
    store: new UsersStore(),
    options,
    onReset: (reset) => {
      resets.push(reset);
    },
    resetAll: async () => {
      for (const reset of resets) await reset();
    },
  };
  context.onReset(() => context.store.reset());

  app.use(requestId());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const feature of FEATURES) feature.early?.(app, context);
  app.use(express.json({ limit: '100kb' }));
  app.use(requireJsonBody);

  for (const feature of FEATURES) feature.routes?.(app, context);
  app.use('/users', usersRouter(context.store));
  app.use(operationsRouter());

  for (const feature of FEATURES) feature.late?.(app, context);
  app.use(notFoundHandler());
  app.use(
    errorHandler({
      format: 'negotiate',
      logger: options.logger as ErrorLogger | false | undefined,
      challenge: { scheme: 'Bearer', params: { realm: 'example' } },
    }),
  );
  return app;
}
