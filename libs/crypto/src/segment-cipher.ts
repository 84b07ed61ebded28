import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';
import { IntegrityError } from './integrity-error';
import { FORMAT_HEADER, HEADER_BYTES, SEGMENT_TAG_BYTES } from './segment-format';

const NONCE_BYTES = 12;
const AAD_BYTES = HEADER_BYTES + 8 + 1;

/**
 * Seals and opens single segments of one stream (see segment-format.ts for
 * the nonce and AAD). Holds the stream key and reuses its nonce and AAD
 * buffers: node:crypto copies both when a cipher is created, so reuse is safe.
 */
export class SegmentCipher {
  private readonly nonce = Buffer.alloc(NONCE_BYTES);
  private readonly aad = Buffer.alloc(AAD_BYTES);

  constructor(private readonly key: KeyObject) {
    this.aad.set(FORMAT_HEADER, 0);
  }

  /** Encrypts segment `index`; returns its ciphertext and tag, which together are the segment's blob bytes. */
  seal(index: number, final: boolean, plaintext: Uint8Array): [ciphertext: Buffer, tag: Buffer] {
    this.prepare(index, final);
    const cipher = createCipheriv('aes-256-gcm', this.key, this.nonce, { authTagLength: SEGMENT_TAG_BYTES });
    cipher.setAAD(this.aad);
    const ciphertext = cipher.update(plaintext);
    cipher.final();
    return [ciphertext, cipher.getAuthTag()];
  }

  /**
   * Decrypts and verifies segment `index` (its ciphertext followed by its tag)
   * and returns the plaintext only once the tag has verified; otherwise throws
   * {@link IntegrityError}.
   */
  open(index: number, final: boolean, sealed: Uint8Array): Buffer {
    if (sealed.length < SEGMENT_TAG_BYTES) throw new IntegrityError('truncated', index);
    const tagStart = sealed.length - SEGMENT_TAG_BYTES;
    this.prepare(index, final);
    const decipher = createDecipheriv('aes-256-gcm', this.key, this.nonce, { authTagLength: SEGMENT_TAG_BYTES });
    decipher.setAAD(this.aad);
    decipher.setAuthTag(sealed.subarray(tagStart));
    const plaintext = decipher.update(sealed.subarray(0, tagStart));
    try {
      decipher.final();
    } catch {
      throw new IntegrityError('authentication', index);
    }
    return plaintext;
  }

  private prepare(index: number, final: boolean): void {
    // 96-bit big-endian counter: the top 4 bytes stay zero (indexes are below 2^53).
    this.nonce.writeUIntBE(Math.floor(index / 2 ** 32), 4, 4);
    this.nonce.writeUInt32BE(index >>> 0, 8);
    this.aad.writeUIntBE(Math.floor(index / 2 ** 32), HEADER_BYTES, 4);
    this.aad.writeUInt32BE(index >>> 0, HEADER_BYTES + 4);
    this.aad[HEADER_BYTES + 8] = final ? 1 : 0;
  }
}
