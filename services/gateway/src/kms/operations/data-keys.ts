/** Data keys for envelope encryption: GenerateDataKey and GenerateDataKeyWithoutPlaintext. */
import { kmsV1 } from '@strongroom/contracts';
import type { KmsInput } from '../kms-input';
import type { KmsOperation } from '../kms-operation';
import { DATA_KEY_SPEC_BY_NAME, base64, wipedBase64 } from '../kms-shapes';
import { checkGrantTokens, keyIdOf, refuseDryRun, refuseMembers } from './members';

/** The request members both operations share; the KMS checks that exactly one of KeySpec and NumberOfBytes is given. */
function dataKeyRequest(input: KmsInput) {
  const keyId = keyIdOf(input);
  const keySpec = input.choice('KeySpec', [...DATA_KEY_SPEC_BY_NAME.keys()]);
  const numberOfBytes = input.integer('NumberOfBytes', { min: 1, max: 1024 }) ?? 0;
  const encryptionContext = input.stringMap('EncryptionContext');
  checkGrantTokens(input);
  refuseMembers(input, ['Recipient']);
  refuseDryRun(input);
  return {
    keyId,
    encryptionContext,
    keySpec: keySpec === undefined ? kmsV1.DataKeySpec.UNSPECIFIED : (DATA_KEY_SPEC_BY_NAME.get(keySpec) ?? kmsV1.DataKeySpec.UNSPECIFIED),
    numberOfBytes,
  };
}

const generateDataKey: KmsOperation = async (input, { kms, principal, signal }) => {
  const response = await kms.generateDataKey({ principal, ...dataKeyRequest(input) }, { signal });
  return { CiphertextBlob: base64(response.ciphertextBlob), Plaintext: wipedBase64(response.plaintext), KeyId: response.keyId };
};

const generateDataKeyWithoutPlaintext: KmsOperation = async (input, { kms, principal, signal }) => {
  const response = await kms.generateDataKeyWithoutPlaintext({ principal, ...dataKeyRequest(input) }, { signal });
  return { CiphertextBlob: base64(response.ciphertextBlob), KeyId: response.keyId };
};

/** The data key operations by name. */
export const DATA_KEY_OPERATIONS = {
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
} satisfies Record<string, KmsOperation>;
