import { checksumOf, createChecksum } from './checksum';
import { S3_CHECKSUM_ALGORITHMS, checksumHeaderName, checksumTypesOf, digestLength, parseChecksumAlgorithm, type ChecksumAlgorithm } from './checksum-algorithm';
import { decodeChecksum, encodeChecksum } from './checksum-encoding';

const check = Buffer.from('123456789');
const vectors: [ChecksumAlgorithm, string, string][] = [
  ['CRC32', 'cbf43926', '00000000'],
  ['CRC32C', 'e3069283', '00000000'],
  ['CRC64NVME', 'ae8b14860a799888', '0000000000000000'],
  ['SHA1', 'f7c3bc1d808e04732adf679965ccc34ca7ae3441', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
  ['SHA256', '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['MD5', '25f9e794323b453885f5181f1b624d0b', 'd41d8cd98f00b204e9800998ecf8427e'],
];

describe.each(vectors)('%s', (algorithm, checkValue, emptyValue) => {
  it('digests "123456789" and the empty input to the known values', () => {
    expect(checksumOf(algorithm, check).toString('hex')).toBe(checkValue);
    expect(checksumOf(algorithm, new Uint8Array(0)).toString('hex')).toBe(emptyValue);
    expect(checksumOf(algorithm, check)).toHaveLength(digestLength(algorithm));
  });

  it('gives the same digest however the input is chunked', () => {
    const data = Buffer.from(Array.from({ length: 200_003 }, (_, i) => (i * 131 + (i >> 9)) & 0xff));
    const whole = checksumOf(algorithm, data).toString('hex');
    for (const size of [1, 7, 16, 4096, 65_536, 100_000]) {
      const checksum = createChecksum(algorithm);
      for (let offset = 0; offset < data.length; offset += size) checksum.update(data.subarray(offset, offset + size));
      expect(checksum.digest().toString('hex')).toBe(whole);
    }
  });

  it('refuses updates and a second digest after the digest', () => {
    const checksum = createChecksum(algorithm).update(check);
    checksum.digest();
    expect(() => checksum.update(check)).toThrow('already digested');
    expect(() => checksum.digest()).toThrow('already digested');
  });
});

describe('base64 values', () => {
  it('encodes digests as S3 sends them', () => {
    expect(encodeChecksum(checksumOf('CRC32', check))).toBe('y/Q5Jg==');
    expect(encodeChecksum(checksumOf('CRC64NVME', check))).toBe('rosUhgp5mIg=');
  });

  it('decodes a value of the right length for its algorithm', () => {
    expect(decodeChecksum('CRC32', 'y/Q5Jg==')?.toString('hex')).toBe('cbf43926');
    expect(decodeChecksum('CRC64NVME', 'rosUhgp5mIg=')?.toString('hex')).toBe('ae8b14860a799888');
  });

  it.each([
    ['a digest of another length', 'CRC32', 'rosUhgp5mIg='],
    ['missing padding', 'CRC32', 'y/Q5Jg'],
    ['URL-safe characters', 'CRC32', 'y_Q5Jg=='],
    ['whitespace', 'CRC32', ' y/Q5Jg=='],
    ['an empty value', 'CRC32', ''],
    ['a composite value', 'SHA256', 'y/Q5Jg==-2'],
    ['non-canonical base64 (bits set past the digest)', 'CRC32', 'y/Q5Jh=='],
    ['non-canonical base64 of an 8-byte digest', 'CRC64NVME', 'rosUhgp5mIh='],
  ] as const)('refuses %s', (_what, algorithm, value) => {
    expect(decodeChecksum(algorithm, value)).toBeUndefined();
  });
});

describe('algorithm names', () => {
  it('parses the S3 names in any case and nothing else', () => {
    expect(S3_CHECKSUM_ALGORITHMS.map((name) => parseChecksumAlgorithm(name.toLowerCase()))).toEqual(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256']);
    expect(parseChecksumAlgorithm('MD5')).toBeUndefined();
    expect(parseChecksumAlgorithm('CRC64')).toBeUndefined();
  });

  it('names the headers and the multipart checksum types S3 allows', () => {
    expect(checksumHeaderName('CRC64NVME')).toBe('x-amz-checksum-crc64nvme');
    expect(checksumTypesOf('CRC64NVME')).toEqual(['FULL_OBJECT']);
    expect(checksumTypesOf('CRC32C')).toEqual(['COMPOSITE', 'FULL_OBJECT']);
    expect(checksumTypesOf('SHA256')).toEqual(['COMPOSITE']);
  });
});
