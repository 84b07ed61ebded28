import { ExpiringCache, type SecretValues } from '@strongroom/cache';

/** How long a decrypted secret may stay in memory. */
export const SECRET_TTL_MS = 60_000;

/** Cached secrets: readers get copies; the cached bytes are wiped as they leave. */
const SECRET_BYTES: SecretValues<Buffer> = {
  copy: (secret) => Buffer.from(secret),
  wipe: (secret) => secret.fill(0),
};

/**
 * Opened access-key secrets, kept as bytes (a string cannot be wiped) for
 * at most {@link SECRET_TTL_MS}. Each reader gets a copy of its own, taken
 * before any await, to wipe once it derived its signing key; the cached
 * bytes are wiped when they expire, are pushed out, are forgotten because
 * the key changed, or when everything is forgotten (a lost change feed, a
 * service that stops).
 */
export class AccessKeySecrets {
  readonly #secrets: ExpiringCache<Buffer>;

  constructor(limit: number, now: () => number) {
    this.#secrets = new ExpiringCache({ limit, ttlMs: SECRET_TTL_MS, now, secret: SECRET_BYTES });
  }

  /** The key's secret: a copy the caller owns and wipes, from memory when opened less than 60 s ago, else through `open` (whose bytes the cache then owns). */
  get(accessKeyId: string, open: () => Promise<Buffer>): Promise<Buffer> {
    return this.#secrets.getOrLoad(accessKeyId, open);
  }

  /** Forgets (and wipes) one key's secret. */
  delete(accessKeyId: string): void {
    this.#secrets.delete(accessKeyId);
  }

  /** Forgets (and wipes) every secret. */
  clear(): void {
    this.#secrets.clear();
  }
}
