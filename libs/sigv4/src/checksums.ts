import { createChecksum } from '@strongroom/checksums';

/** The trailing checksum headers S3 accepts, by trailer name. */
export const CHECKSUM_TRAILERS = {
  'x-amz-checksum-crc32': 'CRC32',
  'x-amz-checksum-crc32c': 'CRC32C',
  'x-amz-checksum-crc64nvme': 'CRC64NVME',
  'x-amz-checksum-sha1': 'SHA1',
  'x-amz-checksum-sha256': 'SHA256',
} as const;

/** A trailer name that carries a checksum, e.g. `x-amz-checksum-crc32`. */
export type ChecksumTrailerName = keyof typeof CHECKSUM_TRAILERS;

/** An S3 additional-checksum algorithm that can arrive as a trailer. */
export type TrailerChecksumAlgorithm = (typeof CHECKSUM_TRAILERS)[ChecksumTrailerName];

/** True for a trailer name S3 accepts. */
export function isChecksumTrailerName(name: string): name is ChecksumTrailerName {
  return Object.hasOwn(CHECKSUM_TRAILERS, name);
}

/** An incremental checksum: fed the decoded body, then asked for its digest (the raw bytes S3 base64-encodes). */
export interface ChecksumHasher {
  update(data: Uint8Array): void;
  digest(): Buffer;
}

/** Makes a hasher for an algorithm, or undefined to leave that algorithm to the caller. */
export type ChecksumFactory = (algorithm: TrailerChecksumAlgorithm) => ChecksumHasher | undefined;

/** The default: every trailer algorithm, from `@strongroom/checksums`. */
export const defaultChecksums: ChecksumFactory = (algorithm) => createChecksum(algorithm);
