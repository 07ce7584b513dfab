/** A JSON value: scenarios are served as JSON by `GET /`. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** How the server must be started for a scenario: the environment variables `npm start` is given. */
export const MODES = {
  default: {},
  'rate-limit': { RATE_LIMIT: '2' },
  maintenance: { MAINTENANCE: '30' },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

export type ModeName = keyof typeof MODES;

/** The command that starts the server for `mode`: `npm start`, `RATE_LIMIT=2 npm start`. */
export function startCommand(mode: ModeName): string {
  const env: Readonly<Record<string, string>> = MODES[mode];
  return [...Object.entries(env).map(([name, value]) => `${name}=${value}`), 'npm start'].join(' ');
}

/** A request body: JSON, exact text with its type, or `bytes` zero bytes (a body too large). */
export type ScenarioBody =
  | { readonly json: Json; readonly type?: string }
  | { readonly text: string; readonly type: string }
  | { readonly bytes: number; readonly type: string };

export interface ScenarioRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  /** Path and query, as sent. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: ScenarioBody;
}

/** What the answer must be. */
export interface ScenarioExpectation {
  readonly status: number;
  /** The error code (`error.code` of the envelope, `code` of problem details). */
  readonly code?: string;
  /** The error message, where it is the point of the scenario (a masked 500). */
  readonly message?: string;
  /** The error details, exactly. */
  readonly details?: Json;
  /** Response headers: an exact value, or `true` for "present, value varies". */
  readonly headers?: Readonly<Record<string, string | true>>;
}

/** One scenario of the tour: one request (after `before`, if any) and its documented answer. */
export interface Scenario {
  /** Stable and unique, for tests and links. */
  readonly id: string;
  /** One line: what the scenario shows. */
  readonly title: string;
  readonly mode: ModeName;
  /** Requests sent first, their answers unchecked: the first of a replay, the requests of a used-up limit. */
  readonly before?: readonly ScenarioRequest[];
  readonly request: ScenarioRequest;
  readonly expect: ScenarioExpectation;
  /** Leaves the data (or a counter) changed: `POST /reset` puts it back before the next scenario. */
  readonly changesState?: true;
}
