// Run by http-client-errors.test.ts in a child process (`node --import tsx`): got and ky are
// ESM-only, which Jest's CommonJS runtime cannot load. Prints one JSON document of outcomes.
import {
  runThroughApp,
  SCENARIOS,
  SECRET_BODY,
  SECRET_HEADERS,
  startUpstream,
  TIMEOUT_MS,
  urlOf,
  type Outcome,
  type Scenario,
} from './http-client-scenarios';

// Only what this script calls: TypeScript's `node10` resolution (tsconfig) cannot see got's types.
type Post = (url: string, options: Record<string, unknown>) => Promise<unknown>;
interface Client {
  post: Post;
  get: Post;
}

async function load(name: string): Promise<Client> {
  return ((await import(name)) as { default: Client }).default;
}

async function main(): Promise<void> {
  const got = await load('got');
  const ky = await load('ky');
  const upstream = await startUpstream();
  const calls: Record<string, (scenario: Scenario) => Promise<unknown>> = {
    got: (scenario) =>
      got.post(urlOf(upstream, scenario, true), {
        json: SECRET_BODY,
        headers: SECRET_HEADERS,
        timeout: { request: TIMEOUT_MS },
        retry: { limit: 0 },
      }),
    // fetch refuses URLs with userinfo, so ky never sends one.
    ky: (scenario) =>
      ky.post(urlOf(upstream, scenario, false), { json: SECRET_BODY, headers: SECRET_HEADERS, timeout: TIMEOUT_MS, retry: 0 }),
  };
  const outcomes: Record<string, Outcome> = {};
  for (const [client, call] of Object.entries(calls)) {
    for (const scenario of SCENARIOS) outcomes[`${client} ${scenario}`] = await runThroughApp(() => call(scenario));
    outcomes[`${client} wrapped`] = await runThroughApp(() => call('status404'), true);
  }
  // fetch's own refusal of a URL with userinfo quotes the URL: a plain TypeError, no client error.
  outcomes['ky userinfo'] = await runThroughApp(() => ky.get(urlOf(upstream, 'status404', true), { retry: 0 }));
  await upstream.close();
  process.stdout.write(JSON.stringify({ origin: upstream.origin, closedOrigin: upstream.closedOrigin, outcomes }));
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error)?.stack ?? error));
  process.exitCode = 1;
});
