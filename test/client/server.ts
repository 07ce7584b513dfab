import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import express from 'express';
import { errorHandler, requestId, type ErrorHandlerOptions } from '../../src';

/** A listening server on a free loopback port, and how to stop it. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts any request listener (an Express app, a bare handler) on 127.0.0.1:0. */
export async function listen(handler: RequestListener): Promise<RunningServer> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An Express app with `requestId()`, the routes `mount` adds, and our `errorHandler(options)` last. */
export function apiApp(mount: (app: express.Express) => void, options: ErrorHandlerOptions = {}): express.Express {
  const app = express();
  app.use(requestId());
  app.use(express.json());
  mount(app);
  app.use(errorHandler({ logger: false, ...options }));
  return app;
}
