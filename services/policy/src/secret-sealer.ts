import { kmsV1 } from '@strongroom/contracts';
import type { Client } from 'nice-grpc';

/**
 * The KMS alias of the service-owned key that seals access-key secrets. The
 * KMS exports the same string as `ACCESS_KEY_SECRETS_ALIAS`; it is copied
 * here because a service never imports another service, only its contract.
 */
export const ACCESS_KEY_SECRETS_ALIAS = 'alias/strongroom/access-key-secrets';

/** The encryption-context key that binds a sealed secret to its access key id. */
export const ACCESS_KEY_CONTEXT_KEY = 'strongroom:access-key-id';

/** A KMS client, as the policy service uses it. */
export type KmsClient = Client<typeof kmsV1.KeyManagementServiceDefinition>;

/**
 * Seals and opens access-key secrets through the KMS: Encrypt under the
 * service-owned key with the access key id as encryption context, acting for
 * the key's account (so the KMS audit trail names it). A sealed secret moved
 * to another key id does not open.
 */
export class SecretSealer {
  readonly #kms: KmsClient;

  constructor(kms: KmsClient) {
    this.#kms = kms;
  }

  /**
   * The ciphertext blob of a secret. The bytes sent to the KMS are wiped
   * once it has answered; the secret is a string, which cannot be: it
   * arrives as CreateAccessKey's proto `string` (or is made to be answered
   * as one), so no Buffer of it exists for this to take instead.
   */
  async seal(accountId: string, accessKeyId: string, secret: string): Promise<Uint8Array> {
    const plaintext = Buffer.from(secret, 'utf8');
    try {
      const { ciphertextBlob } = await this.#kms.encrypt({
        principal: { accountId, arn: '' },
        keyId: ACCESS_KEY_SECRETS_ALIAS,
        plaintext,
        encryptionContext: { [ACCESS_KEY_CONTEXT_KEY]: accessKeyId },
      });
      return ciphertextBlob;
    } finally {
      plaintext.fill(0);
    }
  }

  /** The secret a blob seals, as bytes (which, unlike a string, can be wiped): the caller owns them. */
  async open(accountId: string, accessKeyId: string, sealed: Uint8Array): Promise<Buffer> {
    const { plaintext } = await this.#kms.decrypt({
      principal: { accountId, arn: '' },
      ciphertextBlob: Buffer.from(sealed),
      encryptionContext: { [ACCESS_KEY_CONTEXT_KEY]: accessKeyId },
      keyId: ACCESS_KEY_SECRETS_ALIAS,
    });
    const secret = Buffer.from(plaintext);
    plaintext.fill(0);
    return secret;
  }
}
