import { scenarioCommands, shellQuote } from './curl';
import { MODES, startCommand, type Json, type ModeName, type Scenario } from './scenario';

/** What the tour says about the running server. */
export interface TourSettings {
  /** What curl commands put before the path: `localhost:3000`. */
  readonly baseUrl: string;
  readonly rateLimit: number;
  readonly maintenance: number | Date | undefined;
}

const LABEL_WIDTH = 28;

function label(scenario: Scenario): string {
  return scenario.expect.code === undefined ? String(scenario.expect.status) : `${scenario.expect.status} ${scenario.expect.code}`;
}

function maintenanceText(maintenance: number | Date | undefined): string {
  if (maintenance === undefined) return 'off';
  return maintenance instanceof Date ? `until ${maintenance.toISOString()}` : `on, Retry-After ${maintenance} s`;
}

/** The tour as text: the startup print and `GET /` for `Accept: text/plain` (curl's default). */
export function tourText(scenarios: readonly Scenario[], settings: TourSettings): string {
  const base = settings.baseUrl;
  const lines = [
    `The example API of express-api-errors on ${base}: in memory, no external service.`,
    `Settings: RATE_LIMIT=${settings.rateLimit} requests a minute per client; MAINTENANCE ${maintenanceText(settings.maintenance)}`,
    `  (MAINTENANCE=<seconds> or =<ISO date> answers 503 with Retry-After; PORT, REDIS_URL are read too).`,
    `This list: curl ${shellQuote(`${base}/`)}  (as JSON: add -H 'Accept: application/json').`,
    `Each answer below holds on the initial data, whatever ran before; after a scenario marked`,
    `[changes data], curl -X POST ${shellQuote(`${base}/reset`)} puts the data and the counters back.`,
  ];
  for (const mode of Object.keys(MODES) as ModeName[]) {
    const inMode = scenarios.filter((scenario) => scenario.mode === mode);
    if (inMode.length === 0) continue;
    lines.push('', `${startCommand(mode)}:`);
    for (const scenario of inMode) {
      const title = scenario.changesState === true ? `${scenario.title} [changes data]` : scenario.title;
      lines.push(`  ${label(scenario).padEnd(LABEL_WIDTH)} ${title}`);
      for (const command of scenarioCommands(scenario, base)) lines.push(`      ${command}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The tour as the `data` of `GET /` with `Accept: application/json`. */
export function tourJson(scenarios: readonly Scenario[], settings: TourSettings): Json {
  return {
    base_url: settings.baseUrl,
    settings: {
      rate_limit: settings.rateLimit,
      maintenance: settings.maintenance instanceof Date ? settings.maintenance.toISOString() : (settings.maintenance ?? null),
    },
    reset: `curl -X POST ${shellQuote(`${settings.baseUrl}/reset`)}`,
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      start: startCommand(scenario.mode),
      status: scenario.expect.status,
      code: scenario.expect.code ?? null,
      changes_state: scenario.changesState === true,
      curl: scenarioCommands(scenario, settings.baseUrl),
      before: (scenario.before ?? []) as unknown as Json,
      request: scenario.request as unknown as Json,
      expect: scenario.expect as unknown as Json,
    })),
  };
}
