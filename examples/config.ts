import type { ExampleAppOptions } from './app';

/** What `npm start` reads from its environment. */
export interface ExampleConfig {
  readonly port: number;
  readonly app: Pick<ExampleAppOptions, 'rateLimit' | 'maintenance' | 'redisUrl'>;
}

/** An environment variable `npm start` cannot use; the message says what it takes. */
export class ExampleConfigError extends Error {
  override readonly name = 'ExampleConfigError';
}

export const DEFAULT_PORT = 3000;
const WHOLE = /^\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const OFF = new Set(['', '0', 'off', 'false']);

// The values are not echoed back: REDIS_URL may hold a password, and the others say what they take.
function port(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  if (WHOLE.test(value) && Number(value) <= 65535) return Number(value);
  throw new ExampleConfigError('PORT must be a port number, 0 to 65535 (0: any free port).');
}

function rateLimit(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (WHOLE.test(value) && Number(value) >= 1 && Number.isSafeInteger(Number(value))) return Number(value);
  throw new ExampleConfigError('RATE_LIMIT must be a whole number of requests a minute per client, 1 or more.');
}

function maintenance(value: string | undefined): number | Date | undefined {
  if (value === undefined || OFF.has(value.toLowerCase())) return undefined;
  if (WHOLE.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  const end = ISO_DATE.test(value) ? new Date(value) : undefined;
  if (end !== undefined && !Number.isNaN(end.getTime())) return end;
  throw new ExampleConfigError(
    'MAINTENANCE must be the seconds to wait (MAINTENANCE=30), the end as an ISO date (MAINTENANCE=2030-01-01T06:00:00Z), or 0/off.',
  );
}

/**
 * Reads `PORT` (default 3000), `RATE_LIMIT` (requests a minute per client, default 100),
 * `MAINTENANCE` (seconds or an ISO date: 503 with that Retry-After; unset, `0` or `off`: no
 * maintenance) and `REDIS_URL` (the idempotency store; in memory when unset).
 *
 * @throws ExampleConfigError for a value it cannot use.
 */
export function readExampleConfig(env: Readonly<Record<string, string | undefined>>): ExampleConfig {
  const redisUrl = env.REDIS_URL === undefined || env.REDIS_URL === '' ? undefined : env.REDIS_URL;
  return {
    port: port(env.PORT),
    app: { rateLimit: rateLimit(env.RATE_LIMIT), maintenance: maintenance(env.MAINTENANCE), redisUrl },
  };
}
