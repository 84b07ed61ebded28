import { gcm } from '@noble/ciphers/aes.js';
import { createCipheriv, createDecipheriv } from 'node:crypto';

/** Bytes of the AES-GCM tag a wrap carries. */
const TAG_BYTES = 16;

/**
 * One AES-256-GCM implementation for key wraps: `seal` returns
 * ciphertext ‖ tag, `open` takes the same and throws on any mismatch.
 * Both implementations below produce and accept the same bytes.
 */
export interface WrapCipher {
  seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array;
}

/** `@noble/ciphers`: audited pure JavaScript. The KMS wraps with it (key material, data keys, Encrypt payloads). */
export const nobleWrapCipher: WrapCipher = {
  seal: (key, nonce, aad, plaintext) => gcm(key, nonce, aad).encrypt(plaintext),
  open: (key, nonce, aad, sealed) => gcm(key, nonce, aad).decrypt(sealed),
};

/**
 * node:crypto (OpenSSL, AES-NI). Storage wraps every object's data key under
 * a bucket key or an SSE-C key on the request path, where the pure-JS cipher
 * cost a measurable share of a small PUT.
 */
export const opensslWrapCipher: WrapCipher = {
  seal(key, nonce, aad, plaintext) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  },
  open(key, nonce, aad, sealed) {
    if (sealed.length < TAG_BYTES) throw new RangeError('shorter than a tag');
    const tagStart = sealed.length - TAG_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(tagStart));
    const plaintext = decipher.update(sealed.subarray(0, tagStart));
    try {
      decipher.final();
    } catch (error) {
      plaintext.fill(0);
      throw error;
    }
    return plaintext;
  },
};
