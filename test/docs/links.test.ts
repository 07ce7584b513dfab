import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { markdownPages } from '../helpers/markdown-pages';
import { ROOT } from '../helpers/root';

// Every relative link of the repository's pages (markdownPages) leads somewhere: the file exists,
// and an `#anchor` names a heading of the page it points to, as GitHub renders it.
const PAGES = markdownPages().map((page) => relative(ROOT, page));

// The page without its fenced code blocks, where `[a](b)` is code, not a link.
function prose(page: string): string {
  return page.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
}

// GitHub's heading ids: the text without markup, lower case, punctuation dropped (hyphens and
// underscores kept), each space a hyphen; a repeated id gets `-1`, `-2`, ...
function headingIds(page: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of prose(page).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = (match[1] as string).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

// Pages link to the same few pages many times: each target's ids are worked out once.
const idsOfFile = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsOfFile.get(file);
  if (ids === undefined) {
    ids = headingIds(readFileSync(file, 'utf8'));
    idsOfFile.set(file, ids);
  }
  return ids;
}

function links(page: string): string[] {
  return [...prose(page).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] as string);
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe.each(PAGES)('%s', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');
  const local = links(text).filter((target) => !isExternal(target));

  test('links only to files that exist, and to headings those pages have', () => {
    const broken: string[] = [];
    for (const target of local) {
      const [path = '', anchor] = target.split('#', 2);
      const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) {
        broken.push(`${target}: no ${relative(ROOT, file)}`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !idsOf(file).has(decodeURIComponent(anchor))) {
        broken.push(`${target}: no heading #${anchor} in ${relative(ROOT, file)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

// The id rule itself, on headings of the kinds these pages use.
test('heading ids follow GitHub: code, punctuation and dates, repeats numbered', () => {
  const ids = headingIds(
    [
      "### The default logger's destination",
      '### `installResponseCapture(app)`: the opt-in hook (2026-12-03)',
      '## Error log lines and OpenTelemetry (2026-12-02)',
      '## Notes',
      '## Notes',
      '```md',
      '## not a heading, in code',
      '```',
    ].join('\n'),
  );
  expect([...ids]).toEqual([
    'the-default-loggers-destination',
    'installresponsecaptureapp-the-opt-in-hook-2026-12-03',
    'error-log-lines-and-opentelemetry-2026-12-02',
    'notes',
    'notes-1',
  ]);
});
