import request from 'supertest';
import { errorHandler, InternalServerError, NotFoundError, TooManyRequestsError, type ErrorHandlerOptions } from '../../src';
import { appThrowing, captureLogger, EXPRESS_VERSIONS, flushLogs } from '../helpers/app';

// Only the clock and timers the sampler reads are faked: supertest and Node's sockets keep real ones.
beforeEach(() => {
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setInterval', 'clearInterval', 'hrtime', 'performance'],
  });
  jest.setSystemTime(new Date('2026-12-01T10:00:00.000Z'));
});
afterEach(() => {
  jest.useRealTimers();
});

async function flood(thrown: () => unknown, times: number, handler: ErrorHandlerOptions = {}, express = EXPRESS_VERSIONS[0][1]) {
  const { logger, lines } = captureLogger();
  const agent = request.agent(appThrowing(thrown, { handler: { logger, ...handler }, express }));
  for (let i = 0; i < times; i++) await agent.get('/throw');
  await flushLogs();
  return { agent, lines };
}

describe.each(EXPRESS_VERSIONS)('%s', (_name, express) => {
  test('a flood of one 429 writes 10 lines a second; the next line says how many were held back', async () => {
    const { agent, lines } = await flood(() => new TooManyRequestsError(undefined, { retryAfter: 30 }), 25, {}, express);
    expect(lines).toHaveLength(10);
    expect(lines.every((line) => line.level === 40 && line.status === 429 && !('suppressed' in line))).toBe(true);
    jest.setSystemTime(new Date('2026-12-01T10:00:01.000Z'));
    const res = await agent.get('/throw').expect(429);
    await flushLogs();
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatchObject({
      level: 40,
      status: 429,
      code: 'rate_limit_exceeded',
      request_id: res.body.meta.request_id,
      suppressed: 15,
    });
  });
});

test('a flood that stops is summarised once, by a line on the configured logger', async () => {
  const { lines } = await flood(() => new NotFoundError(), 14);
  expect(lines).toHaveLength(10);
  jest.advanceTimersByTime(1001);
  await flushLogs();
  expect(lines).toHaveLength(11);
  expect(lines[10]).toMatchObject({
    level: 40,
    status: 404,
    code: 'resource_not_found',
    suppressed: 4,
    msg: 'suppressed 4 log lines of 404 resource_not_found',
  });
  expect(lines[10]).not.toHaveProperty('request_id');
  jest.advanceTimersByTime(10_000);
  await flushLogs();
  expect(lines).toHaveLength(11);
});

test('5xx are never held back by default', async () => {
  const { lines } = await flood(() => new InternalServerError('db down'), 15);
  expect(lines.map((line) => line.status)).toEqual(Array(15).fill(500));
});

test('serverErrors: true holds back 5xx too; perSecond sets the budget', async () => {
  const { lines } = await flood(() => new InternalServerError('db down'), 6, { logSampling: { perSecond: 2, serverErrors: true } });
  expect(lines).toHaveLength(2);
});

test('logSampling: false writes one line per error', async () => {
  const { lines } = await flood(() => new NotFoundError(), 25, { logSampling: false });
  expect(lines).toHaveLength(25);
});

test('a held-back line costs no serialisation: a getter on the error is read for written lines only', async () => {
  let reads = 0;
  const error = () => {
    const thrown = new NotFoundError();
    Object.defineProperty(thrown, 'extra', { enumerable: true, get: () => ++reads });
    return thrown;
  };
  await flood(error, 12, { logSampling: { perSecond: 2 } });
  expect(reads).toBe(2);
});

test('a bad logSampling is refused when the handler is created, even with logger: false', () => {
  expect(() => errorHandler({ logger: false, logSampling: { perSecond: -1 } })).toThrow(TypeError);
  expect(() => errorHandler({ logSampling: { perSec: 5 } as never })).toThrow(/no option "perSec"/);
});
