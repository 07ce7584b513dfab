import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import { createError, type ErrorStatus } from '../../src';
import { idempotency, type IdempotencyOptions } from '../../src/idempotency';
import { buildApp, type ExpressFactory } from '../helpers/app';

/** What the test route does, chosen by the request body. */
export interface ItemBody {
  /** `create` (default): 201 + Location; `fail`: throws `status`; `wait`: awaits the gate first. */
  readonly action?: 'create' | 'fail' | 'wait' | 'stream' | 'write-head';
  readonly status?: number;
  readonly name?: string;
}

/** A gate a `wait` request parks at until the test opens it. */
export interface Gate {
  open(): void;
  /** Resolves when `count` requests are parked. */
  reached(count?: number): Promise<void>;
}

export interface ItemsApp {
  readonly app: Express;
  /** How many times each route's handler ran. */
  readonly calls: { items: number };
  /** Parks `wait` requests; a fresh closed gate after each `open()`. */
  readonly gate: Gate;
}

function createGate(): Gate & { wait(): Promise<void> } {
  let release: () => void = () => undefined;
  let opened = new Promise<void>((resolve) => (release = resolve));
  let parked = 0;
  const watchers: { count: number; resolve: () => void }[] = [];
  return {
    async wait() {
      parked += 1;
      for (const watcher of watchers.splice(0))
        if (parked >= watcher.count) watcher.resolve();
        else watchers.push(watcher);
      await opened;
    },
    open() {
      release();
      opened = new Promise<void>((resolve) => (release = resolve));
      parked = 0;
    },
    reached(count = 1) {
      return parked >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }));
    },
  };
}

/**
 * A real app: `POST /items` behind `idempotency(options)` creates item N (201, Location
 * `/items/N`, ETag) or fails as the body says; `POST /other` is a second route on the same store.
 */
export function itemsApp(options: IdempotencyOptions<Request> = {}, express?: ExpressFactory): ItemsApp {
  const calls = { items: 0 };
  const gate = createGate();
  const guard = idempotency<Request>(options);

  const handler = async (req: Request, res: Response, next: NextFunction) => {
    try {
      calls.items += 1;
      const n = calls.items;
      const body = (req.body ?? {}) as ItemBody;
      if (body.action === 'wait') await gate.wait();
      if (body.action === 'fail') {
        const status = body.status ?? 500;
        if (status === 500) throw new Error(`database password is hunter2 (call ${n})`);
        if (status !== 400) throw createError(status as ErrorStatus, `Failed on call ${n}.`);
        throw createError(400, `Item ${n} is invalid.`, { code: 'validation_error', details: [{ path: 'body.name', call: n }] });
      }
      if (body.action === 'stream') {
        res.status(200).type('text/plain');
        res.write(`part one of ${n}\n`);
        res.write(Buffer.from('part two\n'));
        res.end('end\n');
        return;
      }
      if (body.action === 'write-head') {
        const text = JSON.stringify({ id: n });
        res.writeHead(202, 'Accepted For Later', {
          'Content-Type': 'application/json',
          Location: `/jobs/${n}`,
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
        return;
      }
      res
        .status(201)
        .location(`/items/${n}`)
        .json({ data: { id: n, name: body.name ?? null } });
    } catch (error) {
      next(error);
    }
  };
  const app = buildApp(
    (root) => {
      root.post('/items', guard, handler);
      root.post('/other', guard, handler);
      root.get('/items', guard, (_req, res) => {
        res.json({ calls: calls.items });
      });
    },
    { express, json: true, notFound: false },
  );
  return { app, calls, gate };
}

/** Listens on a free loopback port; for many requests at once against one server. */
export async function listen(app: Express): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One POST over fetch, read in full. */
export async function post(
  url: string,
  key: string | undefined,
  body: unknown,
): Promise<{ status: number; headers: Headers; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
