import express5, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { buildApp, captureLogger, expectErrorResponse, flushLogs, type EnvelopeBody, type ExpressFactory } from '../helpers/app';

/** Wraps an async check so Express 4 (which ignores rejected promises) gets the error too. */
export function checked(check: (req: Request) => Promise<unknown> | unknown): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => check(req))
      .then(() => res.json({ ok: true }), next);
  };
}

/**
 * A real Express app: JSON body parser, `POST /users/:id` running `handlers`, then
 * `errorHandler` with a capturing logger.
 */
export function validatorApp(
  handlers: RequestHandler[],
  factory: ExpressFactory = express5,
): { app: Express; lines: Record<string, unknown>[] } {
  const { logger, lines } = captureLogger();
  const app = buildApp((root) => root.post('/users/:id', ...handlers), {
    express: factory,
    json: true,
    requestId: false,
    notFound: false,
    handler: { logger },
  });
  return { app, lines };
}

/** POSTs `body` to `path` and returns the envelope (asserting the 400 response), with the logs. */
export async function post(
  app: Express,
  lines: Record<string, unknown>[],
  body: object,
  path = '/users/1',
): Promise<{ body: EnvelopeBody; text: string; logs: string }> {
  const res = await request(app).post(path).send(body);
  await flushLogs();
  return { body: expectErrorResponse(res, 400, 'Bad Request'), text: res.text, logs: JSON.stringify(lines) };
}
