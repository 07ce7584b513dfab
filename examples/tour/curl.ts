import type { Scenario, ScenarioBody, ScenarioRequest } from './scenario';

// Words a POSIX shell (and zsh) takes literally; anything else is single-quoted. `?` and `&` in a
// query would otherwise be a glob and a background job.
const LITERAL_WORD = /^[\w@%+=:,./-]+$/;

/** `word` as one shell word. */
export function shellQuote(word: string): string {
  return LITERAL_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The Content-Type a scenario body is sent with. */
export function bodyType(body: ScenarioBody): string {
  return 'json' in body ? (body.type ?? 'application/json') : body.type;
}

/** The bytes of a scenario body. */
export function bodyBytes(body: ScenarioBody): string | Buffer {
  if ('json' in body) return JSON.stringify(body.json);
  if ('text' in body) return body.text;
  return Buffer.alloc(body.bytes);
}

function curl(request: ScenarioRequest, baseUrl: string, flags: readonly string[]): string {
  const words = ['curl', ...flags];
  if (request.method !== 'GET') words.push('-X', request.method);
  words.push(shellQuote(`${baseUrl}${request.path}`));
  for (const [name, value] of Object.entries(request.headers ?? {})) words.push('-H', shellQuote(`${name}: ${value}`));
  const body = request.body;
  if (body === undefined) return words.join(' ');
  words.push('-H', shellQuote(`Content-Type: ${bodyType(body)}`));
  // A large body comes from a pipe; `@-` makes curl read it from stdin and send it as it is.
  if ('bytes' in body) return `head -c ${body.bytes} /dev/zero | ${[...words, '--data-binary', '@-'].join(' ')}`;
  const text = bodyBytes(body) as string;
  // `-d @name` would read a file: such a body goes with --data-raw.
  words.push(text.startsWith('@') ? '--data-raw' : '-d', shellQuote(text));
  return words.join(' ');
}

/**
 * The shell commands of a scenario: the `before` requests with their answers discarded, then the
 * request itself with `curl -i` (status line and headers shown). `baseUrl` is `localhost:3000`.
 */
export function scenarioCommands(scenario: Scenario, baseUrl: string): string[] {
  return [
    ...(scenario.before ?? []).map((request) => curl(request, baseUrl, ['-s', '-o', '/dev/null'])),
    curl(scenario.request, baseUrl, ['-i']),
  ];
}
