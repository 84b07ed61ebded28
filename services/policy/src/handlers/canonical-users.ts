import type { policyV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { MAX_ACL_GRANTS } from '@strongroom/iam-policy';
import { unknownCanonicalIds } from '../account-store';
import type { CallerHandler } from '../policy-call';

/** FindUnknownCanonicalUsers: which ids name no account, for the ACL grants storage is about to store. */
export const findUnknownCanonicalUsers: CallerHandler<policyV1.FindUnknownCanonicalUsersRequest, policyV1.FindUnknownCanonicalUsersResponse> = async (deps, request) => {
  if (request.canonicalUserIds.length > MAX_ACL_GRANTS) throw invalidArgument('canonical_user_ids', `at most ${MAX_ACL_GRANTS} ids, as an ACL has at most ${MAX_ACL_GRANTS} grants`);
  return { unknownCanonicalUserIds: await unknownCanonicalIds(deps.pool, request.canonicalUserIds) };
};
