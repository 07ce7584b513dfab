/**
 * Counts the claims this process holds per identity, so one client cannot take every in-progress
 * slot of the store (MemoryStore refuses a claim when all its entries are in progress) from all.
 */
export class InProgressLimit {
  readonly #counts = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for `identity`; `false` when it already holds `max`. */
  enter(identity: string): boolean {
    const count = this.#counts.get(identity) ?? 0;
    if (count >= this.max) return false;
    this.#counts.set(identity, count + 1);
    return true;
  }

  leave(identity: string): void {
    const count = this.#counts.get(identity) ?? 0;
    // Deleted at zero: the map holds only identities with work in progress.
    if (count <= 1) this.#counts.delete(identity);
    else this.#counts.set(identity, count - 1);
  }
}
