import type { Express } from 'express';
import express5 from 'express';
import { errorHandler, notFoundHandler, requestId, type ErrorHandlerOptions } from '../../src';
import type { ExpressFactory } from '../helpers/app';

/**
 * A real app: request ids, whatever `mount` adds, then the catch-all 404 and the error handler
 * (logging off unless a logger is passed).
 */
export function buildApp(
  mount: (app: Express) => void,
  options: ErrorHandlerOptions = {},
  express: ExpressFactory = express5,
): Express {
  const app = express();
  app.use(requestId());
  mount(app);
  app.use(notFoundHandler());
  app.use(errorHandler({ logger: false, ...options }));
  return app;
}
