/** Direct encryption of small payloads: encrypt, decrypt, re-encrypt. */
import type { FlagSpec } from '../flags';
import { blobValue } from '../values';
import { kmsCommand, type KmsCommand } from './kms-command';
import { encryptionContext, encryptionContextFlag, keyIdFlag } from './kms-flags';
import { base64 } from './kms-shapes';

const CIPHERTEXT_BLOB: FlagSpec = { name: 'ciphertext-blob', required: true, placeholder: 'blob', description: 'The ciphertext: base64, or fileb://path for raw bytes.' };

const encrypt = kmsCommand({
  name: 'encrypt',
  operation: 'Encrypt',
  summary: 'Encrypts up to 4096 bytes under a key.',
  flags: [
    keyIdFlag(true),
    { name: 'plaintext', required: true, placeholder: 'blob', description: 'The plaintext: base64, or fileb://path for raw bytes.' },
    encryptionContextFlag('encryption-context', 'Bound as additional authenticated data; Decrypt needs the same.'),
  ],
  request: (flags, principal) => ({
    principal,
    keyId: flags.required('key-id'),
    plaintext: blobValue('plaintext', flags.required('plaintext')),
    encryptionContext: encryptionContext(flags, 'encryption-context'),
  }),
  call: (client, request, signal) => client.encrypt(request, { signal }),
  output: (response) => ({ CiphertextBlob: base64(response.ciphertextBlob), KeyId: response.keyId }),
});

const decrypt = kmsCommand({
  name: 'decrypt',
  operation: 'Decrypt',
  summary: 'Decrypts a ciphertext blob; the blob names its key.',
  flags: [
    CIPHERTEXT_BLOB,
    encryptionContextFlag('encryption-context', 'The encryption context the blob was made with, exactly.'),
    keyIdFlag(false, 'When given, the blob must be under this key (IncorrectKeyException otherwise).'),
  ],
  request: (flags, principal) => ({
    principal,
    ciphertextBlob: blobValue('ciphertext-blob', flags.required('ciphertext-blob')),
    encryptionContext: encryptionContext(flags, 'encryption-context'),
    keyId: flags.string('key-id') ?? '',
  }),
  call: (client, request, signal) => client.decrypt(request, { signal }),
  output: (response) => ({ KeyId: response.keyId, Plaintext: base64(response.plaintext) }),
});

const reEncrypt = kmsCommand({
  name: 're-encrypt',
  operation: 'ReEncrypt',
  summary: 'Decrypts a blob and encrypts it under another key or context, inside the service.',
  flags: [
    CIPHERTEXT_BLOB,
    encryptionContextFlag('source-encryption-context', 'The context the blob was made with.'),
    { name: 'source-key-id', placeholder: 'key', description: 'When given, the blob must be under this key.' },
    { name: 'destination-key-id', required: true, placeholder: 'key', description: 'The key to encrypt under.' },
    encryptionContextFlag('destination-encryption-context', 'The context for the new blob.'),
  ],
  request: (flags, principal) => ({
    principal,
    ciphertextBlob: blobValue('ciphertext-blob', flags.required('ciphertext-blob')),
    sourceEncryptionContext: encryptionContext(flags, 'source-encryption-context'),
    sourceKeyId: flags.string('source-key-id') ?? '',
    destinationKeyId: flags.required('destination-key-id'),
    destinationEncryptionContext: encryptionContext(flags, 'destination-encryption-context'),
  }),
  call: (client, request, signal) => client.reEncrypt(request, { signal }),
  output: (response) => ({ CiphertextBlob: base64(response.ciphertextBlob), SourceKeyId: response.sourceKeyId, KeyId: response.keyId }),
});

/** The encryption commands. */
export const ENCRYPTION_COMMANDS: readonly KmsCommand[] = [encrypt, decrypt, reEncrypt];
