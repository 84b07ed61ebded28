/**
 * How a cache keeps values that hold key material: it wipes what it stored
 * when that leaves, so it never hands out what it stored, only copies, each
 * owned (and wiped) by the reader it was made for.
 */
export interface SecretValues<V> {
  /** A copy for one reader, who owns it and wipes it after use. */
  readonly copy: (value: V) => V;
  /** Wipes a stored value that left the cache; no reader holds it. */
  readonly wipe: (value: V) => void;
}

/** Options of an {@link ExpiringCache}. */
export interface ExpiringCacheOptions<V> {
  /** Most entries kept; the least recently used goes first. */
  readonly limit: number;
  /** How long an entry lives, in milliseconds. */
  readonly ttlMs: number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** For key material: readers get copies, and every entry is wiped when it leaves. */
  readonly secret?: SecretValues<V>;
}

/** One caller waiting for a shared load. */
interface Waiter<V> {
  readonly resolve: (value: V) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A bounded, least-recently-used map whose entries also expire, with
 * single-flight loads: concurrent misses of one key share one load. With
 * {@link ExpiringCacheOptions.secret}, every value returned is a copy made
 * at once (never after an await), so an entry wiped as it leaves is never
 * one a caller still holds.
 */
export class ExpiringCache<V> {
  readonly #options: ExpiringCacheOptions<V>;
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #loading = new Map<string, Waiter<V>[]>();
  /** Counts {@link clear}s and {@link delete}s: a load that started before one is handed out but not kept. */
  #generation = 0;

  constructor(options: ExpiringCacheOptions<V>) {
    this.#options = options;
  }

  /** The live value (a copy the caller owns, for secrets), marking it recently used; expired entries are dropped. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#options.now()) {
      this.#options.secret?.wipe(entry.value);
      return undefined;
    }
    this.#entries.set(key, entry);
    return this.#handOut(entry.value);
  }

  /** Stores a value for the cache's lifetime; for secrets, the cache owns it from now on. */
  set(key: string, value: V): void {
    const previous = this.#entries.get(key);
    this.#entries.delete(key);
    if (previous !== undefined && previous.value !== value) this.#options.secret?.wipe(previous.value);
    this.#entries.set(key, { value, expiresAt: this.#options.now() + this.#options.ttlMs });
    while (this.#entries.size > this.#options.limit) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      const evicted = this.#entries.get(oldest.value);
      this.#entries.delete(oldest.value);
      if (evicted !== undefined) this.#options.secret?.wipe(evicted.value);
    }
  }

  /**
   * The live value, or the result of one shared `load` (then cached). For
   * secrets, each caller gets a copy of its own, made when the load ends,
   * before the loaded value is stored (and so before it can be wiped). A
   * load that was in flight when the cache was cleared is handed out and
   * then wiped, not stored: nothing is kept after a clear.
   */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    return new Promise<V>((resolve, reject) => {
      const waiters = this.#loading.get(key);
      if (waiters !== undefined) {
        waiters.push({ resolve, reject });
        return;
      }
      const waiting: Waiter<V>[] = [{ resolve, reject }];
      const generation = this.#generation;
      this.#loading.set(key, waiting);
      const settled = () => {
        if (this.#loading.get(key) === waiting) this.#loading.delete(key);
      };
      new Promise<V>((loaded) => loaded(load())).then(
        (value) => {
          settled();
          let handedOut = 0;
          try {
            for (const waiter of waiting) {
              waiter.resolve(this.#handOut(value));
              handedOut++;
            }
          } catch (error) {
            for (const waiter of waiting.slice(handedOut)) waiter.reject(error);
            this.#options.secret?.wipe(value);
            return;
          }
          if (generation === this.#generation) this.set(key, value);
          else this.#options.secret?.wipe(value);
        },
        (error: unknown) => {
          settled();
          for (const waiter of waiting) waiter.reject(error);
        },
      );
    });
  }

  /**
   * Drops (and, for secrets, wipes) one entry, and keeps nothing that a load
   * in flight brings, as after a {@link clear}: a change announced during a
   * slow load never leaves a stale value behind. Loads of other keys then
   * in flight are handed out but not kept either.
   */
  delete(key: string): void {
    this.#generation++;
    this.#loading.delete(key);
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    if (entry !== undefined) this.#options.secret?.wipe(entry.value);
  }

  /** Drops every entry, and keeps nothing that a load in flight brings. */
  clear(): void {
    this.#generation++;
    this.#loading.clear();
    for (const { value } of this.#entries.values()) this.#options.secret?.wipe(value);
    this.#entries.clear();
  }

  #handOut(value: V): V {
    return this.#options.secret === undefined ? value : this.#options.secret.copy(value);
  }
}
