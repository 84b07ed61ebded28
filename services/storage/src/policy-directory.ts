import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { BoundedCache } from '@strongroom/cache';
import { hasReason } from '@strongroom/errors';
import { mergePublicAccessBlocks, type PublicAccessBlock } from '@strongroom/iam-policy';
import type { Client } from 'nice-grpc';
import type { BucketRecord } from './bucket-store';
import { ExpiringCache } from '@strongroom/cache';

/** A policy client, as the storage service uses it. */
export type PolicyClient = Client<typeof policyV1.PolicyServiceDefinition>;

/** An owner as S3 shows it: a canonical user id and a display name. */
export interface OwnerInfo {
  readonly id: string;
  readonly displayName: string;
}

/** Object Ownership, as S3 names it (ObjectWriter when the bucket has no setting). */
export type ObjectOwnershipName = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

/** The canonical user id S3 gives objects written by anonymous callers. */
export const ANONYMOUS_OWNER: OwnerInfo = { id: '65a011a29cdf8ec533ec3d1ccaae921c', displayName: '' };

/** Each Object Ownership setting by the name S3 gives it. */
export const OWNERSHIP: ReadonlyMap<policyV1.ObjectOwnership, ObjectOwnershipName> = new Map([
  [policyV1.ObjectOwnership.BUCKET_OWNER_ENFORCED, 'BucketOwnerEnforced'],
  [policyV1.ObjectOwnership.BUCKET_OWNER_PREFERRED, 'BucketOwnerPreferred'],
  [policyV1.ObjectOwnership.OBJECT_WRITER, 'ObjectWriter'],
]);

/** Acting as the bucket owner's root: what the policy service's owner-only reads need. */
function ownerRoot(bucket: BucketRecord) {
  return { accountId: bucket.ownerAccountId, arn: '' };
}

/**
 * What storage reads from the policy service besides Authorize: account
 * owner entries (cached: canonical ids never change), which ACL grantee ids
 * name no account, a bucket's Object
 * Ownership (cached for a few seconds, like S3's own propagation delay for
 * bucket settings) and Block Public Access (read when an ACL is written).
 */
export class PolicyDirectory {
  readonly #policy: PolicyClient;
  readonly #accounts: BoundedCache<OwnerInfo>;
  readonly #ownership: ExpiringCache<ObjectOwnershipName>;

  constructor(policy: PolicyClient, options: { readonly cacheSize: number; readonly ownershipTtlMs: number; readonly now: () => number }) {
    this.#policy = policy;
    this.#accounts = new BoundedCache(options.cacheSize);
    this.#ownership = new ExpiringCache({ limit: options.cacheSize, ttlMs: options.ownershipTtlMs, now: options.now });
  }

  /** An account's owner entry. */
  async owner(accountId: string): Promise<OwnerInfo> {
    const owner = await this.#accounts.getOrLoad(accountId, async () => {
      const { account } = await this.#policy.getAccount({ principal: { accountId, arn: '' } });
      return account === undefined ? undefined : { id: account.canonicalUserId, displayName: account.displayName };
    });
    if (owner === undefined) throw new Error(`account ${accountId} has no owner entry`);
    return owner;
  }

  /** The ids among `canonicalUserIds` that name no account (not cached: an account made a moment ago must count). */
  async unknownCanonicalIds(canonicalUserIds: readonly string[]): Promise<readonly string[]> {
    if (canonicalUserIds.length === 0) return [];
    const { unknownCanonicalUserIds } = await this.#policy.findUnknownCanonicalUsers({ canonicalUserIds: [...canonicalUserIds] });
    return unknownCanonicalUserIds;
  }

  /** The bucket's Object Ownership. */
  objectOwnership(bucket: BucketRecord): Promise<ObjectOwnershipName> {
    return this.#ownership.getOrLoad(bucket.bucketId, async () => {
      try {
        const { objectOwnership } = await this.#policy.getBucketOwnershipControls({ principal: ownerRoot(bucket), bucketId: bucket.bucketId });
        return OWNERSHIP.get(objectOwnership) ?? 'ObjectWriter';
      } catch (error) {
        if (hasReason(error, ErrorReason.NO_SUCH_OWNERSHIP_CONTROLS)) return 'ObjectWriter';
        throw error;
      }
    });
  }

  /** The Block Public Access settings in force for the bucket: its own merged with its account's. */
  async publicAccessBlock(bucket: BucketRecord): Promise<PublicAccessBlock> {
    const absentAsUndefined = (error: unknown) => {
      if (hasReason(error, ErrorReason.NO_SUCH_PUBLIC_ACCESS_BLOCK)) return undefined;
      throw error;
    };
    const [account, own] = await Promise.all([
      this.#policy.getAccountPublicAccessBlock({ principal: ownerRoot(bucket) }).then((r) => r.publicAccessBlock, absentAsUndefined),
      this.#policy.getBucketPublicAccessBlock({ principal: ownerRoot(bucket), bucketId: bucket.bucketId }).then((r) => r.publicAccessBlock, absentAsUndefined),
    ]);
    return mergePublicAccessBlocks(account, own);
  }
}
