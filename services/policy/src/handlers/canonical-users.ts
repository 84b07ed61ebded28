import type { policyV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { MAX_ACL_GRANTS } from '@strongroom/iam-policy';
import { unknownCanonicalIds } from '../account-store';
import { requireOperator } from '../caller-scope';
import type { CallerHandler } from '../policy-call';

/**
 * FindUnknownCanonicalUsers: which ids name no account, for the ACL grants
 * storage is about to store. It answers about every account, so only a
 * credential that may act for every account may ask: a tenant's could
 * otherwise learn which ids other tenants' accounts have.
 */
export const findUnknownCanonicalUsers: CallerHandler<policyV1.FindUnknownCanonicalUsersRequest, policyV1.FindUnknownCanonicalUsersResponse> = async (deps, request, caller) => {
  requireOperator(caller, 'look up the accounts of canonical user ids');
  if (request.canonicalUserIds.length > MAX_ACL_GRANTS) throw invalidArgument('canonical_user_ids', `at most ${MAX_ACL_GRANTS} ids, as an ACL has at most ${MAX_ACL_GRANTS} grants`);
  return { unknownCanonicalUserIds: await unknownCanonicalIds(deps.pool, request.canonicalUserIds) };
};
