import fc from 'fast-check';
import { createLogSampler, resolveLogSampling, type LogSamplingConfig, type SamplingClock } from '../../src/logging/log-sampling';
import type { LogLevel } from '../../src/logging/logger';

interface FakeTimer {
  readonly at: number;
  readonly callback: () => void;
  unrefed: boolean;
}

/** A clock the test moves by hand; timers run when it passes them. */
function fakeClock(start = 0): SamplingClock & { advance(ms: number): void; readonly timers: FakeTimer[] } {
  let now = start;
  const timers: FakeTimer[] = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer: FakeTimer = {
        at: now + ms,
        callback,
        unrefed: false,
      };
      timers.push(timer);
      return { unref: () => void (timer.unrefed = true) };
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers.splice(timers.indexOf(due), 1);
        now = due.at;
        due.callback();
      }
      now = until;
    },
    timers,
  };
}

interface Summary {
  readonly level: LogLevel;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function sampler(config: Partial<LogSamplingConfig> = {}, start = 0) {
  const clock = fakeClock(start);
  const summaries: Summary[] = [];
  const settings = resolveLogSampling(config)!;
  const limiter = createLogSampler(settings, (level, fields, message) => summaries.push({ level, fields, message }), clock);
  return { clock, summaries, limiter };
}

const admitMany = (
  limiter: ReturnType<typeof sampler>['limiter'],
  times: number,
  status = 429,
  code = 'rate_limit_exceeded',
  route?: string,
) => Array.from({ length: times }, () => limiter.admit(status, code, route, 'warn'));

describe('rate limit per status, code and route', () => {
  test('perSecond lines a window, the rest held back and counted on the next line let through', () => {
    const { clock, limiter, summaries } = sampler({ perSecond: 3 });
    expect(admitMany(limiter, 10)).toEqual([0, 0, 0, -1, -1, -1, -1, -1, -1, -1]);
    clock.advance(999);
    expect(limiter.admit(429, 'rate_limit_exceeded', undefined, 'warn')).toBe(-1);
    // Next window: the first line carries the 8 held back, the count starts again.
    clock.advance(1);
    expect(admitMany(limiter, 4)).toEqual([8, 0, 0, -1]);
    expect(summaries).toEqual([]);
  });

  test('keys are independent: another code, status or route has its own budget', () => {
    const { limiter } = sampler({ perSecond: 1 });
    expect(admitMany(limiter, 2, 404, 'resource_not_found')).toEqual([0, -1]);
    expect(admitMany(limiter, 2, 404, 'resource_not_found', '/users/:id')).toEqual([0, -1]);
    expect(admitMany(limiter, 2, 404, 'user_not_found')).toEqual([0, -1]);
    expect(admitMany(limiter, 2, 410, 'resource_not_found')).toEqual([0, -1]);
    expect(limiter.size).toBe(4);
  });

  test('5xx are never held back by default; serverErrors: true limits them too', () => {
    expect(admitMany(sampler({ perSecond: 1 }).limiter, 5, 500, 'internal_error')).toEqual([0, 0, 0, 0, 0]);
    expect(sampler({ perSecond: 1 }).limiter.size).toBe(0);
    expect(admitMany(sampler({ perSecond: 1, serverErrors: true }).limiter, 3, 503, 'service_unavailable')).toEqual([0, -1, -1]);
  });
});

describe('summary of a flood that stopped', () => {
  test("written once at the end of its window, with the key and the exact count, on an unref'd timer", () => {
    const { clock, limiter, summaries } = sampler({ perSecond: 2 }, 10_500);
    admitMany(limiter, 7, 404, 'resource_not_found', '/users/:id');
    limiter.admit(404, 'resource_not_found', '/users/:id', 'info');
    expect(clock.timers).toHaveLength(1);
    expect(clock.timers[0]).toMatchObject({ at: 11_001, unrefed: true });
    clock.advance(600);
    expect(summaries).toEqual([
      {
        level: 'info',
        fields: { status: 404, code: 'resource_not_found', route: '/users/:id', suppressed: 6 },
        message: 'suppressed 6 log lines of 404 resource_not_found',
      },
    ]);
    // Reported once: neither the next line nor a later timer says it again.
    expect(clock.timers).toHaveLength(0);
    clock.advance(5000);
    expect(limiter.admit(404, 'resource_not_found', '/users/:id', 'warn')).toBe(0);
    expect(summaries).toHaveLength(1);
  });

  test('a flood that goes on is reported by its lines, not by summaries', () => {
    const { clock, limiter, summaries } = sampler({ perSecond: 1 });
    const carried: number[] = [];
    for (let second = 0; second < 5; second++) {
      // The line at the start of each second, before the timer just past the boundary.
      carried.push(...admitMany(limiter, 4).filter((held) => held > 0));
      clock.advance(1000);
    }
    clock.advance(1000);
    expect(summaries.map((summary) => summary.fields.suppressed)).toEqual([3]);
    expect(carried).toEqual([3, 3, 3, 3]);
  });

  test('flush() (run on process exit) reports what is held now, mid-window', () => {
    const { limiter, summaries } = sampler({ perSecond: 1 });
    admitMany(limiter, 4);
    admitMany(limiter, 3, 404, 'resource_not_found');
    limiter.flush();
    expect(summaries.map((summary) => [summary.fields.status, summary.fields.suppressed])).toEqual([
      [429, 3],
      [404, 2],
    ]);
    limiter.flush();
    expect(summaries).toHaveLength(2);
  });

  test('nothing held back, no timer', () => {
    const { clock, limiter } = sampler({ perSecond: 5 });
    admitMany(limiter, 5);
    expect(clock.timers).toEqual([]);
  });

  test('a summary writer that throws does not escape, and the count is not reported twice', () => {
    const clock = fakeClock();
    const limiter = createLogSampler(
      resolveLogSampling({ perSecond: 1 })!,
      () => {
        throw new Error('disk full');
      },
      clock,
    );
    admitMany(limiter, 3);
    expect(() => clock.advance(1001)).not.toThrow();
    expect(limiter.admit(429, 'rate_limit_exceeded', undefined, 'warn')).toBe(0);
  });
});

describe('bounded memory', () => {
  test('past maxKeys, new keys share one budget, summarised as other errors', () => {
    const { clock, limiter, summaries } = sampler({ perSecond: 1, maxKeys: 2 });
    admitMany(limiter, 1, 404, 'a');
    admitMany(limiter, 1, 404, 'b');
    expect(admitMany(limiter, 3, 404, 'c')).toEqual([0, -1, -1]);
    expect(admitMany(limiter, 2, 400, 'd')).toEqual([-1, -1]);
    expect(limiter.size).toBe(2);
    clock.advance(1001);
    expect(summaries).toEqual([{ level: 'warn', fields: { suppressed: 4 }, message: 'suppressed 4 log lines of other errors' }]);
  });

  test('idle keys with nothing to report make room in a later window', () => {
    const { clock, limiter } = sampler({ perSecond: 1, maxKeys: 2 });
    admitMany(limiter, 1, 404, 'a');
    admitMany(limiter, 2, 404, 'b');
    clock.advance(1000);
    // `a` is idle and reported nothing: dropped; `b` still has a count to report: kept.
    expect(admitMany(limiter, 2, 404, 'c')).toEqual([0, -1]);
    expect(limiter.size).toBe(2);
  });

  test('any sequence of keys and times: at most maxKeys tracked, and every line written or counted exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.record({
            key: fc.integer({ min: 0, max: 40 }),
            status: fc.constantFrom(400, 404, 429, 500),
            wait: fc.integer({ min: 0, max: 700 }),
          }),
          { maxLength: 300 },
        ),
        (maxKeys, perSecond, events) => {
          const { clock, limiter, summaries } = sampler({ maxKeys, perSecond });
          let written = 0;
          let reported = 0;
          for (const event of events) {
            clock.advance(event.wait);
            const held = limiter.admit(event.status, `code_${event.key}`, event.key % 3 === 0 ? `/r/${event.key}` : undefined, 'warn');
            if (held >= 0) {
              written += 1;
              reported += held;
            }
            expect(limiter.size).toBeLessThanOrEqual(maxKeys);
          }
          clock.advance(10_000);
          reported += summaries.reduce((sum, summary) => sum + (summary.fields.suppressed as number), 0);
          expect(written + reported).toBe(events.length);
          expect(clock.timers).toEqual([]);
        },
      ),
    );
  });
});

describe('options', () => {
  test('defaults: 10 a second, 1000 keys, 5xx never held back', () => {
    expect(resolveLogSampling(undefined)).toEqual({ perSecond: 10, maxKeys: 1000, serverErrors: false });
    expect(resolveLogSampling(false)).toBeUndefined();
  });

  test.each<[string, unknown, RegExp]>([
    ['a zero rate', { perSecond: 0 }, /logSampling.perSecond must be an integer from 1/],
    ['a fraction', { perSecond: 2.5 }, /logSampling.perSecond/],
    ['a string', { maxKeys: '100' }, /logSampling.maxKeys/],
    ['too many keys', { maxKeys: 10_000_000 }, /logSampling.maxKeys/],
    ['a typo', { perSec: 5 }, /logSampling has no option "perSec"/],
    ['serverErrors not a boolean', { serverErrors: 'yes' }, /serverErrors must be a boolean/],
    ['true', true, /logSampling must be false or an object/],
    ['null', null, /logSampling must be false or an object/],
  ])('%s is a TypeError', (_label, option, message) => {
    expect(() => resolveLogSampling(option as never)).toThrow(TypeError);
    expect(() => resolveLogSampling(option as never)).toThrow(message);
  });
});
