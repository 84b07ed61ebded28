import { ErrorReason, policyV1 } from '@strongroom/contracts';
import { isSqlState, UNIQUE_VIOLATION, withTransaction, type PoolClient } from '@strongroom/db';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { ActingPrincipal } from '@strongroom/grpc';
import {
  deleteAccessKey as deleteRow,
  insertAccessKey,
  listAccessKeys as listRows,
  setAccessKeyStatus,
  type AccessKeyStatusName,
} from '../access-key-store';
import { announce } from '../change-feed';
import { authorizeIam } from '../iam-access';
import { ACCESS_KEY_ID, expectFormat, newAccessKeyId, newSecretAccessKey, SECRET_ACCESS_KEY } from '../identifiers';
import type { PolicyCall, PolicyDeps, PolicyHandler } from '../policy-call';
import { toAccessKey, userArn } from '../proto-mapping';
import { requireAccount } from './accounts';
import { requireUser, userAction } from './users';

/** The IAM resource of a user's keys (or, for an empty user name, of the account root's). */
async function keyOwner(deps: PolicyDeps, call: PolicyCall, action: string, userName: string): Promise<string | null> {
  if (userName !== '') {
    await userAction(deps, call, action, userName);
    await requireUser(deps, call.principal.accountId, userName);
    return userName;
  }
  await authorizeIam(deps, call.principal, action, `arn:aws:iam::${call.principal.accountId}:root`);
  return null;
}

function notFound(accessKeyId: string): DomainError {
  return new DomainError(ErrorReason.ACCESS_KEY_NOT_FOUND, `access key ${accessKeyId} does not exist`, { metadata: { access_key_id: accessKeyId } });
}

/** The id and secret a CreateAccessKey request asks for, or new ones. */
function chooseCredentials(deps: PolicyDeps, request: policyV1.CreateAccessKeyRequest): { accessKeyId: string; secret: string } {
  if (request.accessKeyId === '' && request.secretAccessKey === '') return { accessKeyId: newAccessKeyId(deps.random), secret: newSecretAccessKey(deps.random) };
  if (request.accessKeyId === '' || request.secretAccessKey === '') throw invalidArgument('access_key_id', 'give both access_key_id and secret_access_key, or neither');
  return {
    accessKeyId: expectFormat('access_key_id', request.accessKeyId, ACCESS_KEY_ID, 'must be AKIA followed by 16 of A-Z2-7'),
    secret: expectFormat('secret_access_key', request.secretAccessKey, SECRET_ACCESS_KEY, 'must be 40 of A-Za-z0-9+/'),
  };
}

export const createAccessKey: PolicyHandler<policyV1.CreateAccessKeyRequest, policyV1.CreateAccessKeyResponse> = async (deps, request, call) => {
  const { accountId } = call.principal;
  await requireAccount(deps, accountId);
  const userName = await keyOwner(deps, call, 'iam:CreateAccessKey', request.userName);
  const { accessKeyId, secret } = chooseCredentials(deps, request);
  const sealedSecret = await deps.sealer.seal(accountId, accessKeyId, secret);
  try {
    const key = await withTransaction(deps.pool, async (client) => {
      const row = await insertAccessKey(client, { accessKeyId, accountId, userName, sealedSecret });
      await announce(client, { kind: 'access-key', accessKeyId });
      return row;
    });
    deps.cache.invalidate({ kind: 'access-key', accessKeyId });
    return { accessKey: toAccessKey(key), secretAccessKey: secret };
  } catch (error) {
    if (isSqlState(error, UNIQUE_VIOLATION)) throw new DomainError(ErrorReason.ALREADY_EXISTS, `access key ${accessKeyId} already exists`);
    throw error;
  }
};

export const listAccessKeys: PolicyHandler<policyV1.ListAccessKeysRequest, policyV1.ListAccessKeysResponse> = async (deps, request, call) => {
  const userName = await keyOwner(deps, call, 'iam:ListAccessKeys', request.userName);
  return { accessKeys: (await listRows(deps.pool, call.principal.accountId, userName)).map(toAccessKey) };
};

/** Authorizes a change to a key of the principal's account, on the IAM resource of the key's owner. */
async function authorizeKeyChange(deps: PolicyDeps, principal: ActingPrincipal, action: string, accessKeyId: string): Promise<void> {
  const key = await deps.cache.accessKey(accessKeyId);
  if (key === undefined || key.accountId !== principal.accountId) throw notFound(accessKeyId);
  const resource = key.userName === null ? `arn:aws:iam::${key.accountId}:root` : userArn(key.accountId, key.userName);
  await authorizeIam(deps, principal, action, resource);
}

async function changeKey<T>(deps: PolicyDeps, accessKeyId: string, change: (client: PoolClient) => Promise<T | undefined>): Promise<T> {
  const result = await withTransaction(deps.pool, async (client) => {
    const changed = await change(client);
    if (changed !== undefined) await announce(client, { kind: 'access-key', accessKeyId });
    return changed;
  });
  deps.cache.invalidate({ kind: 'access-key', accessKeyId });
  if (result === undefined) throw notFound(accessKeyId);
  return result;
}

const STATUS: ReadonlyMap<policyV1.AccessKeyStatus, AccessKeyStatusName> = new Map([
  [policyV1.AccessKeyStatus.ACTIVE, 'Active'],
  [policyV1.AccessKeyStatus.INACTIVE, 'Inactive'],
]);

export const updateAccessKey: PolicyHandler<policyV1.UpdateAccessKeyRequest, policyV1.UpdateAccessKeyResponse> = async (deps, request, call) => {
  const status = STATUS.get(request.status);
  if (status === undefined) throw invalidArgument('status', 'must be ACTIVE or INACTIVE');
  await authorizeKeyChange(deps, call.principal, 'iam:UpdateAccessKey', request.accessKeyId);
  const key = await changeKey(deps, request.accessKeyId, (client) => setAccessKeyStatus(client, call.principal.accountId, request.accessKeyId, status));
  return { accessKey: toAccessKey(key) };
};

export const deleteAccessKey: PolicyHandler<policyV1.DeleteAccessKeyRequest, policyV1.DeleteAccessKeyResponse> = async (deps, request, call) => {
  await authorizeKeyChange(deps, call.principal, 'iam:DeleteAccessKey', request.accessKeyId);
  await changeKey(deps, request.accessKeyId, async (client) => ((await deleteRow(client, call.principal.accountId, request.accessKeyId)) ? true : undefined));
  return {};
};
