/** Direct encryption of small payloads: Encrypt, Decrypt, ReEncrypt. */
import type { KmsOperation } from '../kms-operation';
import { SYMMETRIC_DEFAULT, base64, wipedBase64 } from '../kms-shapes';
import { checkEncryptionAlgorithm, checkGrantTokens, keyIdOf, optionalKeyIdOf, refuseDryRun, refuseMembers } from './members';

/** The largest ciphertext blob the AWS model accepts. */
const MAX_CIPHERTEXT = 6144;

const encrypt: KmsOperation = async (input, { kms, principal, signal }) => {
  const keyId = keyIdOf(input);
  const plaintext = input.requiredBlob('Plaintext', { max: 4096 });
  const encryptionContext = input.stringMap('EncryptionContext');
  checkEncryptionAlgorithm(input, 'EncryptionAlgorithm');
  checkGrantTokens(input);
  refuseDryRun(input);
  const response = await kms.encrypt({ principal, keyId, plaintext, encryptionContext }, { signal }).finally(() => plaintext.fill(0));
  return { CiphertextBlob: base64(response.ciphertextBlob), KeyId: response.keyId, EncryptionAlgorithm: SYMMETRIC_DEFAULT };
};

const decrypt: KmsOperation = async (input, { kms, principal, signal }) => {
  const ciphertextBlob = input.requiredBlob('CiphertextBlob', { max: MAX_CIPHERTEXT });
  const encryptionContext = input.stringMap('EncryptionContext');
  const keyId = optionalKeyIdOf(input, 'KeyId');
  checkEncryptionAlgorithm(input, 'EncryptionAlgorithm');
  checkGrantTokens(input);
  refuseMembers(input, ['Recipient']);
  refuseDryRun(input);
  const response = await kms.decrypt({ principal, ciphertextBlob, encryptionContext, keyId }, { signal });
  return { KeyId: response.keyId, Plaintext: wipedBase64(response.plaintext), EncryptionAlgorithm: SYMMETRIC_DEFAULT };
};

const reEncrypt: KmsOperation = async (input, { kms, principal, signal }) => {
  const request = {
    principal,
    ciphertextBlob: input.requiredBlob('CiphertextBlob', { max: MAX_CIPHERTEXT }),
    sourceEncryptionContext: input.stringMap('SourceEncryptionContext'),
    sourceKeyId: optionalKeyIdOf(input, 'SourceKeyId'),
    destinationKeyId: keyIdOf(input, 'DestinationKeyId'),
    destinationEncryptionContext: input.stringMap('DestinationEncryptionContext'),
  };
  checkEncryptionAlgorithm(input, 'SourceEncryptionAlgorithm');
  checkEncryptionAlgorithm(input, 'DestinationEncryptionAlgorithm');
  checkGrantTokens(input);
  refuseDryRun(input);
  const response = await kms.reEncrypt(request, { signal });
  return {
    CiphertextBlob: base64(response.ciphertextBlob),
    SourceKeyId: response.sourceKeyId,
    KeyId: response.keyId,
    SourceEncryptionAlgorithm: SYMMETRIC_DEFAULT,
    DestinationEncryptionAlgorithm: SYMMETRIC_DEFAULT,
  };
};

/** The encryption operations by name. */
export const ENCRYPTION_OPERATIONS = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
} satisfies Record<string, KmsOperation>;
