import fc from 'fast-check';
import request from 'supertest';
import { scenarioCommands, shellQuote } from '../../examples/tour/curl';
import { tourJson, tourText } from '../../examples/tour/render';
import { MODES, startCommand, type ModeName, type Scenario } from '../../examples/tour/scenario';
import { SCENARIOS } from '../../examples/tour/scenarios';
import { appFor, expectDocumentedAnswer, reset, run } from './scenario-answers';

// The tour printed by `npm start` and served at `GET /` is one table; every entry is sent to the
// real app here, so the documented answers cannot drift from what the app does.

const MODE_NAMES = Object.keys(MODES) as ModeName[];
const inMode = (mode: ModeName) => SCENARIOS.filter((scenario) => scenario.mode === mode);

// What a reader is told to do: run the scenario, and `POST /reset` after one marked [changes data].
async function runInOrder(mode: ModeName, order: readonly Scenario[]): Promise<void> {
  const app = appFor(mode);
  for (const scenario of order) {
    expectDocumentedAnswer(scenario, await run(app, scenario));
    if (scenario.changesState === true) await reset(app);
  }
}

describe('the tour table', () => {
  test('ids and titles are unique', () => {
    for (const field of ['id', 'title'] as const) {
      const values = SCENARIOS.map((scenario) => scenario[field]);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  test('it covers every status the example answers', () => {
    expect([...new Set(SCENARIOS.map((scenario) => scenario.expect.status))].sort((a, b) => a - b)).toEqual([
      200, 201, 202, 204, 300, 301, 302, 304, 400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 426, 428, 429, 500, 501, 502, 503, 504,
    ]);
  });

  test('every mode has a scenario, and its start command', () => {
    expect(MODE_NAMES.map((mode) => [startCommand(mode), inMode(mode).length > 0])).toEqual([
      ['npm start', true],
      ['RATE_LIMIT=2 npm start', true],
      ['MAINTENANCE=30 npm start', true],
    ]);
  });
});

describe.each(MODE_NAMES)('every scenario of %s answers as documented', (mode) => {
  test('in the listed order', async () => {
    await runInOrder(mode, inMode(mode));
  });

  test('in any order (fast-check permutations)', async () => {
    const scenarios = inMode(mode);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(scenarios, { minLength: scenarios.length }), (order) => runInOrder(mode, order)),
      { numRuns: 4 },
    );
  }, 60_000);

  test('the whole list twice: POST /reset after each [changes data] is all the next ones need', async () => {
    await runInOrder(mode, [...inMode(mode), ...inMode(mode)]);
  }, 30_000);

  test('each twice in a row: after POST /reset the answers are the first ones again', async () => {
    const app = appFor(mode);
    for (const scenario of inMode(mode)) {
      for (let round = 0; round < 2; round++) {
        expectDocumentedAnswer(scenario, await run(app, scenario));
        if (scenario.changesState === true) await reset(app);
      }
    }
  }, 30_000);
});

describe('POST /reset', () => {
  const USER = { Authorization: 'Bearer user-token' };
  const scenario = (id: string) => {
    const found = SCENARIOS.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no scenario ${id}`);
    return found;
  };

  test('forgets the Idempotency-Keys used before: the same key creates the user again', async () => {
    const app = appFor('default');
    const replay = scenario('idempotent-replay');
    expectDocumentedAnswer(replay, await run(app, replay));
    await reset(app);
    expect((await request(app).get('/users/user_456').set(USER)).status).toBe(404);
    expectDocumentedAnswer(replay, await run(app, replay));
    const users = await request(app).get('/users').set(USER);
    expect(users.body).toEqual({
      data: [expect.objectContaining({ id: 'user_123' }), { id: 'user_456', name: 'Bob', email: 'bob@example.com' }],
    });
  });

  test('puts the settings back, and answers 204 with no body', async () => {
    const app = appFor('default');
    const initial = await request(app).get('/settings');
    expectDocumentedAnswer(scenario('settings-update'), await run(app, scenario('settings-update')));
    const res = await request(app).post('/reset');
    expect([res.status, res.text]).toEqual([204, '']);
    const after = await request(app).get('/settings');
    expect([after.headers.etag, after.body]).toEqual([initial.headers.etag, { data: { currency: 'EUR', timezone: 'UTC' } }]);
  });
});

describe('GET / serves the tour', () => {
  const app = appFor('default');
  const settings = { baseUrl: 'localhost:3000', rateLimit: 100, maintenance: undefined };

  test.each([
    ['*/*', '*/*'],
    ['text/plain', 'text/plain'],
    ['none', undefined],
  ])('as text for Accept %s (curl sends */*)', async (_label, accept) => {
    const get = request(app).get('/');
    const res = await (accept === undefined ? get.unset('Accept') : get.set('Accept', accept));
    expect([res.status, res.headers['content-type'], res.headers.vary]).toEqual([200, 'text/plain; charset=utf-8', 'Accept']);
    expect(res.text).toBe(tourText(SCENARIOS, settings));
    for (const scenario of SCENARIOS)
      for (const command of scenarioCommands(scenario, 'localhost:3000')) expect(res.text).toContain(`\n      ${command}\n`);
  });

  test('as JSON for Accept: application/json, one entry per scenario with its curl commands', async () => {
    const res = await request(app).get('/').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: tourJson(SCENARIOS, settings) });
    const listed = (res.body as { data: { scenarios: { id: string; curl: string[]; start: string; status: number }[] } }).data.scenarios;
    expect(listed.map(({ id, curl, start, status }) => ({ id, curl, start, status }))).toEqual(
      SCENARIOS.map((scenario) => ({
        id: scenario.id,
        curl: scenarioCommands(scenario, 'localhost:3000'),
        start: startCommand(scenario.mode),
        status: scenario.expect.status,
      })),
    );
  });

  test('406 for a type it cannot produce; 405 with Allow for another method', async () => {
    const xml = await request(app).get('/').set('Accept', 'application/xml');
    expect([xml.status, xml.body.error.code]).toEqual([406, 'not_acceptable']);
    const del = await request(app).delete('/');
    expect([del.status, del.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  test('the settings in effect head the text, and the tour stays open during maintenance', async () => {
    const down = appFor('maintenance');
    const res = await request(down).get('/');
    expect(res.status).toBe(200);
    expect(res.text.split('\n').slice(0, 2)).toEqual([
      'The example API of express-api-errors on localhost:3000: in memory, no external service.',
      'Settings: RATE_LIMIT=100 requests a minute per client; MAINTENANCE on, Retry-After 30 s',
    ]);
    expect((await request(down).post('/reset')).status).toBe(204);
    expect(tourText([], { ...settings, rateLimit: 2, maintenance: new Date('2030-01-01T06:00:00Z') }).split('\n')[1]).toBe(
      'Settings: RATE_LIMIT=2 requests a minute per client; MAINTENANCE until 2030-01-01T06:00:00.000Z',
    );
  });
});

describe('the curl commands', () => {
  const byId = (id: string) => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === id);
    if (scenario === undefined) throw new Error(`no scenario ${id}`);
    return scenarioCommands(scenario, 'localhost:3000');
  };

  test('exact text: method, quoted query and headers, JSON body, piped large body, discarded before-requests', () => {
    expect(byId('no-token')).toEqual(['curl -i localhost:3000/users']);
    expect(byId('upstream-down')).toEqual(["curl -i 'localhost:3000/rates?upstream=down' -H 'Accept: application/problem+json'"]);
    expect(byId('validation')).toEqual([
      `curl -i -X POST localhost:3000/users -H 'Authorization: Bearer user-token' -H 'Content-Type: application/json' -d '{"name":""}'`,
    ]);
    expect(byId('too-large')).toEqual([
      "head -c 200000 /dev/zero | curl -i -X POST localhost:3000/users -H 'Authorization: Bearer user-token' -H 'Content-Type: application/json' --data-binary @-",
    ]);
    expect(byId('rate-limited')).toEqual([
      'curl -s -o /dev/null localhost:3000/reports/2024-01',
      'curl -s -o /dev/null localhost:3000/reports/2024-01',
      'curl -i localhost:3000/reports/2024-01',
    ]);
  });

  test('a body starting with @ is sent with --data-raw (curl -d @x would read a file)', () => {
    const scenario: Scenario = {
      id: 'at',
      title: 'at',
      mode: 'default',
      request: { method: 'POST', path: '/users', body: { text: '@etc/passwd', type: 'text/plain' } },
      expect: { status: 415 },
    };
    expect(scenarioCommands(scenario, 'localhost:3000')).toEqual([
      "curl -i -X POST localhost:3000/users -H 'Content-Type: text/plain' --data-raw @etc/passwd",
    ]);
  });

  test('shellQuote: a single-quoted word that a POSIX shell reads back as the same string', () => {
    expect(shellQuote('localhost:3000/users')).toBe('localhost:3000/users');
    expect(shellQuote("it's a $HOME & `x`")).toBe(`'it'\\''s a $HOME & \`x\`'`);
  });
});
