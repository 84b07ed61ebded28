import { ErrorReason, type kmsV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { randomBytes } from 'node:crypto';
import { deleteGrant, insertGrant, listGrants as listGrantRecords, type GrantOperationName } from '../grant-store';
import type { KmsHandler } from '../kms-call';
import { GRANT_OPERATIONS, toGrantEntry } from '../proto-mapping';
import { managedKey } from './keys';

/** Grant ids are 32 random bytes in hex (see createGrant); nothing else can name a grant. */
const GRANT_ID = /^[0-9a-f]{64}$/;
const GRANTEE = /^(\d{12}|arn:aws:iam::\d{12}:(root|user\/[\w+=,.@/-]+|role\/[\w+=,.@/-]+)|arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@/-]+)$/;

function grantOperations(operations: readonly kmsV1.GrantOperation[]): GrantOperationName[] {
  if (operations.length === 0) throw invalidArgument('operations', 'name at least one operation');
  return [...new Set(operations)].map((operation, index) => {
    const name = GRANT_OPERATIONS.get(operation);
    if (name === undefined) throw invalidArgument(`operations[${index}]`, 'is not a grant operation');
    return name;
  });
}

export const createGrant: KmsHandler<kmsV1.CreateGrantRequest, kmsV1.CreateGrantResponse> = async (deps, request, call) => {
  if (!GRANTEE.test(request.granteePrincipal)) throw invalidArgument('grantee_principal', 'must be a 12-digit account id or an IAM/STS principal ARN');
  if (request.name.length > 256 || request.name.includes('\u0000')) throw invalidArgument('name', 'at most 256 characters, without NUL');
  const operations = grantOperations(request.operations);
  const key = await managedKey(deps, call, request.keyId);
  const grantId = randomBytes(32).toString('hex');
  await deps.lifecycle.announced({ kind: 'key', keyId: key.keyId }, (client) =>
    insertGrant(client, {
      grantId,
      keyId: key.keyId,
      granteePrincipal: request.granteePrincipal,
      operations,
      name: request.name,
      issuingAccount: call.principal.accountId,
      createdAt: deps.clock(),
    }),
  );
  return { grantId };
};

export const listGrants: KmsHandler<kmsV1.ListGrantsRequest, kmsV1.ListGrantsResponse> = async (deps, request, call) => {
  const key = await managedKey(deps, call, request.keyId);
  const grants = await listGrantRecords(deps.pool, key.keyId);
  return { grants: grants.map((grant) => toGrantEntry(deps.region, key, grant)) };
};

export const revokeGrant: KmsHandler<kmsV1.RevokeGrantRequest, kmsV1.RevokeGrantResponse> = async (deps, request, call) => {
  const key = await managedKey(deps, call, request.keyId);
  if (!GRANT_ID.test(request.grantId)) throw new DomainError(ErrorReason.GRANT_NOT_FOUND, `grant ${JSON.stringify(request.grantId)} does not exist`);
  const deleted = await deps.lifecycle.announced({ kind: 'key', keyId: key.keyId }, (client) => deleteGrant(client, key.keyId, request.grantId));
  if (!deleted) throw new DomainError(ErrorReason.GRANT_NOT_FOUND, `grant ${request.grantId} does not exist on key ${key.keyId}`);
  return {};
};
