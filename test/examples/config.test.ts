import fc from 'fast-check';
import { ExampleConfigError, readExampleConfig } from '../../examples/config';

describe('readExampleConfig: what npm start reads from its environment', () => {
  test('defaults: port 3000, the app defaults (100 requests a minute, no maintenance, memory store)', () => {
    expect(readExampleConfig({})).toEqual({ port: 3000, app: { rateLimit: undefined, maintenance: undefined, redisUrl: undefined } });
  });

  test.each([
    [{ PORT: '8080' }, { port: 8080 }],
    [{ PORT: '0' }, { port: 0 }],
    [{ RATE_LIMIT: '2' }, { app: { rateLimit: 2 } }],
    [{ MAINTENANCE: '30' }, { app: { maintenance: 30 } }],
    [{ MAINTENANCE: '2030-01-01T06:00:00Z' }, { app: { maintenance: new Date('2030-01-01T06:00:00Z') } }],
    [{ MAINTENANCE: '2030-01-01' }, { app: { maintenance: new Date('2030-01-01T00:00:00Z') } }],
    [{ MAINTENANCE: '0' }, { app: { maintenance: undefined } }],
    [{ MAINTENANCE: 'OFF' }, { app: { maintenance: undefined } }],
    [{ MAINTENANCE: '' }, { app: { maintenance: undefined } }],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, { app: { redisUrl: 'redis://127.0.0.1:6379' } }],
    [{ REDIS_URL: '' }, { app: { redisUrl: undefined } }],
  ])('%j', (env, expected) => {
    expect(readExampleConfig(env)).toMatchObject(expected);
  });

  test.each([
    [{ PORT: 'http' }, 'PORT must be a port number, 0 to 65535 (0: any free port).'],
    [{ PORT: '70000' }, 'PORT must be a port number, 0 to 65535 (0: any free port).'],
    [{ RATE_LIMIT: '0' }, 'RATE_LIMIT must be a whole number of requests a minute per client, 1 or more.'],
    [{ RATE_LIMIT: '1.5' }, 'RATE_LIMIT must be a whole number of requests a minute per client, 1 or more.'],
    [
      { MAINTENANCE: 'soon' },
      'MAINTENANCE must be the seconds to wait (MAINTENANCE=30), the end as an ISO date (MAINTENANCE=2030-01-01T06:00:00Z), or 0/off.',
    ],
    [
      { MAINTENANCE: '2030-13-45' },
      'MAINTENANCE must be the seconds to wait (MAINTENANCE=30), the end as an ISO date (MAINTENANCE=2030-01-01T06:00:00Z), or 0/off.',
    ],
  ])('%j is refused with a message saying what it takes', (env, message) => {
    expect(() => readExampleConfig(env)).toThrow(new ExampleConfigError(message));
  });

  test('any RATE_LIMIT is a positive whole number or refused, never echoed back', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.nat().map(String), fc.integer().map(String)), (value) => {
        let result: number | undefined | Error;
        try {
          result = readExampleConfig({ RATE_LIMIT: value }).app.rateLimit;
        } catch (error) {
          result = error as Error;
        }
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(ExampleConfigError);
          if (value.length > 2) expect(result.message).not.toContain(value);
        } else if (result === undefined) {
          expect(value).toBe('');
        } else {
          expect([Number.isSafeInteger(result) && result >= 1, result]).toEqual([true, Number(value)]);
        }
      }),
    );
  });
});
