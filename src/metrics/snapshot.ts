import { STATUS_CODES } from 'node:http';
import { getStatusInfo } from '../catalog';

/** One status in a {@link StatusSnapshot}. */
export interface StatusShare {
  readonly status: number;
  /** The catalog's reason phrase for error statuses (RFC 9110), Node's for the others. */
  readonly phrase: string;
  readonly count: number;
  /** Share of all counted requests (aborted included), 0-100. */
  readonly percent: number;
}

/** One error code in a {@link StatusSnapshot}. */
export interface CodeShare {
  readonly code: string;
  readonly status: number;
  readonly count: number;
  readonly percent: number;
}

/** One route template in a {@link StatusSnapshot}. */
export interface RouteShare {
  readonly method: string;
  /** The route template (`/users/:id`), `unmatched`, or the overflow label. */
  readonly route: string;
  readonly count: number;
  /** Responses with a status of 400 or more. */
  readonly errors: number;
  readonly aborted: number;
}

/** What a server has answered since it started (or since `reset()`). */
export interface StatusSnapshot {
  /** Responses sent plus requests aborted. */
  readonly total: number;
  /** Requests whose connection closed before the response was sent. */
  readonly aborted: number;
  readonly abortedPercent: number;
  /** Ascending by status. */
  readonly statuses: readonly StatusShare[];
  /** Error codes answered by `errorHandler`, most frequent first. */
  readonly codes: readonly CodeShare[];
  /** Most requested first. */
  readonly routes: readonly RouteShare[];
}

/** A counted combination of labels. */
export interface CountedSeries {
  readonly method: string;
  readonly route: string;
  /** `0` for an aborted request. */
  readonly status: number;
  readonly code: string;
  count: number;
}

/** The code label of responses that were not answered by `errorHandler`. */
export const NO_CODE = 'none';

function phraseOf(status: number): string {
  return getStatusInfo(status)?.phrase ?? STATUS_CODES[status] ?? 'Unknown';
}

function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 10000) / 100;
}

function add<K>(map: Map<K, number>, key: K, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

/** Aggregates counted series into shares. */
export function buildSnapshot(series: Iterable<CountedSeries>): StatusSnapshot {
  let total = 0;
  let aborted = 0;
  const statuses = new Map<number, number>();
  const codes = new Map<string, { status: number; count: number }>();
  const routes = new Map<string, { method: string; route: string; count: number; errors: number; aborted: number }>();
  for (const entry of series) {
    total += entry.count;
    const routeKey = `${entry.method} ${entry.route}`;
    const route = routes.get(routeKey) ?? { method: entry.method, route: entry.route, count: 0, errors: 0, aborted: 0 };
    routes.set(routeKey, route);
    route.count += entry.count;
    if (entry.status === 0) {
      aborted += entry.count;
      route.aborted += entry.count;
      continue;
    }
    add(statuses, entry.status, entry.count);
    if (entry.status >= 400) route.errors += entry.count;
    if (entry.code !== NO_CODE) {
      const code = codes.get(entry.code) ?? { status: entry.status, count: 0 };
      code.count += entry.count;
      codes.set(entry.code, code);
    }
  }
  return {
    total,
    aborted,
    abortedPercent: percentOf(aborted, total),
    statuses: [...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([status, count]) => ({ status, phrase: phraseOf(status), count, percent: percentOf(count, total) })),
    codes: [...codes]
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .map(([code, { status, count }]) => ({ code, status, count, percent: percentOf(count, total) })),
    routes: [...routes.values()].sort((a, b) => b.count - a.count || a.route.localeCompare(b.route) || a.method.localeCompare(b.method)),
  };
}

function formatPercent(percent: number): string {
  if (percent > 0 && percent < 0.1) return '<0.1%';
  return `${percent.toFixed(1)}%`;
}

/**
 * The status distribution as text, one line per status, like the "Monitoring Status Codes" block
 * of an API's documentation:
 *
 * ```
 * 200 OK: 99.5%
 * 400 Bad Request: 0.3%
 * aborted: 0.1%
 * ```
 */
export function formatStatusSnapshot(snapshot: StatusSnapshot): string {
  const lines = snapshot.statuses.map((entry) => `${entry.status} ${entry.phrase}: ${formatPercent(entry.percent)}`);
  if (snapshot.aborted > 0) lines.push(`aborted: ${formatPercent(snapshot.abortedPercent)}`);
  return lines.join('\n');
}
