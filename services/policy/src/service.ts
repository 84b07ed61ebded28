import type { policyV1 } from '@strongroom/contracts';
import { assertPrincipal, type CallerContext } from '@strongroom/grpc';
import type { CallContext, ServiceImplementation } from 'nice-grpc';
import { createAccessKey, deleteAccessKey, listAccessKeys, updateAccessKey } from './handlers/access-keys';
import { createAccount, getAccount } from './handlers/accounts';
import { checkProposedChange, getBucketAccessAnalysis } from './handlers/analysis';
import { findUnknownCanonicalUsers } from './handlers/canonical-users';
import { authorize } from './handlers/authorize';
import { getBucketAcl, putBucketAcl } from './handlers/bucket-acl';
import { deleteBucketPolicy, getBucketPolicy, getBucketPolicyStatus, putBucketPolicy } from './handlers/bucket-policy';
import { deleteBucketOwnershipControls, getBucketOwnershipControls, putBucketOwnershipControls, registerBucket, unregisterBucket } from './handlers/buckets';
import {
  deleteAccountPublicAccessBlock,
  deleteBucketPublicAccessBlock,
  getAccountPublicAccessBlock,
  getBucketPublicAccessBlock,
  putAccountPublicAccessBlock,
  putBucketPublicAccessBlock,
} from './handlers/public-access-block';
import { getSigningKey } from './handlers/signing-keys';
import { deleteUserPolicy, getUserPolicy, listUserPolicies, putUserPolicy } from './handlers/user-policies';
import { createUser, deleteUser, getUser, listUsers } from './handlers/users';
import type { CallerHandler, PolicyDeps, PolicyHandler } from './policy-call';

type Definition = policyV1.PolicyServiceDefinition;

/** The PolicyService implementation: each RPC's handler behind the principal check its request calls for. */
export function createPolicyService(deps: PolicyDeps): ServiceImplementation<Definition, CallerContext> {
  /** An RPC that acts for the principal it names: the credential must be allowed to assert it. */
  function acting<Request extends { principal?: { accountId: string; arn: string } }, Response>(handler: PolicyHandler<Request, Response>) {
    return (request: Request, context: CallContext & CallerContext): Promise<Response> =>
      handler(deps, request, { caller: context.caller, principal: assertPrincipal(context, request.principal) });
  }

  /** An RPC without a principal: the handler checks the credential's scope itself. */
  function scoped<Request, Response>(handler: CallerHandler<Request, Response>) {
    return (request: Request, context: CallContext & CallerContext): Promise<Response> => handler(deps, request, context.caller);
  }

  return {
    createAccount: scoped(createAccount),
    getAccount: acting(getAccount),
    findUnknownCanonicalUsers: scoped(findUnknownCanonicalUsers),
    createUser: acting(createUser),
    getUser: acting(getUser),
    listUsers: acting(listUsers),
    deleteUser: acting(deleteUser),
    putUserPolicy: acting(putUserPolicy),
    getUserPolicy: acting(getUserPolicy),
    deleteUserPolicy: acting(deleteUserPolicy),
    listUserPolicies: acting(listUserPolicies),
    createAccessKey: acting(createAccessKey),
    listAccessKeys: acting(listAccessKeys),
    updateAccessKey: acting(updateAccessKey),
    deleteAccessKey: acting(deleteAccessKey),
    getSigningKey: scoped(getSigningKey),
    registerBucket: scoped(registerBucket),
    unregisterBucket: scoped(unregisterBucket),
    putBucketPolicy: acting(putBucketPolicy),
    getBucketPolicy: acting(getBucketPolicy),
    deleteBucketPolicy: acting(deleteBucketPolicy),
    putBucketAcl: acting(putBucketAcl),
    getBucketAcl: acting(getBucketAcl),
    putBucketPublicAccessBlock: acting(putBucketPublicAccessBlock),
    getBucketPublicAccessBlock: acting(getBucketPublicAccessBlock),
    deleteBucketPublicAccessBlock: acting(deleteBucketPublicAccessBlock),
    putAccountPublicAccessBlock: acting(putAccountPublicAccessBlock),
    getAccountPublicAccessBlock: acting(getAccountPublicAccessBlock),
    deleteAccountPublicAccessBlock: acting(deleteAccountPublicAccessBlock),
    putBucketOwnershipControls: acting(putBucketOwnershipControls),
    getBucketOwnershipControls: acting(getBucketOwnershipControls),
    deleteBucketOwnershipControls: acting(deleteBucketOwnershipControls),
    authorize: scoped(authorize),
    getBucketPolicyStatus: acting(getBucketPolicyStatus),
    getBucketAccessAnalysis: acting(getBucketAccessAnalysis),
    checkProposedChange: acting(checkProposedChange),
  };
}
