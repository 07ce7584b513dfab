import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Joi from 'joi';
import { ValidationError, toApiError } from '../../src';

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
  const root = join(__dirname, '..', '..');
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'celebrate-app.fixture.ts')], {
    cwd: root,
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

// celebrate's error is an Error whose `details` map segments to joi errors; built here from
// real joi errors, as celebrate 16 builds it, to pin each branch of the shape check.
function celebrateLike(details: Map<unknown, unknown>): Error {
  return Object.assign(new Error('Validation failed'), { details });
}

const joiError = (schema: Joi.Schema, value: unknown): Joi.ValidationError => {
  const { error } = schema.validate(value, { abortEarly: false });
  if (error === undefined) throw new Error('expected a joi failure');
  return error;
};

describe('celebrate shape', () => {
  const required = joiError(Joi.object({ a: Joi.string().required() }), {});

  it.each([
    ['body', 'body.a'],
    ['query', 'query.a'],
    ['params', 'params.a'],
    ['headers', 'headers.a'],
    ['cookies', 'cookies.a'],
    ['signedCookies', 'cookies.a'],
    ['other', 'a'],
  ])('segment %s gives path %s', (segment, path) => {
    const error = toApiError(celebrateLike(new Map([[segment, required]])));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.details).toEqual([{ path, code: 'required', message: '"a" is required' }]);
  });

  it('a segment key that is not a string names no location, even one that reads as "body"', () => {
    const key = { toString: (): string => 'body' };
    expect(toApiError(celebrateLike(new Map([[key, required]]))).details).toEqual([
      { path: 'a', code: 'required', message: '"a" is required' },
    ]);
  });

  it('more than 100 failures across segments are capped at 100', () => {
    const many = joiError(Joi.object(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, Joi.string().required()]))), {});
    expect(
      toApiError(
        celebrateLike(
          new Map([
            ['body', many],
            ['query', many],
          ]),
        ),
      ).details,
    ).toHaveLength(100);
  });

  it("look-alikes are not celebrate's: an empty map, a map of non-joi values, details that are not a Map", () => {
    expect(toApiError(celebrateLike(new Map())).status).toBe(500);
    expect(toApiError(celebrateLike(new Map([['body', new Error('x')]]))).status).toBe(500);
    expect(
      toApiError(
        celebrateLike(
          new Map<unknown, unknown>([
            ['body', required],
            ['query', { details: [] }],
          ]),
        ),
      ).status,
    ).toBe(500);
    expect(toApiError(Object.assign(new Error('x'), { details: { body: required } })).status).toBe(500);
  });
});
