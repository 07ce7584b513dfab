import type { HeaderNeed } from '../catalog';
import { STATUS_PAGE_CSS } from './html-style';
import type { RenderReferenceOptions } from './render-markdown';
import type { CodeReference, StatusReference, StatusReferenceEntry } from './status-reference';

/** Options of {@link renderStatusReferenceHtml}. */
export interface RenderHtmlOptions extends RenderReferenceOptions {
  /** Language of the page, a BCP 47 tag for the `lang` attribute. Default `en`. */
  readonly lang?: string;
}

// RFC 2119 words, as the Markdown page states each header duty.
const NEED_WORD: Readonly<Record<HeaderNeed, string>> = { required: 'MUST', recommended: 'SHOULD', optional: 'MAY' };

// A BCP 47 language tag in its general shape (RFC 5646 §2.1): a language of 2-8 letters, then
// subtags of 1-8 letters or digits.
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Escaped text in which `backtick spans` become `<code>`, as the Markdown page shows them. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function code(value: string): string {
  return `<code>${escapeHtml(value)}</code>`;
}

/** An error code in a table cell: it may wrap after an underscore, never inside a word. */
function codeName(value: string): string {
  return `<code class="id">${escapeHtml(value).replace(/_/g, '_<wbr>')}</code>`;
}

// Anchors: statuses are numbers and codes match CODE_PATTERN, so both make stable, valid ids.
const statusId = (status: number): string => `status-${status}`;
const codeId = (value: string): string => `code-${escapeHtml(value)}`;

function retryAdvice(entry: StatusReferenceEntry): string {
  const retryAfter = entry.headers.some((header) => header.name === 'Retry-After');
  if (entry.retryable) {
    return retryAfter
      ? '<span class="yes">Yes</span>: wait as long as <code>Retry-After</code> says when the response has it, otherwise back off exponentially with jitter.'
      : '<span class="yes">Yes</span>: the same request may succeed later; back off exponentially with jitter.';
  }
  return retryAfter
    ? 'Not as is. When <code>Retry-After</code> is present the limit is temporary: the same request may be sent after it.'
    : 'Not as is: the same request gets the same answer until something changes.';
}

function exampleResponse(entry: StatusReferenceEntry, requestIdHeader: string): string {
  // The same lines as the Markdown page's example; the body is indented for reading.
  const lines = [
    `HTTP/1.1 ${entry.status} ${entry.phrase}`,
    'Content-Type: application/json',
    ...entry.headers.filter((header) => header.need !== 'optional').map((header) => `${header.name}: ${header.example}`),
    `${requestIdHeader}: ${entry.example.meta.request_id}`,
    '',
    JSON.stringify(entry.example, null, 2),
  ];
  return `<pre><code>${escapeHtml(lines.join('\n'))}</code></pre>`;
}

function headersTable(entry: StatusReferenceEntry, titleId: string): string {
  if (entry.headers.length === 0) {
    return '<p>None beyond those of every error (<code>Content-Type</code>, the request id, <code>Cache-Control</code>).</p>';
  }
  const rows = entry.headers.map(
    (header) => `<tr><th scope="row">${code(header.name)}</th><td>${NEED_WORD[header.need]}</td><td>${code(header.example)}</td></tr>`,
  );
  return [
    `<table aria-labelledby="${titleId}">`,
    '<thead><tr><th scope="col">Header</th><th scope="col">Requirement</th><th scope="col">Example</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('');
}

/**
 * A table of codes: the page's list (each row an anchor) or a status's (linking to that list).
 * `name` is a caption, or `{ labelledBy }` the id of the heading that already names it.
 */
function codesTable(
  codes: readonly CodeReference[],
  name: string | { labelledBy: string },
  withStatus: boolean,
  anchored: boolean,
  listed: ReadonlySet<string>,
): string {
  const head = ['Code', ...(withStatus ? ['Status'] : []), 'Message', 'When'].map((name) => `<th scope="col">${name}</th>`).join('');
  const rows = codes.map((entry) => {
    const codeCell =
      anchored || !listed.has(entry.code) ? codeName(entry.code) : `<a href="#${codeId(entry.code)}">${codeName(entry.code)}</a>`;
    const statusCell = withStatus ? `<td><a href="#${statusId(entry.status)}">${entry.status} ${escapeHtml(entry.phrase)}</a></td>` : '';
    return `<tr${anchored ? ` id="${codeId(entry.code)}"` : ''}><th scope="row">${codeCell}</th>${statusCell}<td>${inline(entry.message)}</td><td>${inline(entry.description ?? '')}</td></tr>`;
  });
  const open = typeof name === 'string' ? `<table><caption>${escapeHtml(name)}</caption>` : `<table aria-labelledby="${name.labelledBy}">`;
  return `${open}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function statusSection(entry: StatusReferenceEntry, requestIdHeader: string, listed: ReadonlySet<string>): string {
  const id = statusId(entry.status);
  const notes = [
    entry.noStore ? 'Never cached.' : '',
    entry.exposesMessage ? '' : 'The message is always the generic one; details stay in the server log under the request id.',
  ].filter((note) => note !== '');
  const className = `${code(entry.className)}${entry.alias === undefined ? '' : ` (http-errors: ${code(entry.alias)})`}`;
  const facts: [string, string][] = [
    ['Code', code(entry.code)],
    ['Class', className],
    ['Message', escapeHtml(entry.message)],
    ['When to expect', inline(entry.when)],
    ['What to do', inline(entry.action)],
    ['Retry', retryAdvice(entry)],
    ...(notes.length > 0 ? [['Notes', escapeHtml(notes.join(' '))] as [string, string]] : []),
  ];
  const parts = [
    `<section class="status" id="${id}" aria-labelledby="${id}-title">`,
    `<h3 id="${id}-title">${entry.status} ${escapeHtml(entry.phrase)}</h3>`,
    `<dl class="facts">${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`,
    `<h4 id="${id}-headers">Headers</h4>`,
    headersTable(entry, `${id}-headers`),
    '<h4>Example response</h4>',
    exampleResponse(entry, requestIdHeader),
  ];
  if (entry.codes.length > 0) {
    parts.push(
      `<h4 id="${id}-codes">Other codes with this status</h4>`,
      codesTable(entry.codes, { labelledBy: `${id}-codes` }, false, false, listed),
    );
  }
  parts.push('<p class="top"><a href="#contents">Back to contents</a></p>', '</section>');
  return parts.join('\n');
}

const GROUPS = [
  { id: 'client-errors', title: '4xx: client errors', low: 400 },
  { id: 'server-errors', title: '5xx: server errors', low: 500 },
] as const;

/**
 * The status-code reference as one self-contained HTML page: the same content as
 * `renderStatusReference` (per status its code, class, message, when to expect it, what to do,
 * retry advice, headers and an example response, then every extra code), with a table of contents.
 *
 * No script and nothing loaded: the CSS is inline and a Content-Security-Policy meta forbids the
 * rest, so the page reads the same with JavaScript off. Every interpolated value is HTML-escaped.
 * Headings nest in order, tables have captions or labels and `<th scope>`, colours meet WCAG AA in
 * light and dark schemes, and `lang` is set.
 *
 * @example
 * writeFileSync('status-codes.html', renderStatusReferenceHtml(buildStatusReference({ codes: appErrors })));
 */
export function renderStatusReferenceHtml(reference: StatusReference, options: RenderHtmlOptions = {}): string {
  const title = options.title ?? 'Status codes';
  const requestIdHeader = options.requestIdHeader ?? 'X-Request-Id';
  const lang = options.lang ?? 'en';
  if (!LANGUAGE_TAG.test(lang)) throw new TypeError(`lang must be a BCP 47 language tag such as "en" or "pt-BR"; got "${lang}"`);
  const groups = GROUPS.map((group) => ({
    ...group,
    statuses: reference.statuses.filter((entry) => entry.status >= group.low && entry.status < group.low + 100),
  })).filter((group) => group.statuses.length > 0);
  const hasCodes = reference.codes.length > 0;
  const listed = new Set(reference.codes.map((entry) => entry.code));

  const toc = [
    '<nav aria-labelledby="contents">',
    '<h2 id="contents">Contents</h2>',
    '<ol>',
    '<li><a href="#summary">Summary</a></li>',
    ...groups.map(
      (group) =>
        `<li><a href="#${group.id}">${group.title}</a><ol>${group.statuses
          .map((entry) => `<li><a href="#${statusId(entry.status)}">${entry.status} ${escapeHtml(entry.phrase)}</a></li>`)
          .join('')}</ol></li>`,
    ),
    ...(hasCodes ? ['<li><a href="#all-codes">All error codes</a></li>'] : []),
    '</ol>',
    '</nav>',
  ];
  const summaryRows = reference.statuses.map(
    (entry) =>
      `<tr><th scope="row"><a href="#${statusId(entry.status)}">${entry.status}</a></th><td>${escapeHtml(entry.phrase)}</td><td>${codeName(entry.code)}</td><td>${entry.retryable ? '<span class="yes">Yes</span>' : 'No'}</td></tr>`,
  );
  const main = [
    '<main id="main">',
    '<section aria-labelledby="summary">',
    '<h2 id="summary">Summary</h2>',
    `<table><caption>Every status, its default code and whether a client may retry it</caption><thead><tr><th scope="col">Status</th><th scope="col">Name</th><th scope="col">Code</th><th scope="col">Retryable</th></tr></thead><tbody>${summaryRows.join('')}</tbody></table>`,
    '</section>',
    ...groups.flatMap((group) => [
      `<section aria-labelledby="${group.id}">`,
      `<h2 id="${group.id}">${group.title}</h2>`,
      ...group.statuses.map((entry) => statusSection(entry, requestIdHeader, listed)),
      '</section>',
    ]),
    ...(hasCodes
      ? [
          '<section aria-labelledby="all-codes">',
          '<h2 id="all-codes">All error codes</h2>',
          "<p>The codes answered beyond each status's default, by status.</p>",
          codesTable(reference.codes, 'Every extra error code', true, true, listed),
          '</section>',
        ]
      : []),
    '</main>',
  ];
  const intro = [
    'Every error response has the same JSON body: <code>error.code</code> (machine-readable, stable: branch on it),',
    '<code>error.message</code> (for people), <code>error.details</code> (when there is more to say, such as validation problems)',
    `and <code>meta.request_id</code> (also in the ${code(requestIdHeader)} header: quote it when contacting support).`,
    'Clients that ask for <code>application/problem+json</code> may receive RFC 9457 problem details with the same <code>code</code> and <code>request_id</code>.',
  ].join(' ');

  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No script may run and nothing is fetched: the page is the file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="express-api-errors">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STATUS_PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the reference</a>',
    '<div class="layout">',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${intro}</p>`,
    '</header>',
    ...toc,
    ...main,
    '<footer><p>Generated from the status catalog of express-api-errors.</p></footer>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
