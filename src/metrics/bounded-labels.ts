/**
 * Admits at most `max` distinct label values; every later new value becomes `overflow`. Keeps a
 * metric's series count bounded whatever the traffic (a label per random path would grow without end).
 */
export class BoundedLabels {
  readonly #seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly overflow: string,
  ) {}

  /** `value` if already admitted or there is room, otherwise the overflow label. */
  admit(value: string): string {
    if (this.#seen.has(value)) return value;
    if (this.#seen.size >= this.max) return this.overflow;
    this.#seen.add(value);
    return value;
  }

  clear(): void {
    this.#seen.clear();
  }
}
