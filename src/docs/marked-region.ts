/** The markers of the generated status table in a README. */
export const STATUS_TABLE_MARKERS = { start: '<!-- status-table:start -->', end: '<!-- status-table:end -->' } as const;

/** The text strictly between the `start` and `end` marker lines, or `undefined` without both. */
export function readMarkedRegion(text: string, markers = STATUS_TABLE_MARKERS): string | undefined {
  const start = text.indexOf(`${markers.start}\n`);
  const end = text.indexOf(`\n${markers.end}`, start);
  if (start === -1 || end === -1) return undefined;
  return text.slice(start + markers.start.length + 1, end + 1);
}

/**
 * `text` with the region between the marker lines replaced by `content` (the marker lines kept),
 * so a generated table can live inside a hand-written README. Throws when a marker is missing.
 */
export function replaceMarkedRegion(text: string, content: string, markers = STATUS_TABLE_MARKERS): string {
  const current = readMarkedRegion(text, markers);
  if (current === undefined) throw new Error(`Markers ${markers.start} and ${markers.end} were not found, each on its own line`);
  const start = text.indexOf(`${markers.start}\n`) + markers.start.length + 1;
  const body = content === '' || content.endsWith('\n') ? content : `${content}\n`;
  return text.slice(0, start) + body + text.slice(start + current.length);
}
