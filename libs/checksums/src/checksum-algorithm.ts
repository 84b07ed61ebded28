/** The additional checksums S3 accepts (`x-amz-checksum-algorithm`), plus MD5 for ETags and Content-MD5. */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256' | 'MD5';

/** The CRCs among them: the ones a full-object checksum of a multipart upload can be computed for. */
export type CrcAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME';

/** The algorithms S3 names in `x-amz-checksum-algorithm` and `x-amz-checksum-<name>` headers, in S3's order. */
export const S3_CHECKSUM_ALGORITHMS: readonly Exclude<ChecksumAlgorithm, 'MD5'>[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/**
 * How the checksum of a multipart object is formed (`x-amz-checksum-type`):
 * a checksum of the parts' checksums (`COMPOSITE`, shown as `<base64>-<parts>`),
 * or the checksum of the whole object's bytes (`FULL_OBJECT`).
 */
export type ChecksumType = 'COMPOSITE' | 'FULL_OBJECT';

const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32, MD5: 16 };

/** Bytes in a digest of `algorithm` (4 for CRC32 and CRC32C, 8 for CRC64NVME, …). */
export function digestLength(algorithm: ChecksumAlgorithm): number {
  return DIGEST_BYTES[algorithm];
}

/** Whether `algorithm` is a CRC, for which part checksums combine into a full-object checksum. */
export function isCrcAlgorithm(algorithm: ChecksumAlgorithm): algorithm is CrcAlgorithm {
  return algorithm === 'CRC32' || algorithm === 'CRC32C' || algorithm === 'CRC64NVME';
}

/**
 * The multipart checksum types S3 allows for `algorithm`: CRC64NVME is full-object
 * only, SHA-1 and SHA-256 composite only, CRC32 and CRC32C either.
 */
export function checksumTypesOf(algorithm: Exclude<ChecksumAlgorithm, 'MD5'>): readonly ChecksumType[] {
  if (algorithm === 'CRC64NVME') return ['FULL_OBJECT'];
  return isCrcAlgorithm(algorithm) ? ['COMPOSITE', 'FULL_OBJECT'] : ['COMPOSITE'];
}

/** The header that carries a checksum of `algorithm`: `x-amz-checksum-crc32`, `x-amz-checksum-sha256`, … */
export function checksumHeaderName(algorithm: Exclude<ChecksumAlgorithm, 'MD5'>): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/**
 * Parses an algorithm name as clients send it (`x-amz-checksum-algorithm`,
 * `x-amz-sdk-checksum-algorithm`, `ChecksumAlgorithm` in XML): one of the S3
 * names, in any case. Returns undefined for anything else, MD5 included.
 */
export function parseChecksumAlgorithm(name: string): Exclude<ChecksumAlgorithm, 'MD5'> | undefined {
  const upper = name.toUpperCase();
  return S3_CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper);
}
