import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import cors, { type CorsOptions } from 'cors';
import express from 'express';
import { NotFoundError, ServiceUnavailableError, TooManyRequestsError, errorHandler, getRequestId, requestId } from '../../src';

export const DIST = join(__dirname, '..', '..', 'dist');

/** dist/client.mjs and the chunks it imports, transitively. */
export function clientModuleFiles(): string[] {
  const files = new Set<string>();
  const visit = (name: string): void => {
    if (files.has(name)) return;
    files.add(name);
    for (const match of readFileSync(join(DIST, name), 'utf8').matchAll(/(?:from|import)\s*["']\.\/([\w-]+\.mjs)["']/g)) visit(match[1]!);
  };
  visit('client.mjs');
  return [...files];
}

/**
 * Fails unless dist/client.mjs exists and is newer than every source file its modules were built
 * from (their source maps list them): the test loads the shipped bundle, and a stale one would test
 * old code.
 */
export function assertFreshClientBundle(): void {
  const bundle = join(DIST, 'client.mjs');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm test does)`);
  const stale = clientModuleFiles().flatMap((name) => {
    const built = statSync(join(DIST, name)).mtimeMs;
    const { sources } = JSON.parse(readFileSync(join(DIST, `${name}.map`), 'utf8')) as { sources: string[] };
    return sources.map((source) => join(DIST, source)).filter((source) => !existsSync(source) || statSync(source).mtimeMs > built);
  });
  if (stale.length > 0) throw new Error(`${bundle} is older than ${stale.join(', ')}: run \`npm run build\` first (npm test does)`);
}

/** The page's origin: an HTML page importing dist/client.mjs, and the ES modules of dist/. */
export function pageApp(): express.Express {
  const app = express();
  app.get('/', (_req, res) => {
    res
      .type('html')
      .send(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>client</title></head><body>' +
          '<script type="module">import * as api from "/dist/client.mjs"; window.api = api;</script></body></html>',
      );
  });
  app.get('/dist/:file', (req, res) => {
    // Only the bundle's own modules, by name: nothing else of the file system is served.
    const name = String(req.params.file);
    if (!/^[\w-]+\.mjs$/.test(name)) return void res.sendStatus(404);
    try {
      res.type('text/javascript').send(readFileSync(join(DIST, name)));
    } catch {
      res.sendStatus(404);
    }
  });
  return app;
}

/** What the API saw, per test token: the requests, and the Idempotency-Key each carried. */
export interface ApiLog {
  readonly requestIds: string[];
  readonly keys: Map<string, (string | undefined)[]>;
  readonly attempts: Map<string, number>;
}

/**
 * The API, on its own origin. `cors` is the cors package's options, or `false` for an API that
 * sends no CORS header at all. Each `:token` route fails its first attempt, then succeeds.
 */
export function apiApp(corsOptions: CorsOptions | false): { app: express.Express; log: ApiLog } {
  const log: ApiLog = { requestIds: [], keys: new Map(), attempts: new Map() };
  const attempt = (token: string): number => {
    const count = (log.attempts.get(token) ?? 0) + 1;
    log.attempts.set(token, count);
    return count;
  };
  const app = express();
  app.use(requestId());
  if (corsOptions !== false) app.use(cors(corsOptions));
  app.use(express.json());
  app.use((req, _res, next) => {
    log.requestIds.push(getRequestId(req) ?? '');
    next();
  });
  app.get('/users/:id', (req) => {
    throw new NotFoundError(`No user ${String(req.params.id)}.`);
  });
  app.get('/busy/:token', (req, res) => {
    const count = attempt(String(req.params.token));
    if (count === 1) throw new TooManyRequestsError('Slow down.', { retryAfter: 1 });
    res.json({ attempts: count });
  });
  app.post('/orders/:token', (req, res) => {
    const token = String(req.params.token);
    log.keys.set(token, [...(log.keys.get(token) ?? []), req.get('Idempotency-Key')]);
    const count = attempt(token);
    if (count === 1) throw new ServiceUnavailableError('Try again.', { retryAfter: 1 });
    res.status(201).json({ id: 'order_1', attempts: count });
  });
  app.use(errorHandler({ logger: false }));
  return { app, log };
}
