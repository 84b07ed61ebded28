/**
 * Checksums for S3: the additional checksums clients send and ask for
 * (CRC32, CRC32C, CRC64NVME, SHA1, SHA256 in `x-amz-checksum-*`), MD5 for
 * ETags and Content-MD5, and the multipart forms: the composite
 * "checksum of checksums" (`<base64>-<parts>`), the full-object CRC combined
 * from part CRCs, and the multipart ETag.
 *
 * All are incremental ({@link createChecksum}), so the storage service
 * computes them on the stream as the bytes go by. Values match the AWS SDK
 * for JavaScript's own checksum code byte for byte (tested).
 */
export {
  S3_CHECKSUM_ALGORITHMS,
  checksumHeaderName,
  checksumTypesOf,
  digestLength,
  isCrcAlgorithm,
  parseChecksumAlgorithm,
  type ChecksumAlgorithm,
  type ChecksumType,
  type CrcAlgorithm,
} from './checksum-algorithm';
export { createChecksum, checksumOf, type Checksum } from './checksum';
export { encodeChecksum, decodeChecksum } from './checksum-encoding';
export { crc32c } from './crc32c';
export { crc64nvme } from './crc64-nvme';
export { combineCrc } from './crc-combine';
export { compositeChecksum, fullObjectChecksum, type PartChecksum } from './multipart-checksum';
export { multipartEtag } from './multipart-etag';
