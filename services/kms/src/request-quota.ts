import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/**
 * The per-account rate of cryptographic requests, as a token bucket per
 * account holding one second's worth of requests. Counted per replica: with
 * N replicas behind a balancer the region admits about N times the rate,
 * which the operator accounts for when setting it (approximate, as allowed).
 */
export class RequestQuota {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request from the account's allowance, or throws KMS_THROTTLED. */
  take(accountId: string): void {
    const now = this.now();
    const bucket = this.#buckets.get(accountId) ?? { tokens: this.ratePerSecond, at: now };
    bucket.tokens = Math.min(this.ratePerSecond, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(accountId, bucket);
      throw new DomainError(ErrorReason.KMS_THROTTLED, `account ${accountId} exceeded its rate of ${this.ratePerSecond} cryptographic requests per second`);
    }
    bucket.tokens -= 1;
    this.#buckets.set(accountId, bucket);
  }
}
