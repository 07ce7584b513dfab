/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of values taken once per round, with the lowest and the highest. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A ratio taken within each round, both sides measured under that round's load, then summed up
 * over the rounds: a machine whose speed drifts during a run shifts both sides of a round alike,
 * where a ratio of two medians would mix the fast rounds of one side with the slow ones of the other.
 */
export function perRound(rounds: number, valueOf: (round: number) => number): Spread {
  const values = Array.from({ length: rounds }, (_, round) => valueOf(round));
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** `0.937 (0.84-0.99)`: a {@link Spread} for a table. */
export function formatSpread(spread: Spread, digits = 3): string {
  return `${spread.median.toFixed(digits)} (${spread.min.toFixed(digits)}-${spread.max.toFixed(digits)})`;
}

/** `meets >= 0.95` or `MISSES >= 0.95` (`<=` when the goal is a most); empty without a goal. */
export function formatGoal(value: number, goal: number | undefined, bound: 'least' | 'most' = 'least'): string {
  if (goal === undefined) return '';
  const sign = bound === 'least' ? '>=' : '<=';
  const met = bound === 'least' ? value >= goal : value <= goal;
  return `${met ? 'meets' : 'MISSES'} ${sign} ${goal.toFixed(2)}`;
}

/** A ratio as a change: 1.079 is `+7.9%`, 0.95 is `-5.0%`. */
export function formatChange(ratio: number): string {
  return `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;
}

/** `12 345` style thousands, for tables. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Pads the cells of a table into aligned columns (a Markdown table). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
