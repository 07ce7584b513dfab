import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../examples/app';
import { readExampleConfig } from '../../examples/config';
import { bodyBytes, bodyType } from '../../examples/tour/curl';
import { MODES, type ModeName, type Scenario, type ScenarioRequest } from '../../examples/tour/scenario';

/** An HTTP answer, from supertest or from curl's output. */
export interface Answer {
  readonly status: number;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
}

/** The example app as `npm start` builds it with the environment of `mode`. */
export function appFor(mode: ModeName): Express {
  return createApp({ ...readExampleConfig(MODES[mode]).app, logger: false });
}

/** Sends one scenario request with supertest. */
export async function send(app: Express, spec: ScenarioRequest): Promise<Answer> {
  const agent = request(app);
  const methods = { GET: agent.get, POST: agent.post, PUT: agent.put, DELETE: agent.delete, OPTIONS: agent.options } as const;
  let test = methods[spec.method].call(agent, spec.path);
  for (const [name, value] of Object.entries(spec.headers ?? {})) test = test.set(name, value);
  if (spec.body !== undefined) test = test.set('Content-Type', bodyType(spec.body)).send(bodyBytes(spec.body));
  const res = await test;
  return { status: res.status, headers: res.headers as Record<string, string>, body: res.body as unknown };
}

/** Sends a scenario's `before` requests, then its request; the answer to the last one. */
export async function run(app: Express, scenario: Scenario): Promise<Answer> {
  for (const before of scenario.before ?? []) await send(app, before);
  return send(app, scenario.request);
}

/** `POST /reset`, which must answer 204. */
export async function reset(app: Express): Promise<void> {
  expect((await request(app).post('/reset')).status).toBe(204);
}

interface ErrorFields {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly details?: unknown;
}

// The envelope's `error`, or the same fields of problem details (RFC 9457 `detail` is the message).
function errorOf(body: unknown): ErrorFields | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as { error?: ErrorFields; code?: unknown; detail?: unknown; details?: unknown };
  if (fields.error !== undefined) return fields.error;
  return fields.code === undefined ? undefined : { code: fields.code, message: fields.detail, details: fields.details };
}

/**
 * Asserts that `answer` is the one the tour documents for `scenario`: status, error code (none on
 * a success), message and details where listed, and the listed headers. The id is part of the
 * compared value so that a failure names the scenario.
 */
export function expectDocumentedAnswer(scenario: Scenario, answer: Answer): void {
  const documented = scenario.expect;
  const error = errorOf(answer.body);
  const names = Object.keys(documented.headers ?? {});
  expect({
    id: scenario.id,
    status: answer.status,
    ...(documented.code === undefined ? { error } : { code: error?.code }),
    ...(documented.message === undefined ? {} : { message: error?.message }),
    ...(documented.details === undefined ? {} : { details: error?.details }),
    headers: Object.fromEntries(names.map((name) => [name, answer.headers[name.toLowerCase()]])),
  }).toEqual({
    id: scenario.id,
    status: documented.status,
    ...(documented.code === undefined ? { error: undefined } : { code: documented.code }),
    ...(documented.message === undefined ? {} : { message: documented.message }),
    ...(documented.details === undefined ? {} : { details: documented.details }),
    headers: Object.fromEntries(
      Object.entries(documented.headers ?? {}).map(([name, value]) => [name, value === true ? expect.any(String) : value]),
    ),
  });
}
