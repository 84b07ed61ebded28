import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { isSqlState, UNIQUE_VIOLATION, withTransaction } from '@strongroom/db';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { expandCannedAcl, type PublicAccessBlock } from '@strongroom/iam-policy';
import { isOwnerOnlyAcl } from '../acl-input';
import { changeBucket, requireOwnedBucket } from '../bucket-access';
import { deleteBucket, insertBucket, type ObjectOwnershipName } from '../bucket-store';
import { requireActFor } from '../caller-scope';
import { announce } from '../change-feed';
import { ACCOUNT_ID, BUCKET_ID, expectFormat } from '../identifiers';
import type { CallerHandler, PolicyHandler } from '../policy-call';
import { fromObjectOwnership, toBucket, toObjectOwnership, toPublicAccessBlock } from '../proto-mapping';
import { requireAccount } from './accounts';

const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

export const registerBucket: CallerHandler<policyV1.RegisterBucketRequest, policyV1.RegisterBucketResponse> = async (deps, request, caller) => {
  const bucketId = expectFormat('bucket_id', request.bucketId, BUCKET_ID, 'must be 1 to 128 of A-Za-z0-9._-');
  const ownerAccountId = expectFormat('owner_account_id', request.ownerAccountId, ACCOUNT_ID, 'must be 12 digits');
  if (request.name === '' || request.name.length > 255) throw invalidArgument('name', 'must be 1 to 255 characters');
  if (request.region === '') throw invalidArgument('region', 'is required');
  requireActFor(caller, ownerAccountId);
  const owner = await requireAccount(deps, ownerAccountId);
  const aclOwner = { id: owner.canonicalUserId, displayName: owner.displayName };
  const publicAccessBlock = deps.legacyBucketDefaults ? null : ALL_ON;
  const objectOwnership: ObjectOwnershipName = deps.legacyBucketDefaults ? 'ObjectWriter' : 'BucketOwnerEnforced';
  try {
    const bucket = await withTransaction(deps.pool, async (client) => {
      const row = await insertBucket(client, {
        bucketId,
        name: request.name,
        ownerAccountId,
        region: request.region,
        acl: { owner: aclOwner, grants: expandCannedAcl('private', { owner: aclOwner }) },
        publicAccessBlock,
        objectOwnership,
      });
      await announce(client, { kind: 'bucket', bucketId });
      return row;
    });
    deps.cache.invalidate({ kind: 'bucket', bucketId });
    return {
      bucket: toBucket(bucket),
      publicAccessBlock: publicAccessBlock === null ? undefined : toPublicAccessBlock(publicAccessBlock),
      objectOwnership: toObjectOwnership(objectOwnership),
    };
  } catch (error) {
    if (isSqlState(error, UNIQUE_VIOLATION)) throw new DomainError(ErrorReason.ALREADY_EXISTS, `bucket ${bucketId} is already registered`);
    throw error;
  }
};

export const unregisterBucket: CallerHandler<policyV1.UnregisterBucketRequest, policyV1.UnregisterBucketResponse> = async (deps, request, caller) => {
  const bucket = await deps.cache.bucket(request.bucketId);
  if (bucket === undefined) throw new DomainError(ErrorReason.BUCKET_NOT_FOUND, `bucket ${request.bucketId} is not registered`);
  requireActFor(caller, bucket.record.ownerAccountId);
  await withTransaction(deps.pool, async (client) => {
    if (await deleteBucket(client, request.bucketId)) await announce(client, { kind: 'bucket', bucketId: request.bucketId });
  });
  deps.cache.invalidate({ kind: 'bucket', bucketId: request.bucketId });
  return {};
};

export const putBucketOwnershipControls: PolicyHandler<policyV1.PutBucketOwnershipControlsRequest, policyV1.PutBucketOwnershipControlsResponse> = async (
  deps,
  request,
  call,
) => {
  const objectOwnership = fromObjectOwnership(request.objectOwnership);
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId);
  if (objectOwnership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl(bucket.record.acl)) {
    throw new DomainError(
      ErrorReason.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP,
      'the bucket ACL grants access to others; set it to private before disabling ACLs with BucketOwnerEnforced',
    );
  }
  await changeBucket(deps, request.bucketId, { objectOwnership });
  return {};
};

export const getBucketOwnershipControls: PolicyHandler<policyV1.GetBucketOwnershipControlsRequest, policyV1.GetBucketOwnershipControlsResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId);
  if (bucket.record.objectOwnership === null) throw new DomainError(ErrorReason.NO_SUCH_OWNERSHIP_CONTROLS, 'the bucket has no ownership controls');
  return { objectOwnership: toObjectOwnership(bucket.record.objectOwnership) };
};

export const deleteBucketOwnershipControls: PolicyHandler<policyV1.DeleteBucketOwnershipControlsRequest, policyV1.DeleteBucketOwnershipControlsResponse> = async (
  deps,
  request,
  call,
) => {
  await requireOwnedBucket(deps, call.principal, request.bucketId);
  await changeBucket(deps, request.bucketId, { objectOwnership: null });
  return {};
};
