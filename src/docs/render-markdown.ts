import type { HeaderNeed } from '../catalog';
import type { CodeReference, HeaderReference, StatusReference, StatusReferenceEntry } from './status-reference';

/** Options of {@link renderStatusReference}. */
export interface RenderReferenceOptions {
  /** Title of the page. Default `Status codes`. */
  readonly title?: string;
  /** Response header carrying the request id. Default `X-Request-Id`. */
  readonly requestIdHeader?: string;
}

// RFC 2119 words, as the standards digest states each header duty.
const NEED_WORD: Readonly<Record<HeaderNeed, string>> = { required: 'MUST', recommended: 'SHOULD', optional: 'MAY' };

/** Table cells hold one line and no unescaped pipe. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function headerList(headers: readonly HeaderReference[]): string {
  return headers.map((header) => `\`${header.name}\` (${NEED_WORD[header.need]})`).join(', ');
}

function codeRows(codes: readonly CodeReference[], withStatus: boolean): string[] {
  const head = withStatus ? ['| Code | Status | Message | When |', '|---|---|---|---|'] : ['| Code | Message | When |', '|---|---|---|'];
  return [
    ...head,
    ...codes.map((entry) =>
      withStatus
        ? `| \`${entry.code}\` | ${entry.status} | ${cell(entry.message)} | ${cell(entry.description ?? '')} |`
        : `| \`${entry.code}\` | ${cell(entry.message)} | ${cell(entry.description ?? '')} |`,
    ),
  ];
}

/**
 * The compact status table of a README: every catalog status with its class, default code, the
 * headers it carries and whether a client may retry, then the extra codes. `npm run docs:readme`
 * writes it between the README's `status-table` markers.
 */
export function renderStatusTable(reference: StatusReference): string {
  const lines = [
    '| Status | Class | Default code | Headers | Retryable |',
    '|---|---|---|---|---|',
    ...reference.statuses.map(
      (entry) =>
        `| ${entry.status} ${entry.phrase} | \`${entry.className}\`${entry.alias === undefined ? '' : ` (http-errors: \`${entry.alias}\`)`} | \`${entry.code}\` | ${headerList(entry.headers)} | ${entry.retryable ? 'yes' : ''} |`,
    ),
  ];
  if (reference.codes.length > 0)
    lines.push('', "Other codes answered beyond each status's default:", '', ...codeRows(reference.codes, true));
  return lines.join('\n');
}

function exampleResponse(entry: StatusReferenceEntry, requestIdHeader: string): string[] {
  return [
    '```http',
    `HTTP/1.1 ${entry.status} ${entry.phrase}`,
    'Content-Type: application/json',
    ...entry.headers.filter((header) => header.need !== 'optional').map((header) => `${header.name}: ${header.example}`),
    `${requestIdHeader}: ${entry.example.meta.request_id}`,
    '',
    JSON.stringify(entry.example),
    '```',
  ];
}

function headersParagraph(entry: StatusReferenceEntry): string {
  if (entry.headers.length === 0) return '**Headers:** none beyond those of every error (`Content-Type`, the request id, `Cache-Control`).';
  const items = entry.headers.map((header) => `\`${header.name}\` (${NEED_WORD[header.need]}, e.g. \`${header.example}\`)`);
  return `**Headers:** ${items.join('; ')}.`;
}

function statusSection(entry: StatusReferenceEntry, requestIdHeader: string): string[] {
  const facts = [
    entry.retryable ? 'Retryable: the same request may succeed later.' : 'Not retryable as is.',
    entry.noStore ? 'Never cached.' : '',
    entry.exposesMessage ? '' : `The message is always the generic one; details stay in the server log under the request id.`,
  ].filter((fact) => fact !== '');
  const lines = [
    `### ${entry.status} ${entry.phrase}`,
    '',
    `**Code:** \`${entry.code}\` · **Class:** \`${entry.className}\`${entry.alias === undefined ? '' : ` (http-errors: \`${entry.alias}\`)`}`,
    '',
    `**When to expect:** ${entry.when}`,
    '',
    headersParagraph(entry),
    '',
    `**What to do:** ${entry.action} ${facts.join(' ')}`,
    '',
    ...exampleResponse(entry, requestIdHeader),
  ];
  if (entry.codes.length > 0) lines.push('', '**Other codes with this status:**', '', ...codeRows(entry.codes, false));
  return lines;
}

/**
 * The status-code reference page in Markdown, like an API's hand-written "Status Codes" page but
 * generated: a summary table, then per status its code, when to expect it, headers, what the client
 * should do and an example response, with the extra codes of that status.
 *
 * @example
 * const page = renderStatusReference(buildStatusReference({ codes: appErrors }));
 */
export function renderStatusReference(reference: StatusReference, options: RenderReferenceOptions = {}): string {
  const requestIdHeader = options.requestIdHeader ?? 'X-Request-Id';
  const summary = [
    '| Status | Name | Code | Retryable |',
    '|---|---|---|---|',
    ...reference.statuses.map(
      (entry) =>
        `| [${entry.status}](#${entry.status}-${entry.phrase.toLowerCase().replace(/[^a-z0-9]+/g, '-')}) | ${entry.phrase} | \`${entry.code}\` | ${entry.retryable ? 'yes' : ''} |`,
    ),
  ];
  const lines = [
    `# ${options.title ?? 'Status codes'}`,
    '',
    'Every error response has the same JSON body: `error.code` (machine-readable, stable: branch on it),',
    '`error.message` (for people), `error.details` (when there is more to say, such as validation problems)',
    `and \`meta.request_id\` (also in the \`${requestIdHeader}\` header: quote it when contacting support).`,
    'Clients that ask for `application/problem+json` may receive RFC 9457 problem details with the same `code` and `request_id`.',
    '',
    ...summary,
  ];
  for (const [title, low] of [
    ['4xx: client errors', 400],
    ['5xx: server errors', 500],
  ] as const) {
    const section = reference.statuses.filter((entry) => entry.status >= low && entry.status < low + 100);
    if (section.length === 0) continue;
    lines.push('', `## ${title}`);
    for (const entry of section) lines.push('', ...statusSection(entry, requestIdHeader));
  }
  if (reference.codes.length > 0) lines.push('', '## All error codes', '', ...codeRows(reference.codes, true));
  return `${lines.join('\n')}\n`;
}
