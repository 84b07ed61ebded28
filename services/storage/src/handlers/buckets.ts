import { REGION_NAME } from '@strongroom/config';
import { ErrorReason, policyV1, storageV1 } from '@strongroom/contracts';
import { FOREIGN_KEY_VIOLATION, isSqlState, UNIQUE_VIOLATION, withTransaction } from '@strongroom/db';
import { DomainError, hasReason, invalidArgument } from '@strongroom/errors';
import { randomUUID } from 'node:crypto';
import { changeBucket, requireBucket } from '../bucket-access';
import { withoutExpectedOwners } from '../bucket-owner-condition';
import { newBucketEncryption, updateBucketEncryption } from '../bucket-encryption';
import { requireValidBucketName } from '../bucket-name';
import { bucketHasVersions, deleteBucketRow, lockBucketForDeletion, findBucketByName, insertBucket, listBuckets, updateBucketTags, updateVersioning, type BucketRecord } from '../bucket-store';
import { requireLocationConstraint } from '../location-constraint';
import { refuseNul } from '../object-input';
import { releaseBlobReferences } from '../blob-ref-store';
import { deleteBucketUploads } from '../upload-store';
import { toBucket, toBucketHead, toListedBucket } from '../proto-mapping';
import { OWNERSHIP } from '../policy-directory';
import { isAccountRoot, requireAccount } from '../requester';
import type { StorageCall, StorageDeps, StorageHandler } from '../storage-call';
import { BUCKET_TAGS, validateTags } from '../tags';
import { aclConditions } from '../write-conditions';

function nameTaken(existing: BucketRecord, accountId: string): DomainError {
  return existing.ownerAccountId === accountId
    ? new DomainError(ErrorReason.BUCKET_ALREADY_OWNED_BY_YOU, `you already own bucket ${existing.name}`)
    : new DomainError(ErrorReason.BUCKET_ALREADY_EXISTS, `bucket name ${existing.name} is taken`);
}

/** The acting principal for policy's management RPCs: the requester, which must be an account principal. */
function actingPrincipal(call: StorageCall, action: string) {
  const accountId = requireAccount(call.requester, action);
  const kind = call.requester.principal.kind;
  return { accountId, arn: kind?.$case === 'aws' ? kind.value.arn : '' };
}

/** Applies CreateBucket's optional ownership and ACL through the policy service, each authorized first. */
async function applyBucketSettings(deps: StorageDeps, call: StorageCall, bucket: BucketRecord, request: storageV1.CreateBucketRequest): Promise<void> {
  const principal = actingPrincipal(call, 's3:CreateBucket');
  if (request.objectOwnership !== policyV1.ObjectOwnership.UNSPECIFIED) {
    await deps.authorizer.require(call.requester, { action: 's3:PutBucketOwnershipControls', bucket });
    await deps.policy.putBucketOwnershipControls({ principal, bucketId: bucket.bucketId, objectOwnership: request.objectOwnership });
  }
  // A new bucket's ACL is private already: S3 takes `private` at creation whatever the ownership, though PutBucketAcl refuses it
  // under BucketOwnerEnforced, and asks s3:CreateBucket alone for it ("if you set the ACL to private ... only the s3:CreateBucket
  // permission is required", its CreateBucket reference); any other ACL needs s3:PutBucketAcl too.
  const acl = request.acl?.acl;
  if (acl !== undefined && !(acl.$case === 'cannedAcl' && acl.value === 'private')) {
    await deps.authorizer.require(call.requester, { action: 's3:PutBucketAcl', bucket, context: aclConditions(request.acl) });
    await deps.policy.putBucketAcl({ principal, bucketId: bucket.bucketId, acl }).catch(creationAclConflict);
  }
}

/**
 * A creation ACL the new bucket's settings refuse is S3's error for a
 * creation, not the one of an ACL put on an existing bucket: one its
 * BucketOwnerEnforced ownership does not allow is InvalidBucketAclWithObjectOwnership
 * (not AccessControlListNotSupported), a public one under Block Public
 * Access InvalidBucketAclWithBlockPublicAccessError (not AccessDenied).
 */
function creationAclConflict(error: unknown): never {
  if (hasReason(error, ErrorReason.ACLS_NOT_SUPPORTED)) {
    throw new DomainError(ErrorReason.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }
  if (hasReason(error, ErrorReason.PUBLIC_ACCESS_BLOCKED)) {
    throw new DomainError(ErrorReason.INVALID_BUCKET_ACL_WITH_BLOCK_PUBLIC_ACCESS, 'Bucket cannot have public ACLs set with BlockPublicAccess enabled');
  }
  throw error;
}

/** CreateBucket's condition keys: the region, the ACL's keys and the Object Ownership asked for (`s3:x-amz-object-ownership`), each absent when not asked for. */
function creationConditions(deps: StorageDeps, request: storageV1.CreateBucketRequest): Record<string, string | readonly string[]> {
  return { 's3:LocationConstraint': deps.region, ...aclConditions(request.acl), 's3:x-amz-object-ownership': OWNERSHIP.get(request.objectOwnership) ?? [] };
}

/**
 * Unregisters the bucket of a creation that failed. Policy may never have
 * registered it (a registration whose answer was lost before it committed):
 * BUCKET_NOT_FOUND is then the expected answer, not a failure.
 */
async function unregisterUncreated(deps: StorageDeps, bucketId: string): Promise<void> {
  await deps.policy.unregisterBucket({ bucketId }).catch((cause: unknown) => {
    if (!hasReason(cause, ErrorReason.BUCKET_NOT_FOUND)) deps.logger.warn({ err: cause, bucketId }, 'could not unregister a bucket whose creation failed');
  });
}

/**
 * CreateBucket: the bucket row is inserted in a transaction that stays open
 * while the policy service registers the bucket and authorizes the request,
 * so the name is held (a concurrent create waits, then sees it taken) but
 * nothing is visible until both services agree; any failure unregisters,
 * including a registration whose outcome is unknown (UNAVAILABLE or
 * DEADLINE_EXCEEDED: policy may have committed it before the answer was
 * lost); only policy's own refusal (a DomainError) registered nothing.
 * The bucket starts with the server's default encryption (SSE-C blocked
 * unless the legacy defaults are on), and the tags the request gives it
 * (which need s3:TagResource too, as in S3, and are checked once it is
 * authorized). Bucket owner conditions are
 * ignored, as S3 does: the new bucket is the requester's own.
 */
export const createBucket: StorageHandler<storageV1.CreateBucketRequest, storageV1.CreateBucketResponse> = async (deps, request, received) => {
  const call: StorageCall = { ...received, requester: withoutExpectedOwners(received.requester) };
  requireValidBucketName(request.bucket);
  const accountId = requireAccount(call.requester, 's3:CreateBucket');
  requireLocationConstraint(request.locationConstraint, deps.region);
  const existing = await findBucketByName(deps.pool, request.bucket);
  if (existing !== undefined) throw nameTaken(existing, accountId);
  const bucketId = randomUUID();
  /** How far the policy registration went: an attempt that failed without policy's refusal may still have committed there. */
  let registration = 'none' as 'none' | 'attempted' | 'done';
  try {
    const bucket = await withTransaction(deps.pool, async (client) => {
      const created = await insertBucket(client, { bucketId, name: request.bucket, ownerAccountId: accountId, region: deps.region });
      const encryption = newBucketEncryption(deps.legacyBucketDefaults);
      if (encryption !== null) await updateBucketEncryption(client, bucketId, encryption);
      const inserted = { ...created, encryption };
      registration = 'attempted';
      await deps.policy.registerBucket({ bucketId, name: request.bucket, ownerAccountId: accountId, region: deps.region });
      registration = 'done';
      await deps.authorizer.require(call.requester, { action: 's3:CreateBucket', bucket: inserted, context: creationConditions(deps, request) });
      if (request.tags.length > 0) await deps.authorizer.require(call.requester, { action: 's3:TagResource', bucket: inserted });
      const tags = validateTags(request.tags, BUCKET_TAGS);
      if (tags.length > 0) await updateBucketTags(client, bucketId, tags);
      await applyBucketSettings(deps, call, inserted, request);
      return tags.length === 0 ? inserted : { ...inserted, tags };
    });
    deps.buckets.forget(request.bucket);
    return { bucket: toBucket(bucket) };
  } catch (error) {
    deps.buckets.forget(request.bucket);
    if (registration === 'done' || (registration === 'attempted' && !(error instanceof DomainError))) await unregisterUncreated(deps, bucketId);
    if (isSqlState(error, UNIQUE_VIOLATION)) {
      const winner = await findBucketByName(deps.pool, request.bucket);
      if (winner !== undefined) throw nameTaken(winner, accountId);
    }
    throw error;
  }
};

/**
 * DeleteBucket: only a bucket without versions or delete markers
 * (BUCKET_NOT_EMPTY otherwise; the foreign keys catch a write that races the
 * check); its in-progress multipart uploads are aborted with it, as in S3. The policy service
 * forgets the bucket after storage has; should that call fail, policy keeps
 * a registration no bucket uses, never a bucket without a registration.
 */
export const deleteBucket: StorageHandler<storageV1.DeleteBucketRequest, storageV1.DeleteBucketResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:DeleteBucket', bucket });
  const notEmpty = () => new DomainError(ErrorReason.BUCKET_NOT_EMPTY, `bucket ${bucket.name} is not empty`);
  let released: string[] = [];
  try {
    await changeBucket(deps, bucket, () =>
      withTransaction(deps.pool, async (client) => {
        if (!(await lockBucketForDeletion(client, bucket.bucketId))) return false;
        if (await bucketHasVersions(client, bucket.bucketId)) throw notEmpty();
        released = await releaseBlobReferences(client, await deleteBucketUploads(client, bucket.bucketId));
        return deleteBucketRow(client, bucket.bucketId);
      }),
    );
  } catch (error) {
    if (isSqlState(error, FOREIGN_KEY_VIOLATION)) throw notEmpty();
    throw error;
  }
  await deps.releasedBlobs.release(released);
  await deps.policy
    .unregisterBucket({ bucketId: bucket.bucketId })
    .catch((cause: unknown) => deps.logger.warn({ err: cause, bucketId: bucket.bucketId }, 'could not unregister a deleted bucket'));
  return {};
};

/** GetBucket: S3's HeadBucket, authorized as s3:ListBucket, answering what HeadBucket does (id, name, region). */
export const getBucket: StorageHandler<storageV1.GetBucketRequest, storageV1.GetBucketResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:ListBucket', bucket });
  return { bucket: toBucketHead(bucket) };
};

/**
 * S3's largest ListBuckets page, and the page listed when none is asked
 * for, with a continuation token when more follow. S3's API reference
 * gives that default to a request that pages otherwise (a prefix, a region,
 * a token) and answers a request without any of them with every bucket,
 * which it refuses to accounts allowed more than 10,000; paging every
 * request lists them all in either case.
 */
const MAX_BUCKETS_PAGE = 10_000;

/**
 * ListBuckets: the requester's account's buckets. The account root may
 * always list them; any other principal (a user) needs s3:ListAllMyBuckets
 * from its identity policies, asked of Authorize without a bucket.
 */
export const listAllBuckets: StorageHandler<storageV1.ListBucketsRequest, storageV1.ListBucketsResponse> = async (deps, request, call) => {
  const accountId = requireAccount(call.requester, 's3:ListAllMyBuckets');
  if (request.maxBuckets > MAX_BUCKETS_PAGE) throw invalidArgument('max_buckets', 'must be 0 to 10000');
  refuseNul({ prefix: request.prefix, continuation_token: request.continuationToken, bucket_region: request.bucketRegion });
  if (request.bucketRegion !== '' && !REGION_NAME.test(request.bucketRegion)) throw invalidArgument('bucket_region', 'must be a region name such as us-east-1');
  if (!isAccountRoot(call.requester)) await deps.authorizer.requireAccountAction(call.requester, 's3:ListAllMyBuckets');
  const pageSize = request.maxBuckets === 0 ? MAX_BUCKETS_PAGE : request.maxBuckets;
  const listing = { prefix: request.prefix, after: request.continuationToken, region: request.bucketRegion };
  const found = await listBuckets(deps.pool, accountId, listing, pageSize + 1);
  const page = found.slice(0, pageSize);
  const owner = await deps.directory.owner(accountId);
  return {
    buckets: page.map(toListedBucket),
    owner,
    continuationToken: found.length > page.length ? (page[page.length - 1]?.name ?? '') : '',
  };
};

/** GetBucketVersioning: the versioning state, authorized as s3:GetBucketVersioning. */
export const getBucketVersioning: StorageHandler<storageV1.GetBucketVersioningRequest, storageV1.GetBucketVersioningResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:GetBucketVersioning', bucket });
  return { status: toBucket(bucket).versioning };
};

/** GetBucketLocation: the bucket's region, authorized as s3:GetBucketLocation. */
export const getBucketLocation: StorageHandler<storageV1.GetBucketLocationRequest, storageV1.GetBucketLocationResponse> = async (deps, request, call) => {
  const bucket = await requireBucket(deps, request.bucket);
  await deps.authorizer.require(call.requester, { action: 's3:GetBucketLocation', bucket });
  return { region: bucket.region };
};

/** PutBucketVersioning: Enabled or Suspended (a bucket never returns to unversioned). */
export const putBucketVersioning: StorageHandler<storageV1.PutBucketVersioningRequest, storageV1.PutBucketVersioningResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireBucket(deps, request.bucket);
  const { ENABLED, SUSPENDED } = storageV1.VersioningStatus;
  const status = request.status === ENABLED ? 'Enabled' : request.status === SUSPENDED ? 'Suspended' : undefined;
  if (status === undefined) throw invalidArgument('status', 'must be ENABLED or SUSPENDED');
  await deps.authorizer.require(call.requester, { action: 's3:PutBucketVersioning', bucket });
  await changeBucket(deps, bucket, () => withTransaction(deps.pool, (client) => updateVersioning(client, bucket.bucketId, status)));
  return {};
};
