import type { BucketRecord } from './bucket-store';

/** Options of a {@link BucketCache}. */
export interface BucketCacheOptions {
  /** Most buckets kept; the least recently used goes first. */
  readonly limit: number;
  /** How long an entry lives, in milliseconds: the bound on staleness should a change notification be lost. */
  readonly ttlMs: number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

/**
 * Buckets by name, bounded and expiring, with single-flight loads. Every
 * change to a bucket drops it here (see change-feed.ts); a load that was in
 * flight when anything was dropped is returned but not kept, so a lookup
 * that raced a change cannot cache what it read before that change.
 * Missing buckets are never cached.
 */
export class BucketCache {
  readonly #options: BucketCacheOptions;
  readonly #entries = new Map<string, { bucket: BucketRecord; expiresAt: number }>();
  readonly #loading = new Map<string, Promise<BucketRecord | undefined>>();
  /** Bumped by every drop: loads begun under an older generation are not kept. */
  #generation = 0;

  constructor(options: BucketCacheOptions) {
    this.#options = options;
  }

  /** The bucket of that name: cached, or the result of one shared `load` (kept unless a change raced it). */
  async find(name: string, load: () => Promise<BucketRecord | undefined>): Promise<BucketRecord | undefined> {
    const entry = this.#entries.get(name);
    if (entry !== undefined) {
      this.#entries.delete(name);
      if (entry.expiresAt > this.#options.now()) {
        this.#entries.set(name, entry);
        return entry.bucket;
      }
    }
    const pending = this.#loading.get(name);
    if (pending !== undefined) return pending;
    const generation = this.#generation;
    const loading = load().finally(() => {
      if (this.#loading.get(name) === loading) this.#loading.delete(name);
    });
    this.#loading.set(name, loading);
    const bucket = await loading;
    if (bucket !== undefined && generation === this.#generation) this.#keep(name, bucket);
    return bucket;
  }

  /** Drops a bucket (it changed, was deleted or created). */
  forget(name: string): void {
    this.#generation++;
    this.#entries.delete(name);
    this.#loading.delete(name);
  }

  /** Drops every bucket (the change feed was lost, so changes may have been missed). */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#loading.clear();
  }

  #keep(name: string, bucket: BucketRecord): void {
    this.#entries.set(name, { bucket, expiresAt: this.#options.now() + this.#options.ttlMs });
    while (this.#entries.size > this.#options.limit) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}
