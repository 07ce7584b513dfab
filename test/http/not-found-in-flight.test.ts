import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, RequestHandler } from 'express';
import { errorHandler, notFoundHandler } from '../../src';
import { captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';

interface Outcome {
  readonly status?: number;
  readonly text: string;
  readonly aborted: boolean;
}

/** One GET over a fresh connection; `aborted` when the server cut the body short. */
async function get(app: Express, path: string): Promise<Outcome> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<Outcome>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, text, aborted: !res.complete }));
        res.on('error', () => resolve({ status: res.statusCode, text, aborted: true }));
      });
      req.on('error', () => resolve({ text: '', aborted: true }));
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

// finalhandler, Express's own last step, ignores a 404 once headers are out ("ignore 404 on
// in-flight response") and destroys the socket only for an error: notFoundHandler does the same.
describe.each(EXPRESS_VERSIONS)('notFoundHandler after the headers were sent, on %s', (_name, express) => {
  function appWith(middleware: RequestHandler) {
    const { logger, lines } = captureLogger();
    const app = express();
    app.use(middleware);
    app.use(notFoundHandler());
    app.use(errorHandler({ logger }));
    return { app, lines };
  }

  test('a response still being written is left alone: the client gets it whole, nothing is logged', async () => {
    const { app, lines } = appWith((_req, res, next) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
      next();
      setTimeout(() => res.end(' and the rest'), 20);
    });
    const outcome = await get(app, '/stream');
    await flushLogs();
    expect(outcome).toEqual({ status: 200, text: 'partial and the rest', aborted: false });
    expect(lines).toEqual([]);
  });

  test('a response already ended stays as it was', async () => {
    const { app, lines } = appWith((_req, res, next) => {
      res.status(200).json({ done: true });
      next();
    });
    expect(await get(app, '/done')).toEqual({ status: 200, text: '{"done":true}', aborted: false });
    await flushLogs();
    expect(lines).toEqual([]);
  });

  test('with nothing sent it is still the 404', async () => {
    const { app } = appWith((_req, _res, next) => next());
    const outcome = await get(app, '/nowhere');
    expect(outcome.status).toBe(404);
    expect(JSON.parse(outcome.text)).toMatchObject({ error: { code: 'resource_not_found', message: 'No route matches GET /nowhere' } });
  });
});
