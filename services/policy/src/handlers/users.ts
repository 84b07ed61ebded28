import { ErrorReason, type policyV1 } from '@strongroom/contracts';
import { isSqlState, UNIQUE_VIOLATION, withTransaction } from '@strongroom/db';
import { DomainError } from '@strongroom/errors';
import { announce } from '../change-feed';
import { authorizeIam } from '../iam-access';
import { expectFormat, IAM_NAME, newUserId } from '../identifiers';
import type { PolicyCall, PolicyDeps, PolicyHandler } from '../policy-call';
import { toUser, userArn } from '../proto-mapping';
import { deleteUser as deleteUserRow, getUser as getUserRow, insertUser, listUsers as listUserRows } from '../user-store';
import { requireAccount } from './accounts';

const NAME_HINT = '1 to 64 of A-Za-z0-9+=,.@_-';

/** Checks the user name, authorizes the IAM action on the user, and returns the name. */
export async function userAction(deps: PolicyDeps, call: PolicyCall, action: string, userName: string): Promise<string> {
  expectFormat('user_name', userName, IAM_NAME, NAME_HINT);
  await authorizeIam(deps, call.principal, action, userArn(call.principal.accountId, userName));
  return userName;
}

/** The user of the principal's account; USER_NOT_FOUND when there is none. */
export async function requireUser(deps: PolicyDeps, accountId: string, userName: string) {
  const user = await deps.cache.user(accountId, userName);
  if (user === undefined) throw new DomainError(ErrorReason.USER_NOT_FOUND, `user ${userName} does not exist in account ${accountId}`);
  return user;
}

export const createUser: PolicyHandler<policyV1.CreateUserRequest, policyV1.CreateUserResponse> = async (deps, request, call) => {
  const { accountId } = call.principal;
  const userName = await userAction(deps, call, 'iam:CreateUser', request.userName);
  await requireAccount(deps, accountId);
  try {
    const user = await withTransaction(deps.pool, async (client) => {
      const row = await insertUser(client, { accountId, userName, userId: newUserId(deps.random) });
      await announce(client, { kind: 'user', accountId, userName });
      return row;
    });
    deps.cache.invalidate({ kind: 'user', accountId, userName });
    return { user: toUser(user) };
  } catch (error) {
    if (isSqlState(error, UNIQUE_VIOLATION)) throw new DomainError(ErrorReason.ALREADY_EXISTS, `user ${userName} already exists`);
    throw error;
  }
};

export const getUser: PolicyHandler<policyV1.GetUserRequest, policyV1.GetUserResponse> = async (deps, request, call) => {
  const userName = await userAction(deps, call, 'iam:GetUser', request.userName);
  const user = await getUserRow(deps.pool, call.principal.accountId, userName);
  if (user === undefined) throw new DomainError(ErrorReason.USER_NOT_FOUND, `user ${userName} does not exist`);
  return { user: toUser(user) };
};

export const listUsers: PolicyHandler<policyV1.ListUsersRequest, policyV1.ListUsersResponse> = async (deps, _request, call) => {
  await authorizeIam(deps, call.principal, 'iam:ListUsers', userArn(call.principal.accountId, '*'));
  return { users: (await listUserRows(deps.pool, call.principal.accountId)).map(toUser) };
};

export const deleteUser: PolicyHandler<policyV1.DeleteUserRequest, policyV1.DeleteUserResponse> = async (deps, request, call) => {
  const { accountId } = call.principal;
  const userName = await userAction(deps, call, 'iam:DeleteUser', request.userName);
  const keyIds = await withTransaction(deps.pool, async (client) => {
    const deleted = await deleteUserRow(client, accountId, userName);
    if (deleted === undefined) return undefined;
    await announce(client, { kind: 'user', accountId, userName });
    for (const accessKeyId of deleted) await announce(client, { kind: 'access-key', accessKeyId });
    return deleted;
  });
  if (keyIds === undefined) throw new DomainError(ErrorReason.USER_NOT_FOUND, `user ${userName} does not exist`);
  deps.cache.invalidate({ kind: 'user', accountId, userName });
  for (const accessKeyId of keyIds) deps.cache.invalidate({ kind: 'access-key', accessKeyId });
  return {};
};
