import { ErrorReason, type kmsV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { deleteAlias as deleteAliasRecord, insertAlias, listAliases as listAliasRecords, updateAlias as updateAliasRecord } from '../alias-store';
import { isAliasName } from '../key-reference';
import type { KmsCall, KmsDeps, KmsHandler } from '../kms-call';
import { toAliasEntry } from '../proto-mapping';

const RESERVED_PREFIXES = ['alias/aws/', 'alias/strongroom/'];

function validAliasName(name: string): string {
  if (!isAliasName(name)) throw invalidArgument('alias_name', 'must be alias/ followed by 1 to 250 letters, digits, /, _ or -');
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) throw invalidArgument('alias_name', `${name} is reserved`);
  return name;
}

/** The target of an alias: a customer key of the principal's own account. */
async function aliasTarget(deps: KmsDeps, call: KmsCall, keyId: string) {
  if (keyId.startsWith('alias/') || keyId.includes(':alias/')) throw invalidArgument('target_key_id', 'must be a key id or key ARN, not an alias');
  const key = await deps.keyring.find(call, keyId, 'Manage');
  return key;
}

export const createAlias: KmsHandler<kmsV1.CreateAliasRequest, kmsV1.CreateAliasResponse> = async (deps, request, call) => {
  const name = validAliasName(request.aliasName);
  const key = await aliasTarget(deps, call, request.targetKeyId);
  const { accountId } = call.principal;
  const alias = await deps.lifecycle.announced({ kind: 'alias', accountId, aliasName: name }, (client) => insertAlias(client, accountId, name, key.keyId));
  if (alias === undefined) throw new DomainError(ErrorReason.ALIAS_EXISTS, `alias ${name} already exists`);
  return { alias: toAliasEntry(deps.region, alias) };
};

export const updateAlias: KmsHandler<kmsV1.UpdateAliasRequest, kmsV1.UpdateAliasResponse> = async (deps, request, call) => {
  const name = validAliasName(request.aliasName);
  const key = await aliasTarget(deps, call, request.targetKeyId);
  const { accountId } = call.principal;
  const alias = await deps.lifecycle.announced({ kind: 'alias', accountId, aliasName: name }, (client) => updateAliasRecord(client, accountId, name, key.keyId));
  if (alias === undefined) throw new DomainError(ErrorReason.ALIAS_NOT_FOUND, `alias ${name} does not exist`);
  return { alias: toAliasEntry(deps.region, alias) };
};

export const deleteAlias: KmsHandler<kmsV1.DeleteAliasRequest, kmsV1.DeleteAliasResponse> = async (deps, request, call) => {
  const name = validAliasName(request.aliasName);
  const { accountId } = call.principal;
  const deleted = await deps.lifecycle.announced({ kind: 'alias', accountId, aliasName: name }, (client) => deleteAliasRecord(client, accountId, name));
  if (!deleted) throw new DomainError(ErrorReason.ALIAS_NOT_FOUND, `alias ${name} does not exist`);
  return {};
};

export const listAliases: KmsHandler<kmsV1.ListAliasesRequest, kmsV1.ListAliasesResponse> = async (deps, request, call) => {
  const keyId = request.keyId === '' ? undefined : (await deps.keyring.find(call, request.keyId, 'DescribeKey')).keyId;
  const aliases = await listAliasRecords(deps.pool, call.principal.accountId, keyId);
  return { aliases: aliases.map((alias) => toAliasEntry(deps.region, alias)) };
};
