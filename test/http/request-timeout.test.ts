import request from 'supertest';
import { requestTimeout, timeoutSignal } from '../../src/http';
import { buildApp, captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';
import { eventually } from '../helpers/eventually';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('requestTimeout (504)', () => {
  test.each(EXPRESS_VERSIONS)(
    '%s: a late handler gets one 504, its late write dropped, no ERR_HTTP_HEADERS_SENT, no crash',
    async (_name, express) => {
      const { logger, lines } = captureLogger();
      const late: { error?: unknown; signalAborted?: boolean; done?: boolean } = {};
      // The handler finishes only when the test lets it: the 504 must arrive first.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const app = buildApp(
        (root) => {
          root.get('/slow', requestTimeout({ timeoutMs: 50 }), async (req, res) => {
            await released;
            late.signalAborted = timeoutSignal(req)?.aborted;
            try {
              res.status(200).set('X-Late', '1').json({ data: 'late' });
              res.write('more');
              res.end();
            } catch (error) {
              late.error = error;
            }
            late.done = true;
          });
        },
        { handler: { logger }, express },
      );
      const server = app.listen(0);
      try {
        // Answered at the limit, while the handler is still waiting (no wall-clock bound: CI machines stall).
        const res = await request(server).get('/slow').set('X-Request-Id', 'req-timeout');
        expect(late.done).toBeUndefined();
        expect(res.status).toBe(504);
        expect(res.headers['x-late']).toBeUndefined();
        expect(res.body).toEqual({
          error: { code: 'handler_timeout', message: 'The request took too long to process.' },
          meta: { request_id: 'req-timeout' },
        });
        release();
        await eventually(() => late.done === true);
        expect(late).toEqual({ signalAborted: true, done: true });
        // The same keep-alive server still answers.
        expect((await request(server).get('/nowhere')).status).toBe(404);
        await flushLogs();
        expect(lines.filter((line) => line.status === 504)).toHaveLength(1);
        expect(lines.some((line) => /ERR_HTTP_HEADERS_SENT/.test(JSON.stringify(line)))).toBe(false);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );

  test('a late handler that throws does not crash the server', async () => {
    const app = buildApp((root) => {
      root.get('/slow-throw', requestTimeout({ timeoutMs: 30 }), async () => {
        await sleep(80);
        throw new Error('late failure');
      });
    });
    const server = app.listen(0);
    try {
      const res = await request(server).get('/slow-throw');
      expect(res.status).toBe(504);
      await sleep(120);
      expect((await request(server).get('/nowhere')).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a handler in time is untouched, and the timer does not fire afterwards', async () => {
    const app = buildApp((root) => {
      root.get('/fast', requestTimeout({ timeoutMs: 40 }), (_req, res) => void res.json({ data: 'fast' }));
    });
    const res = await request(app).get('/fast');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: 'fast' });
    await sleep(60);
  });

  test('a handler that started streaming before the limit keeps its response', async () => {
    const app = buildApp((root) => {
      root.get('/stream', requestTimeout({ timeoutMs: 30 }), async (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('a');
        await sleep(70);
        res.end('b');
      });
    });
    const res = await request(app).get('/stream');
    expect(res.status).toBe(200);
    expect(res.text).toBe('ab');
  });

  test('a configurable code and message', async () => {
    const app = buildApp((root) => {
      root.get('/report', requestTimeout({ timeoutMs: 20, code: 'report_timeout', message: 'Reduce the report scope.' }), () => undefined);
    });
    const res = await request(app).get('/report');
    expect(res.status).toBe(504);
    expect(res.body.error).toEqual({ code: 'report_timeout', message: 'Reduce the report scope.' });
  });

  test('rejects bad options', () => {
    expect(() => requestTimeout({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => requestTimeout({ timeoutMs: Number.NaN })).toThrow(TypeError);
    expect(() => requestTimeout({ timeoutMs: 10, code: 'Bad Code' })).toThrow(TypeError);
  });
});
