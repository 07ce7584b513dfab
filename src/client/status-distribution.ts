/** One outcome of one attempt, as the client's `onStatus` hook sees it. */
export interface StatusEvent {
  /** Request method, upper case. */
  readonly method: string;
  /** The request path (no origin, no query string), e.g. `/users/42`. */
  readonly path: string;
  /** The response status; `0` when there was no response (network error or attempt timeout). */
  readonly status: number;
  /**
   * The error code of an error response (`resource_not_found`), `network_error` or `timeout` when
   * `status` is `0`, and `undefined` for a success.
   */
  readonly code: string | undefined;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** Milliseconds from sending the request to reading the whole response. */
  readonly durationMs: number;
  /** Whether the client retries after this outcome. */
  readonly willRetry: boolean;
}

/** How many outcomes had one status and code. */
export interface StatusCount {
  readonly status: number;
  readonly code: string | undefined;
  readonly count: number;
}

/** Counts of outcomes per status and code; pass `record` as a client's `onStatus`. */
export interface StatusDistribution {
  /** Counts one outcome. */
  readonly record: (event: StatusEvent) => void;
  /** The counts so far, by status then code. */
  snapshot(): StatusCount[];
  /** The number of outcomes counted. */
  total(): number;
  /** Forgets everything counted. */
  reset(): void;
}

/**
 * Counts a client's outcomes per status and code, retried attempts included, for a dashboard
 * or an alert (`rate_limit_exceeded` rising, `network_error` appearing).
 *
 * @example
 * const statuses = createStatusDistribution();
 * const api = createClient({ baseUrl, onStatus: statuses.record });
 * setInterval(() => report(statuses.snapshot()), 60_000);
 * // [{ status: 200, code: undefined, count: 97 }, { status: 404, code: 'resource_not_found', count: 3 }]
 */
export function createStatusDistribution(): StatusDistribution {
  // Keyed by status, then by code ('' for none): small, and no string building per event.
  let counts = new Map<number, Map<string, number>>();
  let total = 0;
  return {
    record(event) {
      let byCode = counts.get(event.status);
      if (byCode === undefined) counts.set(event.status, (byCode = new Map<string, number>()));
      const code = event.code ?? '';
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
      total += 1;
    },
    snapshot() {
      const rows: StatusCount[] = [];
      for (const status of [...counts.keys()].sort((a, b) => a - b)) {
        const byCode = counts.get(status)!;
        for (const code of [...byCode.keys()].sort()) {
          rows.push({ status, code: code === '' ? undefined : code, count: byCode.get(code)! });
        }
      }
      return rows;
    },
    total: () => total,
    reset() {
      counts = new Map();
      total = 0;
    },
  };
}
