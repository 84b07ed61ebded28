import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { MAX_ENCRYPT_PLAINTEXT, validateEncryptionContext } from '../envelope';
import { keyArn } from '../key-record';
import type { KmsCall, KmsDeps, KmsHandler } from '../kms-call';

/** Views bytes as the Buffer the generated messages carry, without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The data key length a request asks for: exactly one of key_spec and number_of_bytes. */
function dataKeyLength(request: { keySpec: kmsV1.DataKeySpec; numberOfBytes: number }): number {
  const { keySpec, numberOfBytes } = request;
  if (keySpec !== kmsV1.DataKeySpec.UNSPECIFIED && numberOfBytes !== 0) throw invalidArgument('key_spec', 'give key_spec or number_of_bytes, not both');
  if (keySpec === kmsV1.DataKeySpec.AES_256) return 32;
  if (keySpec === kmsV1.DataKeySpec.AES_128) return 16;
  if (keySpec !== kmsV1.DataKeySpec.UNSPECIFIED) throw invalidArgument('key_spec', 'must be AES_256 or AES_128');
  if (numberOfBytes < 1 || numberOfBytes > 1024) throw invalidArgument('number_of_bytes', 'give key_spec, or number_of_bytes from 1 to 1024');
  return numberOfBytes;
}

/** Checks the quota and finds the key for a cryptographic call. */
async function cryptoKey(deps: KmsDeps, call: KmsCall, keyId: string, context: Record<string, string>, operation: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext' | 'Encrypt' | 'ReEncryptTo') {
  validateEncryptionContext('encryption_context', context);
  call.audit.encryptionContext = context;
  const key = await deps.keyring.find(call, keyId, operation, true);
  return key;
}

async function generate(deps: KmsDeps, call: KmsCall, request: kmsV1.GenerateDataKeyRequest, operation: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext') {
  deps.quota.take(call.principal.accountId);
  const length = dataKeyLength(request);
  const key = await cryptoKey(deps, call, request.keyId, request.encryptionContext, operation);
  const plaintext = deps.random.bytes(length);
  const { blob, version } = await deps.envelope.seal(call, key, plaintext, request.encryptionContext).catch((error: unknown) => {
    plaintext.fill(0);
    throw error;
  });
  return { keyId: keyArn(deps.region, key), keyVersion: version, plaintext: asBuffer(plaintext), ciphertextBlob: asBuffer(blob) };
}

export const generateDataKey: KmsHandler<kmsV1.GenerateDataKeyRequest, kmsV1.GenerateDataKeyResponse> = (deps, request, call) =>
  generate(deps, call, request, 'GenerateDataKey');

export const generateDataKeyWithoutPlaintext: KmsHandler<kmsV1.GenerateDataKeyWithoutPlaintextRequest, kmsV1.GenerateDataKeyWithoutPlaintextResponse> = async (deps, request, call) => {
  const { keyId, keyVersion, plaintext, ciphertextBlob } = await generate(deps, call, request, 'GenerateDataKeyWithoutPlaintext');
  plaintext.fill(0);
  return { keyId, keyVersion, ciphertextBlob };
};

export const encrypt: KmsHandler<kmsV1.EncryptRequest, kmsV1.EncryptResponse> = async (deps, request, call) => {
  deps.quota.take(call.principal.accountId);
  if (request.plaintext.length < 1 || request.plaintext.length > MAX_ENCRYPT_PLAINTEXT) {
    throw invalidArgument('plaintext', `must be 1 to ${MAX_ENCRYPT_PLAINTEXT} bytes`);
  }
  try {
    const key = await cryptoKey(deps, call, request.keyId, request.encryptionContext, 'Encrypt');
    const { blob, version } = await deps.envelope.seal(call, key, request.plaintext, request.encryptionContext);
    return { keyId: keyArn(deps.region, key), keyVersion: version, ciphertextBlob: asBuffer(blob) };
  } finally {
    request.plaintext.fill(0);
  }
};

/**
 * Fails with INCORRECT_KEY when the caller named a key and the blob is under
 * another. The named key is authorized for the operation itself (as in KMS),
 * so a grantee allowed to decrypt may name the key without DescribeKey.
 */
async function checkExpectedKey(deps: KmsDeps, call: KmsCall, expected: string, actualKeyId: string, access: 'Decrypt' | 'ReEncryptFrom'): Promise<void> {
  if (expected === '') return;
  const named = await deps.keyring.find(call, expected, access);
  if (named.keyId !== actualKeyId) throw new DomainError(ErrorReason.INCORRECT_KEY, `the ciphertext was not encrypted under key ${expected}`);
}

export const decrypt: KmsHandler<kmsV1.DecryptRequest, kmsV1.DecryptResponse> = async (deps, request, call) => {
  deps.quota.take(call.principal.accountId);
  validateEncryptionContext('encryption_context', request.encryptionContext);
  call.audit.encryptionContext = request.encryptionContext;
  const opened = await deps.envelope.open(call, request.ciphertextBlob, request.encryptionContext, 'Decrypt');
  await checkExpectedKey(deps, call, request.keyId, opened.key.keyId, 'Decrypt').catch((error: unknown) => {
    opened.plaintext.fill(0);
    throw error;
  });
  return { keyId: keyArn(deps.region, opened.key), keyVersion: opened.version, plaintext: asBuffer(opened.plaintext) };
};

export const reEncrypt: KmsHandler<kmsV1.ReEncryptRequest, kmsV1.ReEncryptResponse> = async (deps, request, call) => {
  deps.quota.take(call.principal.accountId);
  validateEncryptionContext('source_encryption_context', request.sourceEncryptionContext);
  const opened = await deps.envelope.open(call, request.ciphertextBlob, request.sourceEncryptionContext, 'ReEncryptFrom');
  try {
    await checkExpectedKey(deps, call, request.sourceKeyId, opened.key.keyId, 'ReEncryptFrom');
    const destination = await cryptoKey(deps, call, request.destinationKeyId, request.destinationEncryptionContext, 'ReEncryptTo');
    const { blob, version } = await deps.envelope.seal(call, destination, opened.plaintext, request.destinationEncryptionContext);
    return { sourceKeyId: keyArn(deps.region, opened.key), keyId: keyArn(deps.region, destination), keyVersion: version, ciphertextBlob: asBuffer(blob) };
  } finally {
    opened.plaintext.fill(0);
  }
};
