import { ExpiringCache, type SecretValues } from '@strongroom/cache';
import type { policyV1 } from '@strongroom/contracts';

/** A signing key and who it authenticates. */
export interface SigningKeyEntry {
  readonly signingKey: Buffer;
  readonly principal: policyV1.SigningPrincipal;
}

/** The scope a signing key is for. */
export interface SigningKeyScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** Options of a {@link SigningKeyCache}. */
export interface SigningKeyCacheOptions {
  /** How long a key is reused; the policy contract allows at most 60 s. */
  readonly ttlMs: number;
  /** The most scopes kept; the least recently used goes first. */
  readonly maxEntries: number;
  readonly now: () => number;
}

/** Cached signing keys: readers get copies; the cached ones are wiped as they leave. */
const SECRET_SIGNING_KEYS: SecretValues<SigningKeyEntry> = {
  copy: (entry) => ({ signingKey: Buffer.from(entry.signingKey), principal: entry.principal }),
  wipe: (entry) => entry.signingKey.fill(0),
};

/**
 * SigV4 signing keys from the policy service, kept at most `ttlMs`, so that
 * a deactivated or deleted access key stops working within that time.
 * Concurrent misses for one scope share a single load; failures are not
 * kept. A signing key is as good as the secret for its day, so each caller
 * gets a copy of its own, and the cached key is wiped when it expires, is
 * pushed out, or the cache is cleared.
 */
export class SigningKeyCache {
  readonly #entries: ExpiringCache<SigningKeyEntry>;

  constructor(
    private readonly load: (scope: SigningKeyScope) => Promise<SigningKeyEntry>,
    options: SigningKeyCacheOptions,
  ) {
    this.#entries = new ExpiringCache({ limit: options.maxEntries, ttlMs: options.ttlMs, now: options.now, secret: SECRET_SIGNING_KEYS });
  }

  /** The signing key for a scope, from the cache while fresh: a copy the caller owns. */
  get(scope: SigningKeyScope): Promise<SigningKeyEntry> {
    const id = `${scope.accessKeyId}/${scope.date}/${scope.region}/${scope.service}`;
    return this.#entries.getOrLoad(id, () => this.load(scope));
  }

  /** Forgets (and wipes) every signing key. */
  clear(): void {
    this.#entries.clear();
  }
}
