// errorHandler's `onError` hook: the app's error tracker gets each reported error once, after
// its response is decided, and nothing the hook does can change that response.
import { AsyncLocalStorage } from 'node:async_hooks';
import { expectTypeOf } from 'expect-type';
import express5, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import {
  BadRequestError,
  errorHandler,
  ForbiddenError,
  requestId,
  NotFoundError,
  ServiceUnavailableError,
  type ApiError,
  type ErrorHandlerOptions,
  type ErrorReport,
} from '../../src';
import { buildApp, captureLogger, EXPRESS_VERSIONS, expectErrorResponse, flushLogs, type ExpressFactory } from '../helpers/app';
import { eventually } from '../helpers/eventually';

/** What the hook saw of one call, and whether the response had ended by then. */
interface Call {
  readonly report: ErrorReport;
  readonly responseEnded: boolean;
}

function recorder(): { calls: Call[]; onError: (report: ErrorReport) => void } {
  const calls: Call[] = [];
  return {
    calls,
    onError: (report) => {
      calls.push({ report, responseEnded: report.req.res?.writableEnded === true || report.req.res?.destroyed === true });
    },
  };
}

const SECRET = 'Bearer sk_live_REPORTER_TOKEN_42';

/**
 * A real app: `/fail/:n` throws `boom <n>` (sync), `/async/:n` rejects, `/missing` throws a 404,
 * `/forbidden` a 403, `/unavailable` an exposed 503, `/late` fails mid-body, `/after` after a
 * complete 200, `/unwritable` with details JSON cannot write; anything else is the catch-all 404.
 */
function appWith(express: ExpressFactory, handler: ErrorHandlerOptions) {
  return buildApp(
    (app) => {
      app.get('/fail/:n', (req: Request) => {
        throw new Error(`boom ${String(req.params.n)}`);
      });
      app.get('/async/:n', (req: Request, _res: Response, next: NextFunction) => {
        const pending = (async () => {
          await new Promise((resolve) => setImmediate(resolve));
          throw new Error(`async boom ${String(req.params.n)}`);
        })();
        // Express 5 forwards a rejected promise itself; Express 4 needs the `.catch(next)`.
        return express === express5 ? pending : pending.catch(next);
      });
      app.get('/missing', () => {
        throw new NotFoundError('User u_1 was not found');
      });
      app.get('/forbidden', () => {
        throw new ForbiddenError();
      });
      app.get('/unavailable', () => {
        throw new ServiceUnavailableError('Down for maintenance', { expose: true, retryAfter: 120 });
      });
      app.get('/late', (_req: Request, res: Response) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"partial":');
        throw new Error('stream broke');
      });
      app.get('/after', (_req: Request, res: Response, next: NextFunction) => {
        res.json({ ok: true });
        next(new Error('after the response'));
      });
      app.get('/unwritable', () => {
        throw new BadRequestError('bad', { details: { n: 1n } });
      });
    },
    { express, handler },
  );
}

/** Statuses of the responses every test compares with an app without a hook. */
async function answer(app: ReturnType<typeof appWith>, path: string) {
  const res = await request(app).get(path).set('X-Request-Id', 'req-fixed');
  return { status: res.status, headers: { ...res.headers, date: undefined }, text: res.text };
}

describe.each(EXPRESS_VERSIONS)('onError on %s', (_name, express: ExpressFactory) => {
  test('exactly once per error under 50 concurrent requests, each call matched to its own request', async () => {
    const { calls, onError } = recorder();
    const app = appWith(express, { onError });
    const ids = Array.from({ length: 50 }, (_, n) => n);
    const responses = await Promise.all(
      ids.map((n) =>
        request(app)
          .get(n % 2 === 0 ? `/fail/${n}` : `/async/${n}`)
          .set('X-Request-Id', `req-${n}`),
      ),
    );
    // Interleaved 404s: answered in the same burst, never reported.
    await Promise.all(ids.slice(0, 10).map((n) => request(app).get('/missing').set('X-Request-Id', `nf-${n}`).expect(404)));
    await eventually(() => calls.length >= 50);
    // A second call for any of them would come on a later turn.
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const res of responses) {
      const body = expectErrorResponse(res, 500);
      expect(body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    }
    expect(calls).toHaveLength(50);
    expect(calls.map((call) => call.report.requestId).sort()).toEqual(ids.map((n) => `req-${n}`).sort());
    for (const { report, responseEnded } of calls) {
      const n = Number(report.requestId.slice(4));
      expect(report.req.originalUrl).toBe(n % 2 === 0 ? `/fail/${n}` : `/async/${n}`);
      expect((report.thrown as Error).message).toBe(n % 2 === 0 ? `boom ${n}` : `async boom ${n}`);
      expect(report.error.status).toBe(500);
      expect(report.error.code).toBe('internal_error');
      // The normalised error wraps the original: the tracker gets both.
      expect(report.error.cause).toBe(report.thrown);
      expect(report).toMatchObject({ exposed: false, headersSent: false });
      expect(responseEnded).toBe(true);
    }
  });

  test('by default only 5xx are reported: a thrown 404, the catch-all 404 and a 403 are not', async () => {
    const { calls, onError } = recorder();
    const app = appWith(express, { onError });
    await request(app).get('/missing').expect(404);
    await request(app).get('/no/such/route').expect(404);
    await request(app).get('/forbidden').expect(403);
    expect(calls).toEqual([]);
    await request(app).get('/fail/1').set('X-Request-Id', 'req-500').expect(500);
    const res = await request(app).get('/unavailable').set('X-Request-Id', 'req-503').expect(503);
    expect(res.body.error).toEqual({ code: 'service_unavailable', message: 'Down for maintenance' });
    expect(calls.map(({ report }) => [report.requestId, report.error.status, report.exposed])).toEqual([
      ['req-500', 500, false],
      ['req-503', 503, true],
    ]);
  });

  test('a custom filter decides: 4xx reported and exposed, a chosen 5xx code left out', async () => {
    const { calls, onError } = recorder();
    const shouldReport = ({ error }: ErrorReport): boolean => error.code !== 'service_unavailable';
    const app = appWith(express, { onError, shouldReport });
    await request(app).get('/missing').set('X-Request-Id', 'req-404').expect(404);
    await request(app).get('/no/such/route').set('X-Request-Id', 'req-route').expect(404);
    await request(app).get('/unavailable').expect(503);
    await request(app).get('/fail/2').set('X-Request-Id', 'req-500').expect(500);
    expect(calls.map(({ report }) => [report.requestId, report.error.code, report.exposed])).toEqual([
      ['req-404', 'resource_not_found', true],
      ['req-route', 'resource_not_found', true],
      ['req-500', 'internal_error', false],
    ]);
    expect((calls[0]?.report.thrown as ApiError).message).toBe('User u_1 was not found');
  });

  test.each<[string, NonNullable<ErrorHandlerOptions['onError']>, string]>([
    [
      'a hook that throws',
      () => {
        throw Object.assign(new Error('tracker unreachable'), { config: { headers: { Authorization: SECRET } } });
      },
      'the onError hook failed; the response was not affected',
    ],
    [
      'a hook whose promise rejects',
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        throw Object.assign(new Error('tracker unreachable'), { config: { headers: { Authorization: SECRET } } });
      },
      'the onError hook rejected; the response was not affected',
    ],
  ])(
    '%s: the response is exactly the one without a hook, the failure logged once, no unhandled rejection',
    async (_label, onError, message) => {
      const unhandled: unknown[] = [];
      const listener = (reason: unknown): void => {
        unhandled.push(reason);
      };
      process.on('unhandledRejection', listener);
      try {
        const { logger, lines } = captureLogger();
        const hooked = appWith(express, { onError, logger });
        const plain = appWith(express, { logger: false });
        for (const path of ['/fail/7', '/unavailable']) {
          expect(await answer(hooked, path)).toEqual(await answer(plain, path));
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        await flushLogs();
        expect(unhandled).toEqual([]);
        const failures = lines.filter((line) => line.msg === message);
        expect(failures).toHaveLength(2);
        expect(failures.map((line) => [line.level, line.request_id, line.status, line.code])).toEqual([
          [50, 'req-fixed', 500, 'internal_error'],
          [50, 'req-fixed', 503, 'service_unavailable'],
        ]);
        expect(failures[0]?.error).toMatchObject({ type: 'Error', message: 'tracker unreachable' });
        // Two error lines and two failure lines: nothing else.
        expect(lines).toHaveLength(4);
        expect(JSON.stringify(lines)).not.toContain('sk_live_REPORTER_TOKEN');
        // The server still answers.
        await request(hooked).get('/missing').expect(404);
      } finally {
        process.off('unhandledRejection', listener);
      }
    },
  );

  test('a filter that throws falls back to 5xx only, and says so once per error', async () => {
    const { calls, onError } = recorder();
    const { logger, lines } = captureLogger();
    const shouldReport = (): boolean => {
      throw new Error('filter bug');
    };
    const app = appWith(express, { onError, shouldReport, logger });
    await request(app).get('/missing').expect(404);
    await request(app).get('/fail/3').expect(500);
    await flushLogs();
    expect(calls.map(({ report }) => report.error.status)).toEqual([500]);
    expect(lines.filter((line) => line.msg === 'the shouldReport filter failed; reporting 5xx only').map((line) => line.status)).toEqual([
      404, 500,
    ]);
  });

  test('headers already sent: reported once after the connection is cut, headersSent and not exposed', async () => {
    const { calls, onError } = recorder();
    const app = appWith(express, { onError });
    const outcome = await request(app)
      .get('/late')
      .set('X-Request-Id', 'req-late')
      .then(
        () => 'completed',
        (error: Error) => error.message,
      );
    expect(outcome).toMatch(/aborted|socket hang up|ECONNRESET/);
    // Reported once the server has seen the connection close, which may be after the client has.
    await eventually(() => calls.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.report).toMatchObject({ requestId: 'req-late', headersSent: true, exposed: false });
    expect((calls[0]?.report.thrown as Error).message).toBe('stream broke');
    expect(calls[0]?.responseEnded).toBe(true);
  });

  test('an error after a complete response: the 200 stands, the error is still reported', async () => {
    const { calls, onError } = recorder();
    const app = appWith(express, { onError });
    const res = await request(app).get('/after').set('X-Request-Id', 'req-after').expect(200);
    expect(res.body).toEqual({ ok: true });
    await eventually(() => calls.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.map(({ report }) => [report.requestId, report.error.status, report.headersSent, report.exposed])).toEqual([
      ['req-after', 500, true, false],
    ]);
  });

  test('the hook runs in the request’s async context, where a tracker keeps its per-request scope', async () => {
    const scope = new AsyncLocalStorage<string>();
    const seen: [string, string | undefined][] = [];
    const app = express();
    app.use(requestId());
    app.use((req: Request, _res: Response, next: NextFunction) => scope.run(`scope of ${req.originalUrl}`, next));
    app.get('/sync', () => {
      throw new Error('sync');
    });
    app.get('/async', (_req: Request, _res: Response, next: NextFunction) => {
      const pending = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('async');
      })();
      return express === express5 ? pending : pending.catch(next);
    });
    app.use(errorHandler({ logger: false, onError: ({ req }) => void seen.push([req.originalUrl, scope.getStore()]) }));
    await Promise.all([request(app).get('/async').expect(500), request(app).get('/sync').expect(500)]);
    expect(seen.sort()).toEqual([
      ['/async', 'scope of /async'],
      ['/sync', 'scope of /sync'],
    ]);
  });

  test('when only the last-resort 500 could be written, an exposed 4xx is reported as not exposed', async () => {
    const { calls, onError } = recorder();
    const app = appWith(express, { onError, shouldReport: () => true });
    const res = await request(app).get('/unwritable').expect(500);
    expect(res.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    expect(calls.map(({ report }) => [report.error.status, report.error.expose, report.exposed])).toEqual([[400, true, false]]);
  });
});

test('the options are checked when the handler is built', () => {
  expect(() => errorHandler({ onError: 'sentry' as never })).toThrow(new TypeError('errorHandler: `onError` must be a function'));
  expect(() => errorHandler({ onError: () => undefined, shouldReport: 500 as never })).toThrow(
    new TypeError('errorHandler: `shouldReport` must be a function'),
  );
  // A filter without a hook (the hook set only where a tracker is configured) is accepted.
  expect(() => errorHandler({ shouldReport: () => true })).not.toThrow();
});

test('the report is typed with Express’s Request by default, or the app’s own request type', () => {
  errorHandler({
    onError: (report) => {
      expectTypeOf(report.req).toEqualTypeOf<Request>();
      expectTypeOf(report.error).toEqualTypeOf<ApiError>();
      expectTypeOf(report.thrown).toBeUnknown();
      expectTypeOf(report.requestId).toBeString();
      expectTypeOf(report.exposed).toBeBoolean();
    },
    shouldReport: (report) => report.req.get('X-Synthetic') === undefined,
  });
  // An async hook (an HTTP reporter) fits, and so does one returning the tracker's event id.
  errorHandler({ onError: async () => undefined });
  errorHandler({ onError: () => 'event-id' });
  // @ts-expect-error the filter answers a boolean
  errorHandler({ onError: () => undefined, shouldReport: () => 'yes' });
});
