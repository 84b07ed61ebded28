/** Options of an {@link ExpiringCache}. */
export interface ExpiringCacheOptions<V> {
  /** Most entries kept; the least recently used goes first. */
  readonly limit: number;
  /** How long an entry lives, in milliseconds. */
  readonly ttlMs: number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Told of every entry that leaves the cache (to wipe key material). */
  readonly onEvict?: (value: V) => void;
}

/**
 * A bounded, least-recently-used map whose entries also expire, with
 * single-flight loads: concurrent misses of one key share one load.
 */
export class ExpiringCache<V> {
  readonly #options: ExpiringCacheOptions<V>;
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #loading = new Map<string, Promise<V>>();

  constructor(options: ExpiringCacheOptions<V>) {
    this.#options = options;
  }

  /** The live value, marking it recently used; expired entries are dropped. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#options.now()) {
      this.#options.onEvict?.(entry.value);
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value for the cache's lifetime. */
  set(key: string, value: V): void {
    const previous = this.#entries.get(key);
    this.#entries.delete(key);
    if (previous !== undefined && previous.value !== value) this.#options.onEvict?.(previous.value);
    this.#entries.set(key, { value, expiresAt: this.#options.now() + this.#options.ttlMs });
    while (this.#entries.size > this.#options.limit) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      const evicted = this.#entries.get(oldest.value);
      this.#entries.delete(oldest.value);
      if (evicted !== undefined) this.#options.onEvict?.(evicted.value);
    }
  }

  /** The live value, or the result of one shared `load` (then cached). */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const pending = this.#loading.get(key);
    if (pending !== undefined) return pending;
    const loading = load().then(
      (value) => {
        this.#loading.delete(key);
        this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.#loading.delete(key);
        throw error;
      },
    );
    this.#loading.set(key, loading);
    return loading;
  }

  /** Drops every entry. */
  clear(): void {
    for (const { value } of this.#entries.values()) this.#options.onEvict?.(value);
    this.#entries.clear();
  }
}
