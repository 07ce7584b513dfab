import type { Implementation } from './apps';
import type { ServerOutput } from './spawn';

/** One server and the request sent to it. */
export interface Target {
  readonly key: string;
  readonly label: string;
  readonly implementation: Implementation;
  readonly path: string;
  readonly status: number;
  /** Where the server's stdout and stderr go; default this terminal. */
  readonly output?: ServerOutput;
}

/** `numerator / denominator` of two targets' requests/s, with the goal it should meet, if any. */
export interface Ratio {
  readonly numerator: string;
  readonly denominator: string;
  readonly goal?: number;
}

export interface Scenario {
  readonly title: string;
  readonly targets: readonly Target[];
  readonly ratios: readonly Ratio[];
}

const NOT_FOUND = '/users/user_123';

// With BENCH_BASELINE set, the 404 scenario also runs that build of the library, for a before/after.
const BASELINE = process.env.BENCH_BASELINE !== undefined;

/** The 404 answered with the default logger, one line per request: the logs and line scenarios measure it. */
const DEFAULT_LOGGER: Target = {
  key: 'a+default',
  label: '(a) ours, default logger, logSampling: false',
  implementation: 'ours-default',
  path: NOT_FOUND,
  status: 404,
  output: 'ignore',
};

/** The scenarios of `bench/http/run.ts`, by name. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  '404': {
    title: 'GET /users/user_123 -> 404 NotFoundError (and the same app answering 200)',
    targets: [
      { key: 'a', label: '(a) ours, errorHandler({ logger: false })', implementation: 'ours', path: NOT_FOUND, status: 404 },
      { key: 'a+log', label: '(a) ours, pino logger to /dev/null', implementation: 'ours-pino', path: NOT_FOUND, status: 404 },
      { key: 'b', label: '(b) http-errors + hand-written handler', implementation: 'http-errors', path: NOT_FOUND, status: 404 },
      { key: 'c', label: '(c) success path, res.json same size', implementation: 'ours', path: '/ok/user_123', status: 200 },
      { key: 'd', label: '(d) raw node:http, same JSON', implementation: 'raw', path: NOT_FOUND, status: 404 },
      { key: 'e', label: '(e) Boom + hand-written handler', implementation: 'boom', path: NOT_FOUND, status: 404 },
      { key: 'floor', label: 'floor: Express error dispatch, bare handler', implementation: 'floor', path: NOT_FOUND, status: 404 },
      ...(BASELINE
        ? [
            {
              key: 'a0',
              label: '(a0) ours from BENCH_BASELINE, logger: false',
              implementation: 'baseline',
              path: NOT_FOUND,
              status: 404,
            } as const,
          ]
        : []),
    ],
    ratios: [
      ...(BASELINE ? [{ numerator: 'a', denominator: 'a0' }] : []),
      { numerator: 'a', denominator: 'b', goal: 1.0 },
      { numerator: 'a', denominator: 'c', goal: 0.9 },
      { numerator: 'a+log', denominator: 'b' },
      { numerator: 'a+log', denominator: 'c' },
      { numerator: 'a', denominator: 'e' },
      { numerator: 'a', denominator: 'd' },
      { numerator: 'a', denominator: 'floor' },
      { numerator: 'floor', denominator: 'c' },
    ],
  },
  logs: {
    title: 'GET /users/user_123 -> 404, one log line per request (stdout and stderr of every server to /dev/null)',
    targets: [
      {
        key: 'a',
        label: '(a) ours, errorHandler({ logger: false })',
        implementation: 'ours',
        path: NOT_FOUND,
        status: 404,
        output: 'ignore',
      },
      DEFAULT_LOGGER,
      {
        key: 'b',
        label: '(b) http-errors + hand-written handler, no log',
        implementation: 'http-errors',
        path: NOT_FOUND,
        status: 404,
        output: 'ignore',
      },
      {
        key: 'b+log',
        label: '(b) http-errors + handler, console.error(err.stack)',
        implementation: 'http-errors-log',
        path: NOT_FOUND,
        status: 404,
        output: 'ignore',
      },
      {
        key: 'b+pino',
        label: '(b) http-errors + handler, pino sync { err }',
        implementation: 'http-errors-pino',
        path: NOT_FOUND,
        status: 404,
        output: 'ignore',
      },
    ],
    ratios: [
      { numerator: 'a+default', denominator: 'a', goal: 0.95 },
      { numerator: 'a+default', denominator: 'b+log', goal: 1.2 },
      { numerator: 'a+default', denominator: 'b+pino' },
      { numerator: 'b+log', denominator: 'b' },
    ],
  },
  line: {
    title: 'GET /users/user_123 -> 404, what one log line per request costs, piece by piece (output to /dev/null)',
    targets: [
      { key: 'a', label: '(a) ours, logger: false', implementation: 'ours', path: NOT_FOUND, status: 404, output: 'ignore' },
      {
        key: 'a+fields',
        label: '(a) ours, a logger that does nothing (fields built)',
        implementation: 'ours-silent-logger',
        path: NOT_FOUND,
        status: 404,
        output: 'ignore',
      },
      {
        key: 'a+three',
        label: '(a) ours, pino given three fields, default destination',
        implementation: 'ours-three-fields',
        path: NOT_FOUND,
        status: 404,
        output: 'ignore',
      },
      DEFAULT_LOGGER,
    ],
    ratios: [
      { numerator: 'a+default', denominator: 'a', goal: 0.95 },
      { numerator: 'a+fields', denominator: 'a' },
      { numerator: 'a+three', denominator: 'a' },
    ],
  },
  '500': {
    title: 'GET /crash -> 500 from a thrown plain Error (stack kept, message hidden)',
    targets: [
      { key: 'a', label: '(a) ours, errorHandler({ logger: false })', implementation: 'ours', path: '/crash', status: 500 },
      { key: 'a+log', label: '(a) ours, pino logger to /dev/null', implementation: 'ours-pino', path: '/crash', status: 500 },
      { key: 'b', label: '(b) http-errors + hand-written handler', implementation: 'http-errors', path: '/crash', status: 500 },
      { key: 'e', label: '(e) Boom + hand-written handler', implementation: 'boom', path: '/crash', status: 500 },
    ],
    ratios: [
      { numerator: 'a', denominator: 'b', goal: 1.0 },
      { numerator: 'a', denominator: 'e' },
      { numerator: 'a+log', denominator: 'b' },
    ],
  },
  flood: {
    title: 'A flood of 401 (WWW-Authenticate) and 429 (Retry-After: 30)',
    targets: [
      { key: 'a401', label: '(a) ours 401, logger: false', implementation: 'ours', path: '/private', status: 401 },
      { key: 'b401', label: '(b) http-errors 401', implementation: 'http-errors', path: '/private', status: 401 },
      { key: 'a429', label: '(a) ours 429, logger: false', implementation: 'ours', path: '/limited', status: 429 },
      { key: 'b429', label: '(b) http-errors 429', implementation: 'http-errors', path: '/limited', status: 429 },
      { key: 'a429s', label: '(a) ours 429, captureStack: true', implementation: 'ours-stack', path: '/limited', status: 429 },
    ],
    ratios: [
      { numerator: 'a401', denominator: 'b401', goal: 1.0 },
      { numerator: 'a429', denominator: 'b429', goal: 1.0 },
      { numerator: 'a429', denominator: 'a429s' },
    ],
  },
};
