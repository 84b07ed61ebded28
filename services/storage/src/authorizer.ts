import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { cancelledBy } from '@strongroom/grpc';
import { toProtoGrant } from './acl-mapping';
import { requireExpectedOwner } from './bucket-owner-condition';
import type { BucketRecord } from './bucket-store';
import type { PolicyClient } from './policy-directory';
import type { ActingRequester } from './requester';
import type { VersionRecord } from './version-record';

/** One request to authorize: an S3 action on a bucket or an object, with what storage knows about it. */
export interface AccessCheck {
  /** The S3 action, e.g. `s3:GetObject`. */
  readonly action: string;
  readonly bucket: BucketRecord;
  /** For object actions: the key (the resource is then the object ARN). */
  readonly key?: string;
  /** The existing version the action is on: its owner, ACL and tags (see {@link existingTagContext}) feed the decision. */
  readonly object?: VersionRecord;
  /** Condition keys storage derives (`s3:prefix`, `s3:VersionId`, `s3:RequestObjectTag/<k>`, ...); they override the caller's. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

function contextValue(value: string | readonly string[]): policyV1.ContextValue {
  return { values: typeof value === 'string' ? [value] : [...value] };
}

/**
 * The object actions S3 decides without `s3:ExistingObjectTag/<key>`, lower-cased:
 * "you cannot create a policy to grant or deny a user permissions to delete
 * or overwrite an object based on its existing tags" (S3 User Guide,
 * "Tagging and access control policies"). Their check still carries the
 * version's owner and ACL.
 */
const ACTIONS_WITHOUT_EXISTING_TAGS: ReadonlySet<string> = new Set(['s3:putobject', 's3:deleteobject', 's3:deleteobjectversion']);

/** The `s3:ExistingObjectTag/<key>` condition keys of a check: the existing version's tags, unless S3 ignores them for its action. */
function existingTagContext(check: AccessCheck): Record<string, policyV1.ContextValue> {
  if (ACTIONS_WITHOUT_EXISTING_TAGS.has(check.action.toLowerCase())) return {};
  return Object.fromEntries((check.object?.tags ?? []).map((tag) => [`s3:ExistingObjectTag/${tag.key}`, contextValue(tag.value)]));
}

/** The resource of account-level actions, which have no bucket. */
const ACCOUNT_RESOURCE = 'arn:aws:s3:::*';

/** The resource ARN of a bucket or object. */
export function resourceArn(bucketName: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${bucketName}` : `arn:aws:s3:::${bucketName}/${key}`;
}

/**
 * Asks the policy service about every operation, with the requester's own
 * condition keys plus those storage derives: the time, the existing
 * object's tags (not for a delete or an overwrite, as in S3), and what the
 * handler adds. The existing object's owner and ACL grants go along so
 * object ACLs count. Account-level actions go without a bucket. Every operation authorizes on each bucket it uses
 * before it reveals or changes anything about it, so the requester's bucket
 * owner condition is checked here, once policy allows: one check for all.
 */
export class Authorizer {
  readonly #policy: PolicyClient;
  readonly #now: () => Date;

  constructor(policy: PolicyClient, now: () => Date) {
    this.#policy = policy;
    this.#now = now;
  }

  /** This authorizer with each of its policy calls also cancelled when `signal` aborts: bound to one storage call, it asks nothing for a caller gone. */
  withSignal(signal: AbortSignal): Authorizer {
    return new Authorizer(cancelledBy(this.#policy, signal), this.#now);
  }

  /**
   * The requester's condition keys (only those a caller may state, see
   * request-facts.ts) plus the time, without the ones the check sets
   * (`overridden`, lower-cased), in any case.
   */
  #baseContext(requester: ActingRequester, overridden: ReadonlySet<string>): Record<string, policyV1.ContextValue> {
    const context: Record<string, policyV1.ContextValue> = {};
    for (const [key, value] of Object.entries(requester.context)) {
      if (!overridden.has(key.toLowerCase())) context[key] = value;
    }
    const now = this.#now();
    context['aws:CurrentTime'] = contextValue(now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    context['aws:EpochTime'] = contextValue(String(Math.floor(now.getTime() / 1000)));
    return context;
  }

  /**
   * True when the policy service allows the request; BUCKET_OWNER_MISMATCH
   * when it does but the requester expects another owner of the bucket.
   * The owner is compared only once the request is allowed: a caller whom
   * no check allows gets the same answer whichever account it names, so a
   * bucket's owner cannot be confirmed by guessing it.
   */
  async allows(requester: ActingRequester, check: AccessCheck): Promise<boolean> {
    const context = this.#baseContext(requester, new Set(Object.keys(check.context ?? {}).map((key) => key.toLowerCase())));
    Object.assign(context, existingTagContext(check));
    for (const [key, value] of Object.entries(check.context ?? {})) context[key] = contextValue(value);
    const object = check.object;
    const { decision } = await this.#policy.authorize({
      principal: requester.principal,
      action: check.action,
      resource: resourceArn(check.bucket.name, check.key),
      bucketId: check.bucket.bucketId,
      objectOwnerId: object?.ownerId ?? '',
      objectGrants: object?.acl?.grants.map(toProtoGrant) ?? [],
      context,
    });
    if (decision !== policyV1.Decision.ALLOW) return false;
    requireExpectedOwner(requester, check.bucket);
    return true;
  }

  /** Throws ACCESS_DENIED unless the policy service allows the request (BUCKET_OWNER_MISMATCH as {@link allows} says). */
  async require(requester: ActingRequester, check: AccessCheck): Promise<void> {
    if (!(await this.allows(requester, check))) {
      throw new DomainError(ErrorReason.ACCESS_DENIED, `access denied: ${check.action} on ${resourceArn(check.bucket.name, check.key)}`);
    }
  }

  /**
   * Throws unless the policy service allows every check, asked at once:
   * BUCKET_OWNER_MISMATCH when any check found it (so the answer does not
   * depend on which decision came back first), else the first refusal.
   */
  async requireAll(requester: ActingRequester, checks: readonly AccessCheck[]): Promise<void> {
    const outcomes = await Promise.allSettled(checks.map((check) => this.require(requester, check)));
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    const mismatch = failures.find((failure) => failure instanceof DomainError && failure.reason === ErrorReason.BUCKET_OWNER_MISMATCH);
    if (failures.length > 0) throw mismatch ?? failures[0];
  }

  /**
   * Throws ACCESS_DENIED unless the policy service allows an account-level
   * action (`s3:ListAllMyBuckets`): Authorize without a bucket, on
   * `arn:aws:s3:::*`, which only the requester's identity policies decide.
   */
  async requireAccountAction(requester: ActingRequester, action: string): Promise<void> {
    const { decision } = await this.#policy.authorize({
      principal: requester.principal,
      action,
      resource: ACCOUNT_RESOURCE,
      bucketId: '',
      context: this.#baseContext(requester, new Set()),
    });
    if (decision !== policyV1.Decision.ALLOW) throw new DomainError(ErrorReason.ACCESS_DENIED, `access denied: ${action}`);
  }
}
