import type { ServerResponse } from 'node:http';

/** Adds `field` to the response's `Vary` header unless it (or `*`) is already there. */
export function addVary(res: ServerResponse, field: string): void {
  const current = res.getHeader('Vary');
  if (current === undefined) return void res.setHeader('Vary', field);
  const list = String(current);
  if (
    list === '*' ||
    list
      .toLowerCase()
      .split(/\s*,\s*/)
      .includes(field.toLowerCase())
  )
    return;
  res.setHeader('Vary', `${list}, ${field}`);
}
