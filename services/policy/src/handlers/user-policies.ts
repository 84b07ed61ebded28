import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { withTransaction, type PoolClient } from '@strongroom/db';
import { DomainError } from '@strongroom/errors';
import { tryParseNewPolicy } from '@strongroom/iam-policy';
import { announce } from '../change-feed';
import { expectFormat, IAM_NAME } from '../identifiers';
import type { PolicyDeps, PolicyHandler } from '../policy-call';
import { deleteUserPolicy as deleteRow, listUserPolicies as listRows, putUserPolicy as putRow } from '../user-store';
import { requireUser, userAction } from './users';

async function changed(deps: PolicyDeps, accountId: string, userName: string, change: (client: PoolClient) => Promise<boolean>) {
  const done = await withTransaction(deps.pool, async (client) => {
    const ok = await change(client);
    if (ok) await announce(client, { kind: 'user', accountId, userName });
    return ok;
  });
  deps.cache.invalidate({ kind: 'user', accountId, userName });
  return done;
}

function noSuchPolicy(userName: string, policyName: string): DomainError {
  return new DomainError(ErrorReason.NO_SUCH_USER_POLICY, `user ${userName} has no policy named ${policyName}`);
}

export const putUserPolicy: PolicyHandler<policyV1.PutUserPolicyRequest, policyV1.PutUserPolicyResponse> = async (deps, request, call) => {
  const { accountId } = call.principal;
  const userName = await userAction(deps, call, 'iam:PutUserPolicy', request.userName);
  const policyName = expectFormat('policy_name', request.policyName, IAM_NAME, 'must be 1 to 64 of A-Za-z0-9+=,.@_-');
  const parsed = tryParseNewPolicy(request.policyDocument, { kind: 'identity' });
  if (!parsed.ok) throw new DomainError(ErrorReason.MALFORMED_POLICY, parsed.error.message, { metadata: { path: parsed.error.path } });
  await requireUser(deps, accountId, userName);
  await changed(deps, accountId, userName, async (client) => {
    await putRow(client, accountId, userName, { policyName, document: request.policyDocument });
    return true;
  });
  return {};
};

export const getUserPolicy: PolicyHandler<policyV1.GetUserPolicyRequest, policyV1.GetUserPolicyResponse> = async (deps, request, call) => {
  const userName = await userAction(deps, call, 'iam:GetUserPolicy', request.userName);
  const stored = (await listRows(deps.pool, call.principal.accountId, userName)).find((item) => item.policyName === request.policyName);
  if (stored === undefined) throw noSuchPolicy(userName, request.policyName);
  return { policyDocument: stored.document };
};

export const deleteUserPolicy: PolicyHandler<policyV1.DeleteUserPolicyRequest, policyV1.DeleteUserPolicyResponse> = async (deps, request, call) => {
  const { accountId } = call.principal;
  const userName = await userAction(deps, call, 'iam:DeleteUserPolicy', request.userName);
  const deleted = await changed(deps, accountId, userName, (client) => deleteRow(client, accountId, userName, request.policyName));
  if (!deleted) throw noSuchPolicy(userName, request.policyName);
  return {};
};

export const listUserPolicies: PolicyHandler<policyV1.ListUserPoliciesRequest, policyV1.ListUserPoliciesResponse> = async (deps, request, call) => {
  const userName = await userAction(deps, call, 'iam:ListUserPolicies', request.userName);
  await requireUser(deps, call.principal.accountId, userName);
  return { policyNames: (await listRows(deps.pool, call.principal.accountId, userName)).map((item) => item.policyName) };
};
