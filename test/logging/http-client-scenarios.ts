import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../src';
import { captureLogger, flushLogs } from '../helpers/app';

// Shared by the in-process tests (axios, ofetch) and the child process that runs the ESM-only
// clients (got, ky): the same upstream, the same secrets, the same app, the same outcome shape.

/** Every secret planted in a call; none may reach a log line or the response. They all contain `SECRET`. */
export const SECRET_QUERY = '?api_key=SECRET1&access_token=SECRET1b';
export const SECRET_USERINFO = 'user:SECRET2@';
export const SECRET_HEADERS: Readonly<Record<string, string>> = {
  Authorization: 'Bearer SECRET3',
  'X-Access-Token': 'SECRET4',
  'Private-Token': 'SECRET4b',
  'X-Amz-Security-Token': 'SECRET4c',
  'X-Goog-Api-Key': 'SECRET4d',
  'X-Client-Secret': 'SECRET4e',
};
export const SECRET_BODY = { password: 'SECRET5', note: 'SECRET5b' } as const;
export const TIMEOUT_MS = 300;

/** What the upstream is asked to do. */
export type Scenario = 'status404' | 'status500' | 'hang' | 'refused';
export const SCENARIOS: readonly Scenario[] = ['status404', 'status500', 'hang', 'refused'];

export interface Upstream {
  /** `http://127.0.0.1:<port>` of a server answering `/status/404`, `/status/500`, and never answering `/hang`. */
  readonly origin: string;
  /** `http://127.0.0.1:<port>` where nothing listens. */
  readonly closedOrigin: string;
  close(): Promise<void>;
}

/** A loopback server whose error answers carry secrets in their body and headers. */
export async function startUpstream(): Promise<Upstream> {
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.url?.startsWith('/hang')) return;
    res.statusCode = req.url?.startsWith('/status/500') ? 500 : 404;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Set-Cookie', 'session=SECRET6c');
    res.setHeader('X-Upstream-Token', 'SECRET6b');
    res.end(JSON.stringify({ error: 'no such item', leak: 'SECRET6' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    closedOrigin: `http://127.0.0.1:${closedPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The path a scenario calls, without its query string. */
export function pathOf(scenario: Scenario): string {
  return scenario === 'hang' ? '/hang' : scenario === 'status500' ? '/status/500' : '/status/404';
}

/** The URL a scenario calls, secrets included (`userinfo` only for clients that accept it). */
export function urlOf(upstream: Upstream, scenario: Scenario, userinfo: boolean): string {
  const origin = scenario === 'refused' ? upstream.closedOrigin : upstream.origin;
  return `${userinfo ? origin.replace('://', `://${SECRET_USERINFO}`) : origin}${pathOf(scenario)}${SECRET_QUERY}`;
}

/** What the app answered and logged. */
export interface Outcome {
  readonly status: number;
  readonly text: string;
  readonly body: { error: { code: string; message: string }; meta: { request_id: string } };
  readonly lines: Record<string, unknown>[];
}

/**
 * Runs `call` inside a real Express 5 route with `errorHandler({ logger })`: the client's error is
 * thrown as is, or (`wrap`) as the cause of the app's own error.
 */
export async function runThroughApp(call: () => Promise<unknown>, wrap = false): Promise<Outcome> {
  const { logger, lines } = captureLogger();
  const app = express();
  app.post('/checkout', async () => {
    try {
      await call();
    } catch (error) {
      throw wrap ? new Error('billing call failed', { cause: error }) : error;
    }
  });
  app.use(errorHandler({ logger }));
  const res = await request(app).post('/checkout').send({});
  await flushLogs();
  return { status: res.status, text: res.text, body: res.body as Outcome['body'], lines };
}
