import fc from 'fast-check';
import { ERROR_STATUSES, getStatusInfo } from '../../src';
import { runCli } from '../../src/cli/run-cli';
import { escapeHtml } from '../../src/docs/render-html';
import { buildStatusReference, renderStatusReference, renderStatusReferenceHtml } from '../../src/openapi';
import { appErrors } from '../../examples/errors';

// The page's structure, checked on the markup; test/browser/status-page.test.ts renders it.
const reference = buildStatusReference({ codes: appErrors });
const page = renderStatusReferenceHtml(reference);

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
const all = (pattern: RegExp, text = page): string[] => [...text.matchAll(pattern)].map((match) => match[1]!);

/** The text of the element whose opening tag is exactly `open` (no nested element of the same name). */
function elementText(open: string, close: string, text = page): string {
  const start = text.indexOf(open);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start + open.length, text.indexOf(close, start));
}

function statusSection(status: number): string {
  return elementText(`<section class="status" id="status-${status}"`, '</section>');
}

describe('renderStatusReferenceHtml', () => {
  test('a whole document: doctype, lang, charset, viewport, title, one h1', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<title>Status codes</title>');
    expect(all(/<h1>(.*?)<\/h1>/g)).toEqual(['Status codes']);
    expect(page.endsWith('</body>\n</html>\n')).toBe(true);
  });

  test('no script, no event handler, nothing loaded: only inline CSS, and a CSP that forbids the rest', () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=|javascript:|\ssrc=/i);
    expect(all(/href="([^"]*)"/g).every((href) => href.startsWith('#'))).toBe(true);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    );
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).toContain('prefers-color-scheme: dark');
  });

  test('ids are unique and every link of the page points to one of them', () => {
    const ids = all(/\sid="([^"]+)"/g);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = all(/href="#([^"]+)"/g);
    expect(targets.length).toBeGreaterThan(ERROR_STATUSES.length * 2);
    expect(targets.filter((target) => !ids.includes(target))).toEqual([]);
  });

  test('the table of contents lists the summary, each status under its class, and the codes', () => {
    const toc = elementText('<nav aria-labelledby="contents">', '</nav>');
    expect(toc).toContain('<h2 id="contents">Contents</h2>');
    expect(all(/<a href="#([^"]+)">/g, toc)).toEqual([
      'summary',
      'client-errors',
      ...ERROR_STATUSES.filter((status) => status < 500).map((status) => `status-${status}`),
      'server-errors',
      ...ERROR_STATUSES.filter((status) => status >= 500).map((status) => `status-${status}`),
      'all-codes',
    ]);
  });

  test('headings nest in order: h1, then h2, h3 inside h2, h4 inside h3', () => {
    const levels = all(/<h([1-6])[\s>]/g).map(Number);
    expect(levels[0]).toBe(1);
    for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
    expect(levels.filter((level) => level === 3)).toHaveLength(ERROR_STATUSES.length);
  });

  test('every table cell header has a scope; every table has a caption or a label', () => {
    const headers = page.match(/<th[\s>][^>]*>?/g) ?? [];
    expect(headers.length).toBeGreaterThan(ERROR_STATUSES.length);
    expect(headers.filter((tag) => !/^<th scope="(?:col|row)">$/.test(tag))).toEqual([]);
    const tables = page.split('<table').slice(1);
    expect(tables.filter((table) => !table.startsWith(' aria-labelledby="') && !table.startsWith('><caption>'))).toEqual([]);
  });

  test.each([...ERROR_STATUSES])('status %i: code, class, message, prose, retry advice, headers and one example', (status) => {
    const info = getStatusInfo(status)!;
    const entry = reference.statuses.find((candidate) => candidate.status === status)!;
    const section = statusSection(status);
    expect(section).toContain(`<h3 id="status-${status}-title">${status} ${info.phrase}</h3>`);
    expect(section).toContain(`<dt>Code</dt><dd><code>${info.code}</code></dd>`);
    expect(section).toContain(`<dt>Class</dt><dd><code>${info.className}</code>`);
    expect(section).toContain(`<dt>Message</dt><dd>${escapeHtml(info.message)}</dd>`);
    expect(section).toContain(`<dt>When to expect</dt><dd>${escapeHtml(entry.when).replace(/`([^`]+)`/g, '<code>$1</code>')}</dd>`);
    expect(section).toContain(`<dt>What to do</dt><dd>${escapeHtml(entry.action).replace(/`([^`]+)`/g, '<code>$1</code>')}</dd>`);
    expect(section).toMatch(info.retryable ? /<dt>Retry<\/dt><dd><span class="yes">Yes<\/span>: / : /<dt>Retry<\/dt><dd>Not as is/);
    for (const header of info.headers) expect(section).toContain(`<tr><th scope="row"><code>${header.name}</code></th>`);
    expect(section.match(/<pre>/g)).toHaveLength(1);
  });

  test("each example response is the Markdown page's example: same status line, headers and body", () => {
    const markdown = renderStatusReference(reference);
    const markdownExamples = all(/```http\n([\s\S]*?)\n```/g, markdown);
    const htmlExamples = all(/<pre><code>([\s\S]*?)<\/code><\/pre>/g).map(unescape);
    expect(htmlExamples).toHaveLength(ERROR_STATUSES.length);
    htmlExamples.forEach((example, index) => {
      const [head, body] = example.split('\n\n');
      const [markdownHead, markdownBody] = markdownExamples[index]!.split('\n\n');
      expect(head).toBe(markdownHead);
      expect(JSON.parse(body!)).toEqual(JSON.parse(markdownBody!));
    });
  });

  test("the app's codes: under their status, linked to their row in the list of every code", () => {
    const forbidden = statusSection(403);
    expect(forbidden).toContain(
      '<tr><th scope="row"><a href="#code-insufficient_scope"><code class="id">insufficient_<wbr>scope</code></a></th><td>The access token does not grant the scope this action needs.</td><td>The token is valid but lacks a scope; <code>details.required_scope</code> names it.</td></tr>',
    );
    const list = elementText('<section aria-labelledby="all-codes">', '</section>');
    expect(all(/<tr id="code-([a-z0-9_]+)">/g, list)).toEqual(reference.codes.map((entry) => entry.code));
    expect(list).toContain(
      '<tr id="code-order_total_invalid"><th scope="row"><code class="id">order_<wbr>total_<wbr>invalid</code></th><td><a href="#status-422">422 Unprocessable Content</a></td>',
    );
  });

  test('without extra codes there is no code list and no link to it', () => {
    const bare = renderStatusReferenceHtml(buildStatusReference({ libraryCodes: false }));
    expect(bare).not.toContain('all-codes');
    expect(bare).not.toContain('href="#code-');
  });

  test('options: title, request id header, lang; a malformed lang is refused', () => {
    const custom = renderStatusReferenceHtml(reference, { title: 'Acme API errors', requestIdHeader: 'X-Correlation-Id', lang: 'pt-BR' });
    expect(custom).toContain('<html lang="pt-BR">');
    expect(custom).toContain('<title>Acme API errors</title>');
    expect(custom).toContain('<h1>Acme API errors</h1>');
    expect(custom).toContain('X-Correlation-Id: req_');
    expect(custom).not.toContain('X-Request-Id');
    for (const lang of ['', 'en us', 'en"><script>', 'e', 'en-subtagofmorethan8']) {
      expect(() => renderStatusReferenceHtml(reference, { lang })).toThrow(/lang must be a BCP 47 language tag/);
    }
  });

  test('every value that reaches the page is escaped: title, app messages and descriptions, the request id header', () => {
    const hostile = '</title><script>alert(1)</script><img src=x onerror="alert(2)">\'&';
    const html = renderStatusReferenceHtml(
      buildStatusReference({ codes: { evil_code: { status: 400, message: hostile, description: `\`${hostile}\`` } }, libraryCodes: false }),
      { title: hostile, requestIdHeader: hostile },
    );
    expect(html).not.toMatch(/<script|<img|onerror="/);
    const escaped = '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&amp;';
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html).toContain(`<td>${escaped}</td><td><code>${escaped}</code></td>`);
  });
});

describe('escapeHtml', () => {
  test('leaves no markup character, and decoding gives the input back (any string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const escaped = escapeHtml(text);
        return !/[<>"']/.test(escaped) && !escaped.replace(/&(?:amp|lt|gt|quot|#39);/g, '').includes('&') && unescape(escaped) === text;
      }),
    );
  });
});

describe('express-api-errors docs --format html', () => {
  async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      cwd: process.cwd(),
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
    });
    return { code, stdout, stderr };
  }

  test('prints the page of the catalog and of the codes loaded with --codes', async () => {
    const result = await run(['docs', '--format', 'html', '--codes', 'examples/errors.ts']);
    expect(result).toEqual({ code: 0, stdout: page, stderr: '' });
  });

  test('--update and --check refuse it: they maintain a Markdown region', async () => {
    const result = await run(['docs', '--format', 'html', '--check', 'README.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('--update and --check take one file, with the markdown or table format\n');
  });

  test('the usage names the format', async () => {
    const result = await run(['--help']);
    expect(result.stdout).toContain('--format <markdown|html|json|table>');
  });
});
