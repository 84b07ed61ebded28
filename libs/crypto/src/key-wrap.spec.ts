import { encodeEncryptionContext } from './encryption-context';
import { UnwrapError, WRAP_NONCE_BYTES, WRAP_OVERHEAD_BYTES, WRAP_TAG_BYTES, concatBytes, unwrapKey, wrapKey } from './key-wrap';
import { systemRandom, type Random } from './random';
import { nobleWrapCipher, opensslWrapCipher } from './wrap-cipher';

/** A deterministic Random: counts up from `seed`, byte by byte. */
function countingRandom(seed = 0): Random {
  let next = seed;
  return {
    bytes: (length) => Uint8Array.from({ length }, () => next++ & 0xff),
  };
}

const key = Uint8Array.from({ length: 32 }, (_, i) => i);
const otherKey = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const dataKey = Uint8Array.from({ length: 32 }, (_, i) => (i * 7) & 0xff);
const aad = encodeEncryptionContext({ 'aws:s3:arn': 'arn:aws:s3:::photos/cat.jpg' });

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe.each([
  ['@noble/ciphers', nobleWrapCipher],
  ['node:crypto', opensslWrapCipher],
])('wrapKey / unwrapKey with %s', (_name, cipher) => {
  it('round-trips, and the output is nonce ‖ ciphertext ‖ tag', () => {
    const wrapped = wrapKey(key, dataKey, aad, systemRandom, cipher);
    expect(wrapped.length).toBe(dataKey.length + WRAP_OVERHEAD_BYTES);
    expect(hex(unwrapKey(key, wrapped, aad, cipher))).toBe(hex(dataKey));
  });

  it('round-trips an empty plaintext and an empty AAD', () => {
    const wrapped = wrapKey(key, new Uint8Array(0), new Uint8Array(0), systemRandom, cipher);
    expect(wrapped.length).toBe(WRAP_OVERHEAD_BYTES);
    expect(unwrapKey(key, wrapped, new Uint8Array(0), cipher)).toHaveLength(0);
  });

  it('does not leave the plaintext in the output', () => {
    const wrapped = wrapKey(key, dataKey, aad, systemRandom, cipher);
    expect(hex(wrapped)).not.toContain(hex(dataKey));
  });

  it('is deterministic for an injected Random, and the nonce is what it drew', () => {
    const first = wrapKey(key, dataKey, aad, countingRandom(0), cipher);
    const second = wrapKey(key, dataKey, aad, countingRandom(0), cipher);
    expect(hex(first)).toBe(hex(second));
    expect(hex(first.subarray(0, WRAP_NONCE_BYTES))).toBe('000102030405060708090a0b');
    const third = wrapKey(key, dataKey, aad, countingRandom(100), cipher);
    expect(hex(third)).not.toBe(hex(first));
    expect(hex(unwrapKey(key, third, aad, cipher))).toBe(hex(dataKey));
  });

  it('draws a fresh nonce per wrap from the system random', () => {
    const a = wrapKey(key, dataKey, aad, systemRandom, cipher);
    const b = wrapKey(key, dataKey, aad, systemRandom, cipher);
    expect(hex(a.subarray(0, WRAP_NONCE_BYTES))).not.toBe(hex(b.subarray(0, WRAP_NONCE_BYTES)));
  });

  describe('rejects with UnwrapError', () => {
    const wrapped = wrapKey(key, dataKey, aad, countingRandom(7), cipher);
    const ciphertextStart = WRAP_NONCE_BYTES;
    const tagStart = wrapped.length - WRAP_TAG_BYTES;

    it.each([
      ['the first nonce byte', 0],
      ['the last nonce byte', WRAP_NONCE_BYTES - 1],
      ['the first ciphertext byte', ciphertextStart],
      ['the last ciphertext byte', tagStart - 1],
      ['the first tag byte', tagStart],
      ['the last tag byte', wrapped.length - 1],
    ])('a flipped bit in %s', (_region, index) => {
      expect(() => unwrapKey(key, flipped(wrapped, index), aad, cipher)).toThrow(UnwrapError);
    });

    it('every single flipped byte, wherever it is', () => {
      for (let index = 0; index < wrapped.length; index++) {
        expect(() => unwrapKey(key, flipped(wrapped, index), aad, cipher)).toThrow(UnwrapError);
      }
    });

    it.each([0, 1, WRAP_NONCE_BYTES, WRAP_OVERHEAD_BYTES - 1, wrapped.length - 1])('input truncated to %i bytes', (length) => {
      expect(() => unwrapKey(key, wrapped.subarray(0, length), aad, cipher)).toThrow(UnwrapError);
    });

    it('input with a byte appended', () => {
      expect(() => unwrapKey(key, concatBytes(wrapped, new Uint8Array([0])), aad, cipher)).toThrow(UnwrapError);
    });

    it('a different AAD (another encryption context)', () => {
      const otherAad = encodeEncryptionContext({ 'aws:s3:arn': 'arn:aws:s3:::photos/dog.jpg' });
      expect(() => unwrapKey(key, wrapped, otherAad, cipher)).toThrow(UnwrapError);
      expect(() => unwrapKey(key, wrapped, new Uint8Array(0), cipher)).toThrow(UnwrapError);
    });

    it('a different key', () => {
      expect(() => unwrapKey(otherKey, wrapped, aad, cipher)).toThrow(UnwrapError);
    });

    it('with one message that names no detail', () => {
      let caught: unknown;
      try {
        unwrapKey(otherKey, wrapped, aad, cipher);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UnwrapError);
      expect((caught as Error).message).toBe('wrapped value failed authentication');
    });
  });

  it('refuses a wrapping key that is not 32 bytes, on both sides', () => {
    const short = new Uint8Array(16);
    expect(() => wrapKey(short, dataKey, aad, systemRandom, cipher)).toThrow(RangeError);
    expect(() => unwrapKey(short, new Uint8Array(WRAP_OVERHEAD_BYTES + 32), aad, cipher)).toThrow(RangeError);
  });
});

describe('the two wrap ciphers', () => {
  it('produce the same bytes, and each opens what the other wrapped', () => {
    const byNoble = wrapKey(key, dataKey, aad, countingRandom(3), nobleWrapCipher);
    const byOpenssl = wrapKey(key, dataKey, aad, countingRandom(3), opensslWrapCipher);
    expect(hex(byOpenssl)).toBe(hex(byNoble));
    expect(hex(unwrapKey(key, byNoble, aad, opensslWrapCipher))).toBe(hex(dataKey));
    expect(hex(unwrapKey(key, byOpenssl, aad, nobleWrapCipher))).toBe(hex(dataKey));
  });
});

describe('concatBytes', () => {
  it('joins parts in order, including empty ones', () => {
    expect(hex(concatBytes(new Uint8Array([1, 2]), new Uint8Array(0), new Uint8Array([3])))).toBe('010203');
    expect(concatBytes()).toHaveLength(0);
  });
});
