import { BoundedCache } from '@strongroom/cache';
import type { Pool } from '@strongroom/db';
import { parsePolicy, type Policy, type PublicAnalysis } from '@strongroom/iam-policy';
import { getAccessKey, type AccessKeyRecord } from './access-key-store';
import { AccessKeySecrets } from './access-key-secrets';
import { getAccount, type AccountRecord } from './account-store';
import { loadBucket } from './bucket-loader';
import type { BucketRecord } from './bucket-store';
import type { Change } from './change-feed';
import { ACCESS_KEY_ID } from './identifiers';
import { getUser, listUserPolicies, type UserRecord } from './user-store';

/** A bucket with its policy parsed, bound to its user ids, and analysed once. */
export interface BucketState {
  readonly record: BucketRecord;
  /** The policy, its user ARNs bound to the user ids recorded for it. */
  readonly policy: Policy | undefined;
  /** The public analysis of the policy; not public when there is none. */
  readonly policyAnalysis: PublicAnalysis;
}

/** A named, parsed identity policy. */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: Policy;
}

/** A user with its parsed identity policies. */
export interface UserState {
  readonly record: UserRecord;
  readonly policies: readonly NamedPolicy[];
}

/** What the cache holds for something that does not exist, so that lookups of unknown ids cost no query either. */
const ABSENT = Symbol('absent');

/**
 * A cached lookup that remembers misses too: creations announce their change
 * like every other write, so a remembered miss is dropped when the thing appears.
 */
async function lookup<T>(cache: BoundedCache<T | typeof ABSENT>, key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
  const found = await cache.getOrLoad(key, async () => (await load()) ?? ABSENT);
  return found === ABSENT ? undefined : found;
}

/**
 * What Authorize and GetSigningKey need, held in memory so that a warm
 * decision costs no database round trip, nor does a lookup of something
 * that does not exist: buckets (policy parsed, bound to its user ids once),
 * accounts (with their Block Public Access), users with their identity
 * policies, access keys, and decrypted secrets (as wipeable bytes, for at
 * most 60 s, see access-key-secrets.ts). Every
 * entry is dropped when its change is announced (LISTEN/NOTIFY, see
 * change-feed.ts), everything after a lost LISTEN connection.
 */
export class PolicyCache {
  readonly #pool: Pool;
  readonly #buckets: BoundedCache<BucketState | typeof ABSENT>;
  readonly #accounts: BoundedCache<AccountRecord | typeof ABSENT>;
  readonly #users: BoundedCache<UserState | typeof ABSENT>;
  readonly #accessKeys: BoundedCache<AccessKeyRecord | typeof ABSENT>;
  readonly #secrets: AccessKeySecrets;

  constructor(pool: Pool, limit: number, now: () => number) {
    this.#pool = pool;
    this.#buckets = new BoundedCache(limit);
    this.#accounts = new BoundedCache(limit);
    this.#users = new BoundedCache(limit);
    this.#accessKeys = new BoundedCache(limit);
    this.#secrets = new AccessKeySecrets(limit, now);
  }

  /** The bucket, or undefined when it is not registered. */
  bucket(bucketId: string): Promise<BucketState | undefined> {
    return lookup(this.#buckets, bucketId, () => loadBucket(this.#pool, bucketId));
  }

  /** The account, or undefined. */
  account(accountId: string): Promise<AccountRecord | undefined> {
    return lookup(this.#accounts, accountId, () => getAccount(this.#pool, accountId));
  }

  /** The user with its identity policies, or undefined. */
  user(accountId: string, userName: string): Promise<UserState | undefined> {
    return lookup(this.#users, `${accountId}/${userName}`, async () => {
      const record = await getUser(this.#pool, accountId, userName);
      if (record === undefined) return undefined;
      const stored = await listUserPolicies(this.#pool, accountId, userName);
      return { record, policies: stored.map((item) => ({ name: item.policyName, policy: parsePolicy(item.document, { kind: 'identity' }) })) };
    });
  }

  /** The access key, or undefined; an id no key can have (the table allows only {@link ACCESS_KEY_ID}) is not looked up, nor remembered. */
  accessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    if (!ACCESS_KEY_ID.test(accessKeyId)) return Promise.resolve(undefined);
    return lookup(this.#accessKeys, accessKeyId, () => getAccessKey(this.#pool, accessKeyId));
  }

  /** The key's secret in clear, as bytes the caller owns and wipes: from memory when opened less than 60 s ago, else through `open`. */
  secret(accessKeyId: string, open: () => Promise<Buffer>): Promise<Buffer> {
    return this.#secrets.get(accessKeyId, open);
  }

  /** Forgets what a change touched. */
  invalidate(change: Change): void {
    switch (change.kind) {
      case 'bucket':
        return this.#buckets.delete(change.bucketId);
      case 'account':
        return this.#accounts.delete(change.accountId);
      case 'user':
        return this.#users.delete(`${change.accountId}/${change.userName}`);
      case 'access-key':
        this.#accessKeys.delete(change.accessKeyId);
        return this.#secrets.delete(change.accessKeyId);
    }
  }

  /** Forgets everything (after missed notifications, and when the service stops: the secrets are wiped). */
  clear(): void {
    this.#buckets.clear();
    this.#accounts.clear();
    this.#users.clear();
    this.#accessKeys.clear();
    this.#secrets.clear();
  }
}
