// The error-tracker recipe of docs/observability.md, with the real Sentry Node SDK: the one change
// is a transport that keeps each envelope in memory instead of sending it, so what the test reads
// is exactly what Sentry's servers would receive.
import * as Sentry from '@sentry/node';
import express5, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { errorHandler, NotFoundError, notFoundHandler, requestId } from '../../src';
import { EXPRESS_VERSIONS, expectErrorResponse, type ExpressFactory } from '../helpers/app';

interface SentryEvent {
  event_id: string;
  level?: string;
  tags?: Record<string, string>;
  exception?: { values: { type: string; value: string; stacktrace?: { frames?: { function?: string }[] } }[] };
}

/** The items of one envelope (newline-delimited JSON: envelope header, then item header and payload pairs). */
function eventsOf(body: string | Uint8Array): SentryEvent[] {
  const lines = (typeof body === 'string' ? body : new TextDecoder().decode(body)).split('\n').filter((line) => line !== '');
  const events: SentryEvent[] = [];
  for (let index = 1; index + 1 < lines.length; index += 2) {
    const header = JSON.parse(lines[index] ?? '{}') as { type?: string };
    if (header.type === 'event') events.push(JSON.parse(lines[index + 1] ?? '{}') as SentryEvent);
  }
  return events;
}

const sent: SentryEvent[] = [];

// Sentry's process handlers outlive Sentry.close(): removed after this file, so the test files
// that run next in this worker do not inherit them.
const ownUncaught = process.listeners('uncaughtException');
const ownUnhandled = process.listeners('unhandledRejection');

beforeAll(() => {
  Sentry.init({
    // A well-formed DSN for a project that does not exist: the transport below never sends.
    dsn: 'https://0123456789abcdef0123456789abcdef@o0.ingest.sentry.io/0',
    // Module-loader hooks cannot attach inside Jest's sandbox (the SDK warns and goes on); they
    // only feed tracing integrations, not captureException.
    enableRuntimeChannelInjection: false,
    transport: (options) =>
      Sentry.createTransport(options, (envelope) => {
        sent.push(...eventsOf(envelope.body));
        return Promise.resolve({ statusCode: 200 });
      }),
  });
});

afterAll(async () => {
  await Sentry.close(2000);
  for (const listener of process.listeners('uncaughtException'))
    if (!ownUncaught.includes(listener)) process.off('uncaughtException', listener);
  for (const listener of process.listeners('unhandledRejection'))
    if (!ownUnhandled.includes(listener)) process.off('unhandledRejection', listener);
});

beforeEach(() => {
  sent.length = 0;
});

class PaymentGatewayError extends Error {
  override name = 'PaymentGatewayError';
}

function app(express: ExpressFactory) {
  const server = express();
  server.use(requestId());
  server.get('/charge', () => {
    throw new PaymentGatewayError('gateway timed out', { cause: new Error('ETIMEDOUT') });
  });
  server.get('/charge-async', (req: Request, _res: Response, next: NextFunction) => {
    const pending = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      throw new PaymentGatewayError(`gateway refused ${String(req.get('X-Request-Id'))}`);
    })();
    // Express 5 forwards a rejected promise itself; Express 4 needs the `.catch(next)`.
    return express === express5 ? pending : pending.catch(next);
  });
  server.get('/users/:id', () => {
    throw new NotFoundError('User u_1 was not found');
  });
  server.use(notFoundHandler());
  server.use(
    errorHandler({
      logger: false,
      // The recipe: the original exception (its own stack), tagged with the request id the client got.
      onError: ({ error, thrown, requestId: id }) => Sentry.captureException(thrown, { tags: { request_id: id, error_code: error.code } }),
    }),
  );
  return server;
}

describe.each(EXPRESS_VERSIONS)('Sentry recipe on %s', (_name, express: ExpressFactory) => {
  test('a 500 delivers one event: the original exception, tagged with the request id of the response', async () => {
    const res = await request(app(express)).get('/charge').set('X-Request-Id', 'req-sentry-1');
    const body = expectErrorResponse(res, 500);
    expect(body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    await Sentry.flush(2000);
    expect(sent).toHaveLength(1);
    const [event] = sent;
    expect(event?.level).toBe('error');
    expect(event?.tags).toEqual({ request_id: 'req-sentry-1', error_code: 'internal_error' });
    // linkedErrors (a default integration) sends the cause first, then the thrown error.
    const values = event?.exception?.values ?? [];
    expect(values.map((value) => [value.type, value.value])).toEqual([
      ['Error', 'ETIMEDOUT'],
      ['PaymentGatewayError', 'gateway timed out'],
    ]);
    // The stack is the throw site's, not the error handler's.
    const frames = values[1]?.stacktrace?.frames ?? [];
    expect(frames.length).toBeGreaterThan(0);
  });

  test('concurrent rejected async handlers: one event each, with its own request id', async () => {
    const server = app(express);
    const ids = ['req-a', 'req-b', 'req-c', 'req-d'];
    await Promise.all(ids.map((id) => request(server).get('/charge-async').set('X-Request-Id', id).expect(500)));
    await Sentry.flush(2000);
    // Distinct messages: Sentry's dedupe integration drops an event identical to the one before it.
    const pairs = sent.map((event) => [event.tags?.request_id, event.exception?.values.at(-1)?.value]);
    expect(pairs.sort()).toEqual(ids.map((id) => [id, `gateway refused ${id}`]));
  });

  test('a 404 (thrown or unmatched) sends nothing', async () => {
    const server = app(express);
    await request(server).get('/users/u_1').expect(404);
    await request(server).get('/no/such/route').expect(404);
    await Sentry.flush(2000);
    expect(sent).toEqual([]);
  });
});
