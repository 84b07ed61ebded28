/**
 * A size-bounded map that evicts the least recently used entry, with fills
 * that lose to invalidations: a value loaded while an invalidation happened
 * is returned to its caller but not cached, so a change announced during a
 * slow load never leaves a stale entry behind.
 */
export class BoundedCache<V> {
  readonly #limit: number;
  readonly #entries = new Map<string, V>();
  #epoch = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The cached value, marking it recently used. */
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** The cached value, or the loaded one (cached unless invalidated meanwhile). `undefined` results are not cached. */
  async getOrLoad(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const epoch = this.#epoch;
    const loaded = await load();
    if (loaded !== undefined && epoch === this.#epoch) this.#set(key, loaded);
    return loaded;
  }

  /** Drops one entry and voids fills in flight. */
  delete(key: string): void {
    this.#epoch++;
    this.#entries.delete(key);
  }

  /** Drops everything and voids fills in flight. */
  clear(): void {
    this.#epoch++;
    this.#entries.clear();
  }

  #set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}
