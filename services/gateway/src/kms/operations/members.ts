/** Request members that several KMS operations read the same way. */
import { KmsError, unsupported } from '../kms-error';
import type { KmsInput } from '../kms-input';
import { SYMMETRIC_DEFAULT } from '../kms-shapes';

/** The KMS's encryption algorithms; only the first applies to a symmetric key. */
const ENCRYPTION_ALGORITHMS = [SYMMETRIC_DEFAULT, 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;

/** A key member (`KeyId` by default): key id, key ARN, alias name or alias ARN. */
export function keyIdOf(input: KmsInput, member = 'KeyId'): string {
  return input.requiredString(member, { max: 2048 });
}

/** An optional key member, empty when absent (the gRPC API's "not given"). */
export function optionalKeyIdOf(input: KmsInput, member: string): string {
  return input.string(member, { min: 1, max: 2048 }) ?? '';
}

/**
 * Checks `GrantTokens` and ignores them: a grant takes effect as soon as
 * CreateGrant returns, so no call needs a token to bridge the gap.
 */
export function checkGrantTokens(input: KmsInput): void {
  input.strings('GrantTokens', { max: 10 });
}

/** Refuses members the AWS API has and Strongroom's KMS has no counterpart for, rather than ignoring what they ask. */
export function refuseMembers(input: KmsInput, members: readonly string[]): void {
  const given = members.find((member) => input.has(member));
  if (given !== undefined) throw unsupported(`${given} is not supported by this KMS.`);
}

/** Refuses `DryRun: true` (a dry run is not supported); `false` is an ordinary call. */
export function refuseDryRun(input: KmsInput): void {
  if (input.boolean('DryRun') === true) throw unsupported('DryRun is not supported by this KMS.');
}

/** Checks an encryption algorithm member: absent or SYMMETRIC_DEFAULT, the only one of a symmetric key. */
export function checkEncryptionAlgorithm(input: KmsInput, member: string): void {
  const algorithm = input.choice(member, ENCRYPTION_ALGORITHMS);
  if (algorithm !== undefined && algorithm !== SYMMETRIC_DEFAULT) {
    throw new KmsError('InvalidKeyUsageException', `The ${member} ${algorithm} is not supported by a symmetric encryption KMS key; use ${SYMMETRIC_DEFAULT}.`);
  }
}
