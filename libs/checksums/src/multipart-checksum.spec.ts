import { createHash, randomBytes } from 'node:crypto';
import { checksumOf } from './checksum';
import type { CrcAlgorithm } from './checksum-algorithm';
import { combineCrc } from './crc-combine';
import { compositeChecksum, fullObjectChecksum } from './multipart-checksum';
import { multipartEtag } from './multipart-etag';

const crcs: CrcAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME'];
const asBigInt = (digest: Buffer): bigint => BigInt(`0x${digest.toString('hex')}`);

describe.each(crcs)('%s', (algorithm) => {
  it('combines the CRCs of two pieces into the CRC of both, for any split', () => {
    const data = randomBytes(1000);
    const whole = asBigInt(checksumOf(algorithm, data));
    for (const split of [0, 1, 15, 16, 17, 500, 999, 1000]) {
      const a = asBigInt(checksumOf(algorithm, data.subarray(0, split)));
      const b = asBigInt(checksumOf(algorithm, data.subarray(split)));
      expect(combineCrc(algorithm, a, b, data.length - split)).toBe(whole);
    }
  });

  it('gives the full-object CRC of a multipart object from its parts', () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1), randomBytes(65_537), Buffer.alloc(0)];
    const digest = fullObjectChecksum(
      algorithm,
      parts.map((part) => ({ digest: checksumOf(algorithm, part), length: part.length })),
    );
    expect(digest.toString('hex')).toBe(checksumOf(algorithm, Buffer.concat(parts)).toString('hex'));
  });

  it('refuses a part digest of the wrong length', () => {
    expect(() => fullObjectChecksum(algorithm, [{ digest: new Uint8Array(3), length: 1 }])).toThrow(RangeError);
  });
});

describe('compositeChecksum', () => {
  it('is the checksum of the concatenated part digests, base64, then -N', () => {
    const parts = [Buffer.from('part one'), Buffer.from('part two'), Buffer.from('3')];
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const digests = parts.map((part) => checksumOf(algorithm, part));
      const expected = checksumOf(algorithm, Buffer.concat(digests)).toString('base64');
      expect(compositeChecksum(algorithm, digests)).toBe(`${expected}-3`);
    }
  });

  it('writes -1 for a single part', () => {
    const digest = checksumOf('SHA256', Buffer.from('only part'));
    expect(compositeChecksum('SHA256', [digest])).toMatch(/^[A-Za-z0-9+/]{43}=-1$/);
  });

  it('refuses no parts and digests of the wrong length', () => {
    expect(() => compositeChecksum('CRC32', [])).toThrow(RangeError);
    expect(() => compositeChecksum('CRC32', [new Uint8Array(8)])).toThrow(RangeError);
  });
});

describe('multipartEtag', () => {
  it('is the hex MD5 of the concatenated part MD5s, then -N', () => {
    const md5s = ['a', 'bb', 'ccc'].map((text) => createHash('md5').update(text).digest());
    expect(multipartEtag(md5s)).toBe(`${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-3`);
  });

  it('refuses no parts and digests that are not MD5s', () => {
    expect(() => multipartEtag([])).toThrow(RangeError);
    expect(() => multipartEtag([new Uint8Array(20)])).toThrow(RangeError);
  });
});
