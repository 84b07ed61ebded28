/** The descriptors a storage server's reads may hold open ahead, at most. */
export const READ_AHEAD_DESCRIPTORS = 4096;

/**
 * File descriptors that a server's reads may hold open before they reach
 * the files (the parts of a multipart object), counted across every read,
 * so reads of many-part objects cannot take every descriptor the process
 * may have.
 */
export class DescriptorBudget {
  readonly #limit: number;
  #held = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Takes up to `wanted` descriptors, fewer when the budget is nearly spent; returns how many it took. */
  take(wanted: number): number {
    const taken = Math.max(0, Math.min(wanted, this.#limit - this.#held));
    this.#held += taken;
    return taken;
  }

  /** Gives back descriptors {@link take} gave. */
  giveBack(count: number): void {
    this.#held -= count;
  }
}
