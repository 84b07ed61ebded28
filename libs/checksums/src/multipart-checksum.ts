import { digestLength, type ChecksumAlgorithm, type CrcAlgorithm } from './checksum-algorithm';
import { checksumOf } from './checksum';
import { encodeChecksum } from './checksum-encoding';
import { combineCrc } from './crc-combine';

/** One part's checksum and plaintext length, in part-number order. */
export interface PartChecksum {
  readonly digest: Uint8Array;
  readonly length: number;
}

/**
 * S3's composite ("checksum of checksums") value of a multipart object:
 * the checksum, with the same algorithm, of the parts' raw digests
 * concatenated in part order, as base64 followed by `-<number of parts>`.
 * For MD5 this is the body of the multipart ETag; see multipartEtag.
 */
export function compositeChecksum(algorithm: Exclude<ChecksumAlgorithm, 'MD5'>, partDigests: readonly Uint8Array[]): string {
  if (partDigests.length === 0) throw new RangeError('a multipart object has at least one part');
  const size = digestLength(algorithm);
  if (partDigests.some((digest) => digest.length !== size)) throw new RangeError(`a ${algorithm} digest is ${size} bytes`);
  return `${encodeChecksum(checksumOf(algorithm, Buffer.concat(partDigests)))}-${partDigests.length}`;
}

/**
 * The CRC of the whole object from its parts' CRCs and lengths (S3's
 * `FULL_OBJECT` checksum type, the only one CRC64NVME has), as the raw
 * big-endian digest: equal to the CRC of all the parts' bytes in order.
 */
export function fullObjectChecksum(algorithm: CrcAlgorithm, parts: readonly PartChecksum[]): Buffer {
  const size = digestLength(algorithm);
  let crc = 0n;
  for (const part of parts) {
    if (part.digest.length !== size) throw new RangeError(`a ${algorithm} digest is ${size} bytes`);
    crc = combineCrc(algorithm, crc, BigInt(`0x${Buffer.from(part.digest).toString('hex')}`), part.length);
  }
  const out = Buffer.alloc(size);
  if (size === 8) out.writeBigUInt64BE(crc, 0);
  else out.writeUInt32BE(Number(crc), 0);
  return out;
}
