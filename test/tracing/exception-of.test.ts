import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { exceptionOf } from '../../src/tracing/exception-of';

describe('exceptionOf: what a span records of a thrown value', () => {
  test('an error: its type, message and stack', () => {
    const error = new TypeError('cannot read properties of undefined');
    expect(exceptionOf(error)).toEqual({ name: 'TypeError', message: 'cannot read properties of undefined', stack: error.stack });
  });

  test('the cause chain follows the stack, each cause as `Caused by:`', () => {
    const root = new RangeError('pool exhausted');
    const middle = new Error('query failed', { cause: root });
    const top = new Error('could not load the user', { cause: middle });
    const { stack } = exceptionOf(top);
    expect(stack).toBe(`${top.stack}\nCaused by: ${middle.stack}\nCaused by: ${root.stack}`);
  });

  test('a cause that is not an error is written as the log line writes it', () => {
    const top = new Error('upstream refused', { cause: { reason: 'quota', retry: false } });
    expect(exceptionOf(top).stack).toBe(`${top.stack}\nCaused by: {"reason":"quota","retry":false}`);
    const withString = new Error('upstream refused', { cause: 'ECONNRESET' });
    expect(exceptionOf(withString).stack).toBe(`${withString.stack}\nCaused by: ECONNRESET`);
  });

  test('an error without a stack but with a cause: its head line, then the causes', () => {
    const cause = new Error('disk full');
    const error = Object.assign(new Error('write failed', { cause }), { stack: undefined });
    expect(exceptionOf(error)).toEqual({ name: 'Error', message: 'write failed', stack: `Error: write failed\nCaused by: ${cause.stack}` });
  });

  test('an error without a stack or a cause records no stacktrace', () => {
    const error = Object.assign(new Error('plain'), { stack: undefined });
    expect(exceptionOf(error)).toEqual({ name: 'Error', message: 'plain' });
  });

  test('credentials are redacted as in log lines: URL userinfo in messages, stacks and causes', () => {
    const cause = new Error('connect to postgres://admin:hunter2@db.internal:5432/app failed');
    const error = new Error('request to https://bot:s3cr3t@api.example.com/v1 failed', { cause });
    const recorded = exceptionOf(error);
    expect(JSON.stringify(recorded)).not.toMatch(/hunter2|s3cr3t/);
    expect(recorded.message).toBe('request to https://[Redacted]@api.example.com/v1 failed');
    expect(recorded.stack).toContain('Caused by: Error: connect to postgres://[Redacted]@db.internal:5432/app failed');
  });

  test('a cycle in the causes ends the chain instead of looping', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const { stack } = exceptionOf(b);
    expect(stack?.split('Caused by:').length).toBeLessThanOrEqual(10);
  });

  test('an error from another realm is still an error', () => {
    const foreign = runInNewContext('new TypeError("from a vm")') as Error;
    expect(exceptionOf(foreign)).toMatchObject({ name: 'TypeError', message: 'from a vm' });
  });

  test.each([
    ['a string', 'something broke', 'something broke'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
    ['undefined', undefined, 'null'],
    ['a plain object, as JSON', { reason: 'nope', password: 'hunter2' }, '{"reason":"nope","password":"[Redacted]"}'],
    ['an object shaped like an error', { type: 'Fake', message: 'not an Error' }, '{"type":"Fake","message":"not an Error"}'],
  ])('a thrown non-error (%s) has a message only', (_case, thrown, message) => {
    expect(exceptionOf(thrown)).toEqual({ message });
  });

  test('the message and stacktrace are bounded whatever was thrown', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20_000 }), fc.integer({ min: 0, max: 12 }), (message, depth) => {
        let error: Error = new Error(message);
        for (let index = 0; index < depth; index++) error = new Error(message, { cause: error });
        const recorded = exceptionOf(error);
        expect(recorded.message.length).toBeLessThanOrEqual(4096 + '...[truncated]'.length);
        expect((recorded.stack ?? '').length).toBeLessThanOrEqual(32_768 + '...[truncated]'.length);
      }),
      { numRuns: 30 },
    );
  });
});
