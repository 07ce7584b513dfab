import type { ServerResponse } from 'node:http';

/**
 * Adds one link-value to the response's `Link` field (RFC 8288 §3: `#link-value`), after the ones
 * already there (a 451's `rel="blocked-by"`, a `rel="deprecation"`), unless it is there already.
 */
export function appendLink(res: ServerResponse, link: string): void {
  const current = res.getHeader('Link');
  if (current === undefined) return void res.setHeader('Link', link);
  const list = Array.isArray(current) ? current.join(', ') : String(current);
  if (list.trim() === '') return void res.setHeader('Link', link);
  if (list.includes(link)) return;
  res.setHeader('Link', `${list}, ${link}`);
}
