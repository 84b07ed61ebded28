import type { policyV1 } from '@strongroom/contracts';

/** A signing key and who it authenticates. */
export interface SigningKeyEntry {
  readonly signingKey: Uint8Array;
  readonly principal: policyV1.SigningPrincipal;
}

/** The scope a signing key is for. */
export interface SigningKeyScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

interface Cached extends SigningKeyEntry {
  readonly expiresAt: number;
}

/** Options of a {@link SigningKeyCache}. */
export interface SigningKeyCacheOptions {
  /** How long a key is reused; the policy contract allows at most 60 s. */
  readonly ttlMs: number;
  /** The most scopes kept; the least recently used goes first. */
  readonly maxEntries: number;
  readonly now: () => number;
}

/**
 * SigV4 signing keys from the policy service, kept at most `ttlMs`, so that
 * a deactivated or deleted access key stops working within that time.
 * Concurrent misses for one scope share a single load; failures are not kept.
 */
export class SigningKeyCache {
  readonly #entries = new Map<string, Cached>();
  readonly #inFlight = new Map<string, Promise<Cached>>();

  constructor(
    private readonly load: (scope: SigningKeyScope) => Promise<SigningKeyEntry>,
    private readonly options: SigningKeyCacheOptions,
  ) {}

  /** The signing key for a scope, from the cache while fresh. */
  async get(scope: SigningKeyScope): Promise<SigningKeyEntry> {
    const id = `${scope.accessKeyId}/${scope.date}/${scope.region}/${scope.service}`;
    const cached = this.#entries.get(id);
    if (cached !== undefined && cached.expiresAt > this.options.now()) {
      this.#entries.delete(id);
      this.#entries.set(id, cached);
      return cached;
    }
    this.#entries.delete(id);
    return this.#inFlight.get(id) ?? this.#fill(id, scope);
  }

  #fill(id: string, scope: SigningKeyScope): Promise<Cached> {
    const loading = this.load(scope).then((entry) => {
      const cached = { ...entry, expiresAt: this.options.now() + this.options.ttlMs };
      this.#entries.set(id, cached);
      if (this.#entries.size > this.options.maxEntries) {
        const oldest = this.#entries.keys().next();
        if (oldest.done !== true) this.#entries.delete(oldest.value);
      }
      return cached;
    });
    this.#inFlight.set(id, loading);
    const forget = () => this.#inFlight.delete(id);
    loading.then(forget, forget);
    return loading;
  }
}
