import * as kmsV1 from './gen/index.strongroom.kms.v1';
import * as policyV1 from './gen/index.strongroom.policy.v1';
import { wipingSecretField } from './secret-field';

const policy = policyV1.PolicyServiceDefinition;

/**
 * The policy service's definition with GetSigningKey's answer key wiped in
 * transit ({@link wipingSecretField}): the same bytes on the wire as
 * `policyV1.PolicyServiceDefinition`. The policy server and every client
 * that asks for signing keys use this one.
 */
export const policyServiceDefinition: typeof policy = {
  ...policy,
  methods: {
    ...policy.methods,
    getSigningKey: {
      ...policy.methods.getSigningKey,
      responseType: wipingSecretField(policy.methods.getSigningKey.responseType, { name: 'signingKey', number: 1 }, 'answer'),
    },
  },
};

const kms = kmsV1.KeyManagementServiceDefinition;

/**
 * The KMS's definition with the plaintext it answers (GenerateDataKey's
 * data key, Decrypt's plaintext) and the plaintext Encrypt is asked to
 * wrap wiped in transit ({@link wipingSecretField}): the same bytes on the
 * wire as `kmsV1.KeyManagementServiceDefinition`. No other KMS message
 * carries plaintext (ReEncrypt's stays inside the KMS). The KMS server and
 * every KMS client use this one.
 */
export const kmsServiceDefinition: typeof kms = {
  ...kms,
  methods: {
    ...kms.methods,
    generateDataKey: {
      ...kms.methods.generateDataKey,
      responseType: wipingSecretField(kms.methods.generateDataKey.responseType, { name: 'plaintext', number: 3 }, 'answer'),
    },
    decrypt: { ...kms.methods.decrypt, responseType: wipingSecretField(kms.methods.decrypt.responseType, { name: 'plaintext', number: 3 }, 'answer') },
    encrypt: { ...kms.methods.encrypt, requestType: wipingSecretField(kms.methods.encrypt.requestType, { name: 'plaintext', number: 3 }, 'request') },
  },
};
