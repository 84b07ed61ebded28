/** Data keys for envelope encryption: generate-data-key and generate-data-key-without-plaintext. */
import type { FlagSpec, ParsedFlags } from '../flags';
import { choiceValue } from '../values';
import { kmsCommand, type KmsCommand } from './kms-command';
import { encryptionContext, encryptionContextFlag, integerOrZero, keyIdFlag } from './kms-flags';
import { DATA_KEY_SPEC_BY_NAME, base64 } from './kms-shapes';

const DATA_KEY_FLAGS: readonly FlagSpec[] = [
  keyIdFlag(true, 'The key that wraps the data key: key id, key ARN, alias name or alias ARN.'),
  encryptionContextFlag('encryption-context', 'Bound to the wrapped key; Decrypt needs the same.'),
  { name: 'key-spec', placeholder: 'AES_256|AES_128', description: 'The data key length; give this or --number-of-bytes.' },
  { name: 'number-of-bytes', placeholder: 'count', description: 'The data key length in bytes, 1 to 1024; give this or --key-spec.' },
];

/** The request fields the two commands share. */
function dataKeyRequest(flags: ParsedFlags) {
  const keySpec = flags.string('key-spec');
  return {
    keyId: flags.required('key-id'),
    encryptionContext: encryptionContext(flags, 'encryption-context'),
    keySpec: keySpec === undefined ? undefined : choiceValue('key-spec', keySpec, DATA_KEY_SPEC_BY_NAME),
    numberOfBytes: integerOrZero(flags, 'number-of-bytes'),
  };
}

const generateDataKey = kmsCommand({
  name: 'generate-data-key',
  operation: 'GenerateDataKey',
  summary: 'Returns a new data key, in plaintext and wrapped under the key (both base64).',
  flags: DATA_KEY_FLAGS,
  request: (flags, principal) => ({ principal, ...dataKeyRequest(flags) }),
  call: (client, request, signal) => client.generateDataKey(request, { signal }),
  output: (response) => ({ CiphertextBlob: base64(response.ciphertextBlob), Plaintext: base64(response.plaintext), KeyId: response.keyId }),
});

const generateDataKeyWithoutPlaintext = kmsCommand({
  name: 'generate-data-key-without-plaintext',
  operation: 'GenerateDataKeyWithoutPlaintext',
  summary: 'Returns a new data key wrapped under the key only (base64).',
  flags: DATA_KEY_FLAGS,
  request: (flags, principal) => ({ principal, ...dataKeyRequest(flags) }),
  call: (client, request, signal) => client.generateDataKeyWithoutPlaintext(request, { signal }),
  output: (response) => ({ CiphertextBlob: base64(response.ciphertextBlob), KeyId: response.keyId }),
});

/** The data key commands. */
export const DATA_KEY_COMMANDS: readonly KmsCommand[] = [generateDataKey, generateDataKeyWithoutPlaintext];
