import type { Pool } from '@strongroom/db';
import { analyzePolicyPublic, bindUserPrincipals, parsePolicy, type Policy, type PublicAnalysis } from '@strongroom/iam-policy';
import { bindPolicyUserIds, getBucket, type BucketRecord, type PolicyUserIds } from './bucket-store';
import { impossibleUsers, unboundUsers } from './named-principals';
import type { BucketState } from './policy-cache';
import { userIdsOf } from './user-store';

const NOT_PUBLIC: PublicAnalysis = { public: false, reasons: [] };

/**
 * The record with every user ARN its policy names bound: those not bound
 * yet (a policy put before user ids were recorded, or by a replica that
 * does not record them) are bound to the users that have the name now (to
 * no one when none has), and recorded, so that every replica binds them
 * alike. Undefined when another writer changed the policy or its ids
 * first: load again.
 */
async function bindUnbound(pool: Pool, record: BucketRecord & { policy: string }, policy: Policy): Promise<BucketRecord | undefined> {
  const unbound = unboundUsers(policy, record.policyUserIds);
  if (unbound.length === 0) return record;
  const found = await userIdsOf(pool, unbound);
  const userIds: PolicyUserIds = { ...record.policyUserIds, ...Object.fromEntries(unbound.map((user) => [user.arn, found.get(user) ?? null])) };
  return (await bindPolicyUserIds(pool, record.bucketId, record.policy, userIds)) ? { ...record, policyUserIds: userIds } : undefined;
}

/** How many times a load is tried again after another writer changed the policy or its ids first. */
const LOAD_ATTEMPTS = 5;

/**
 * The bucket with its policy parsed, bound to the user ids recorded for it
 * (and the names no user could have, to no one), and analysed; undefined
 * when it is not registered.
 */
export async function loadBucket(pool: Pool, bucketId: string): Promise<BucketState | undefined> {
  for (let attempt = 1; attempt <= LOAD_ATTEMPTS; attempt += 1) {
    const stored = await getBucket(pool, bucketId);
    if (stored === undefined) return undefined;
    if (stored.policy === null) return { record: stored, policy: undefined, policyAnalysis: NOT_PUBLIC };
    const parsed = parsePolicy(stored.policy);
    const record = await bindUnbound(pool, { ...stored, policy: stored.policy }, parsed);
    if (record === undefined) continue;
    const noOne = impossibleUsers(parsed).map((user) => [user.arn, null] as const);
    const policy = bindUserPrincipals(parsed, new Map([...Object.entries(record.policyUserIds ?? {}), ...noOne]));
    return { record, policy, policyAnalysis: analyzePolicyPublic(policy) };
  }
  throw new Error(`bucket ${bucketId}: its policy's user ids changed under ${LOAD_ATTEMPTS} loads in a row`);
}
