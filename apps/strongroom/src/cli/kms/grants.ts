/** Grants: create-grant, list-grants, revoke-grant. */
import { UsageError } from '../errors';
import { choiceValue } from '../values';
import { isoDate } from '../shapes';
import { kmsCommand, type KmsCommand } from './kms-command';
import { keyIdFlag } from './kms-flags';
import { GRANT_OPERATION_BY_NAME, grantOperationName } from './kms-shapes';

/** `--operations` words, space- or comma-separated, as grant operations. */
function operationsValue(words: readonly string[]) {
  const names = words.flatMap((word) => word.split(/[\s,]+/)).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError("Error parsing parameter '--operations': name at least one operation");
  return names.map((name) => choiceValue('operations', name, GRANT_OPERATION_BY_NAME));
}

const createGrant = kmsCommand({
  name: 'create-grant',
  operation: 'CreateGrant',
  summary: 'Lets another principal use a key for the named operations.',
  flags: [
    keyIdFlag(true, 'The key: key id or key ARN.'),
    { name: 'grantee-principal', required: true, placeholder: 'principal', description: 'A 12-digit account id, an account root ARN, or an IAM/STS principal ARN.' },
    {
      name: 'operations',
      kind: 'list',
      required: true,
      placeholder: 'operation',
      description: `Space- or comma-separated: ${[...GRANT_OPERATION_BY_NAME.keys()].join(', ')}.`,
    },
    { name: 'name', placeholder: 'name', description: 'A friendly name, up to 256 characters.' },
  ],
  request: (flags, principal) => ({
    principal,
    keyId: flags.required('key-id'),
    granteePrincipal: flags.required('grantee-principal'),
    operations: operationsValue(flags.list('operations')),
    name: flags.string('name') ?? '',
  }),
  call: (client, request, signal) => client.createGrant(request, { signal }),
  output: (response) => ({ GrantId: response.grantId }),
});

const listGrants = kmsCommand({
  name: 'list-grants',
  operation: 'ListGrants',
  summary: "Lists a key's grants, oldest first.",
  flags: [keyIdFlag(true)],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id') }),
  call: (client, request, signal) => client.listGrants(request, { signal }),
  output: (response) => ({
    Grants: response.grants.map((grant) => ({
      KeyId: grant.keyId,
      GrantId: grant.grantId,
      Name: grant.name === '' ? undefined : grant.name,
      CreationDate: isoDate(grant.creationDate),
      GranteePrincipal: grant.granteePrincipal,
      IssuingAccount: grant.issuingAccount,
      Operations: grant.operations.map(grantOperationName),
    })),
    Truncated: false,
  }),
});

const revokeGrant = kmsCommand({
  name: 'revoke-grant',
  operation: 'RevokeGrant',
  summary: 'Deletes a grant. Prints nothing, as aws does.',
  flags: [keyIdFlag(true, 'The key the grant is on.'), { name: 'grant-id', required: true, placeholder: 'grant-id', description: 'The grant.' }],
  request: (flags, principal) => ({ principal, keyId: flags.required('key-id'), grantId: flags.required('grant-id') }),
  call: (client, request, signal) => client.revokeGrant(request, { signal }),
  output: () => undefined,
});

/** The grant commands. */
export const GRANT_COMMANDS: readonly KmsCommand[] = [createGrant, listGrants, revokeGrant];
