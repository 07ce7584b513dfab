// celebrate's real middleware, in a real Express app in a child process (celebrate 16 is an ES
// module). Left out of mutation testing (stryker.config.mjs): the child runs the unmutated source,
// so it can kill no mutant, and starting it costs seconds per mutant.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/root';

const SECRET = 'hunter2-SECRET';

interface Scenario {
  name: string;
  status: number;
  contentType: string;
  body: { error: { code: string; message: string; details: unknown[] } };
  logs: string;
}

// celebrate 16 is an ES module, which Jest's CommonJS runtime cannot load: its real middleware
// runs in a real Express app in a child Node process (see celebrate-app.fixture.ts).
function runFixture(): Scenario[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'celebrate-app.fixture.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Scenario);
}

const FULL_DETAILS = [
  { path: 'headers.x-tenant', code: 'required', message: '"x-tenant" is required' },
  { path: 'params.id', code: 'invalid_type', message: '"id" must be a number' },
  { path: 'query.page', code: 'invalid_type', message: '"page" must be a number' },
  { path: 'body.email', code: 'required', message: '"email" is required' },
  { path: 'body.password', code: 'too_small', message: '"password" length must be at least 20 characters long' },
  // joi's own message quotes the value here.
  { path: 'body.code', code: 'invalid_format', message: 'This value is not in the expected format.' },
];

describe('celebrate 16 CelebrateError: 400 validation_error, paths qualified by segment', () => {
  let scenarios: Scenario[] = [];
  beforeAll(() => {
    scenarios = runFixture();
  });
  const byName = (name: string): Scenario => {
    const found = scenarios.find((scenario) => scenario.name === name);
    if (found === undefined) throw new Error(`no scenario ${name}`);
    return found;
  };

  it.each(['express 5, Modes.FULL', 'express 4, Modes.FULL'])('%s: every segment, every failure', (name) => {
    const scenario = byName(name);
    expect(scenario.status).toBe(400);
    expect(scenario.contentType).toBe('application/json');
    expect(scenario.body.error).toEqual({ code: 'validation_error', message: 'The request failed validation.', details: FULL_DETAILS });
    expect(JSON.stringify(scenario.body)).not.toContain(SECRET);
    expect(scenario.logs).not.toContain(SECRET);
    expect(scenario.logs).toContain('"source":"celebrate"');
  });

  it('without Modes.FULL celebrate stops at the first failing segment', () => {
    expect(byName('express 5, partial mode').body.error.details).toEqual([FULL_DETAILS[0]]);
  });
});
