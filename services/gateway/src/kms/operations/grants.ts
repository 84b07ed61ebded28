/** Grants: CreateGrant, ListGrants, RevokeGrant. */
import type { kmsV1 } from '@strongroom/contracts';
import { unsupported, validationError } from '../kms-error';
import type { KmsInput } from '../kms-input';
import type { KmsOperation } from '../kms-operation';
import { GRANT_OPERATION_BY_NAME, grantShape } from '../kms-shapes';
import { listPage } from '../list-page';
import { checkGrantTokens, keyIdOf, refuseDryRun, refuseMembers } from './members';

/** The grant operations of the AWS API that apply to other key types, or grant granting, which this KMS does not offer. */
const UNSUPPORTED_GRANT_OPERATIONS = new Set([
  'Sign',
  'Verify',
  'GetPublicKey',
  'CreateGrant',
  'RetireGrant',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac',
  'VerifyMac',
  'DeriveSharedSecret',
]);

function grantOperationsOf(input: KmsInput): kmsV1.GrantOperation[] {
  const names = input.strings('Operations');
  if (names === undefined) throw validationError('Operations', 'null', 'Member must not be null');
  return names.map((name) => {
    const operation = GRANT_OPERATION_BY_NAME.get(name);
    if (operation !== undefined) return operation;
    if (UNSUPPORTED_GRANT_OPERATIONS.has(name)) throw unsupported(`Grants for ${name} are not supported by this KMS.`);
    throw validationError('Operations', `'${name}'`, `Member must satisfy enum value set: [${[...GRANT_OPERATION_BY_NAME.keys(), ...UNSUPPORTED_GRANT_OPERATIONS].join(', ')}]`);
  });
}

/**
 * CreateGrant. Constraints and a retiring principal are refused, not
 * ignored: a grant without the asked-for constraint would allow more than
 * its creator meant. A grant takes effect at once, so its id serves as the
 * grant token.
 */
const createGrant: KmsOperation = async (input, { kms, principal, signal }) => {
  const request = {
    principal,
    keyId: keyIdOf(input),
    granteePrincipal: input.requiredString('GranteePrincipal', { max: 256 }),
    operations: grantOperationsOf(input),
    name: input.string('Name', { min: 1, max: 256 }) ?? '',
  };
  refuseMembers(input, ['Constraints', 'RetiringPrincipal']);
  checkGrantTokens(input);
  refuseDryRun(input);
  const { grantId } = await kms.createGrant(request, { signal });
  return { GrantToken: grantId, GrantId: grantId };
};

const listGrants: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  const grantId = input.string('GrantId', { min: 1, max: 128 });
  const grantee = input.string('GranteePrincipal', { min: 1, max: 256 });
  const { grants } = await kms.listGrants({ principal, keyId }, { signal });
  const matching = grants.filter((grant) => (grantId === undefined || grant.grantId === grantId) && (grantee === undefined || grant.granteePrincipal === grantee));
  const page = listPage(matching, input, (grant) => grant.grantId, 50);
  return { Grants: page.items.map(grantShape), NextMarker: page.NextMarker, Truncated: page.Truncated };
};

const revokeGrant: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  const grantId = input.requiredString('GrantId', { max: 128 });
  refuseDryRun(input);
  await kms.revokeGrant({ principal, keyId, grantId }, { signal });
  return undefined;
};

/** The grant operations by name. */
export const GRANT_OPERATIONS = {
  CreateGrant: createGrant,
  ListGrants: listGrants,
  RevokeGrant: revokeGrant,
} satisfies Record<string, KmsOperation>;
