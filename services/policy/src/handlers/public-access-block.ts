import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { withTransaction } from '@strongroom/db';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { PublicAccessBlock } from '@strongroom/iam-policy';
import { setAccountPublicAccessBlock } from '../account-store';
import { changeBucket, requireOwnedBucket } from '../bucket-access';
import { announce } from '../change-feed';
import type { PolicyDeps, PolicyHandler } from '../policy-call';
import { fromPublicAccessBlock, toPublicAccessBlock } from '../proto-mapping';
import { requireAccount } from './accounts';

function noSuchConfiguration(what: string): DomainError {
  return new DomainError(ErrorReason.NO_SUCH_PUBLIC_ACCESS_BLOCK, `The public access block configuration was not found for the ${what}`);
}

function requiredSettings(settings: policyV1.PublicAccessBlock | undefined): PublicAccessBlock {
  if (settings === undefined) throw invalidArgument('public_access_block', 'is required');
  return fromPublicAccessBlock(settings);
}

async function setAccountSettings(deps: PolicyDeps, accountId: string, settings: PublicAccessBlock | null): Promise<void> {
  await requireAccount(deps, accountId);
  await withTransaction(deps.pool, async (client) => {
    if (await setAccountPublicAccessBlock(client, accountId, settings)) await announce(client, { kind: 'account', accountId });
  });
  deps.cache.invalidate({ kind: 'account', accountId });
}

export const putBucketPublicAccessBlock: PolicyHandler<policyV1.PutBucketPublicAccessBlockRequest, policyV1.PutBucketPublicAccessBlockResponse> = async (
  deps,
  request,
  call,
) => {
  const publicAccessBlock = requiredSettings(request.publicAccessBlock);
  await requireOwnedBucket(deps, call.principal, request.bucketId);
  await changeBucket(deps, request.bucketId, { publicAccessBlock });
  return {};
};

export const getBucketPublicAccessBlock: PolicyHandler<policyV1.GetBucketPublicAccessBlockRequest, policyV1.GetBucketPublicAccessBlockResponse> = async (
  deps,
  request,
  call,
) => {
  const bucket = await requireOwnedBucket(deps, call.principal, request.bucketId);
  if (bucket.record.publicAccessBlock === null) throw noSuchConfiguration('bucket');
  return { publicAccessBlock: toPublicAccessBlock(bucket.record.publicAccessBlock) };
};

export const deleteBucketPublicAccessBlock: PolicyHandler<
  policyV1.DeleteBucketPublicAccessBlockRequest,
  policyV1.DeleteBucketPublicAccessBlockResponse
> = async (deps, request, call) => {
  await requireOwnedBucket(deps, call.principal, request.bucketId);
  await changeBucket(deps, request.bucketId, { publicAccessBlock: null });
  return {};
};

export const putAccountPublicAccessBlock: PolicyHandler<policyV1.PutAccountPublicAccessBlockRequest, policyV1.PutAccountPublicAccessBlockResponse> = async (
  deps,
  request,
  call,
) => {
  await setAccountSettings(deps, call.principal.accountId, requiredSettings(request.publicAccessBlock));
  return {};
};

export const getAccountPublicAccessBlock: PolicyHandler<policyV1.GetAccountPublicAccessBlockRequest, policyV1.GetAccountPublicAccessBlockResponse> = async (
  deps,
  _request,
  call,
) => {
  const account = await requireAccount(deps, call.principal.accountId);
  if (account.publicAccessBlock === null) throw noSuchConfiguration('account');
  return { publicAccessBlock: toPublicAccessBlock(account.publicAccessBlock) };
};

export const deleteAccountPublicAccessBlock: PolicyHandler<
  policyV1.DeleteAccountPublicAccessBlockRequest,
  policyV1.DeleteAccountPublicAccessBlockResponse
> = async (deps, _request, call) => {
  await setAccountSettings(deps, call.principal.accountId, null);
  return {};
};
