import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ChecksumAlgorithm } from './checksum-algorithm';
import { crc32c } from './crc32c';
import { crc64nvme } from './crc64-nvme';

/** An incremental checksum: feed it chunks in order, then take the digest once. */
export interface Checksum {
  /** Which checksum this computes. */
  readonly algorithm: ChecksumAlgorithm;
  /** Adds `chunk` (any length, including 0). Returns the checksum, for chaining. */
  update(chunk: Uint8Array): this;
  /**
   * The raw digest: big-endian bytes for the CRCs (4 or 8), the hash bytes
   * otherwise. Ends the checksum: a later `update` or `digest` throws.
   */
  digest(): Buffer;
}

/** The CRCs: a register value continued chunk by chunk, written big-endian at the end. */
class CrcChecksum<T extends number | bigint> implements Checksum {
  private done = false;

  constructor(
    readonly algorithm: ChecksumAlgorithm,
    private value: T,
    private readonly step: (chunk: Uint8Array, previous: T) => T,
    private readonly encode: (value: T) => Buffer,
  ) {}

  update(chunk: Uint8Array): this {
    if (this.done) throw new Error('checksum already digested');
    this.value = this.step(chunk, this.value);
    return this;
  }

  digest(): Buffer {
    if (this.done) throw new Error('checksum already digested');
    this.done = true;
    return this.encode(this.value);
  }
}

/** The hashes, from node:crypto (OpenSSL). */
class HashChecksum implements Checksum {
  private readonly hash: Hash;
  private done = false;

  constructor(
    readonly algorithm: ChecksumAlgorithm,
    opensslName: string,
  ) {
    this.hash = createHash(opensslName);
  }

  update(chunk: Uint8Array): this {
    if (this.done) throw new Error('checksum already digested');
    this.hash.update(chunk);
    return this;
  }

  digest(): Buffer {
    if (this.done) throw new Error('checksum already digested');
    this.done = true;
    return this.hash.digest();
  }
}

function uint32(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value, 0);
  return out;
}

function uint64(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigUInt64BE(value, 0);
  return out;
}

/**
 * A new incremental checksum. CRC32 is zlib's (native); CRC32C and CRC64NVME
 * are this library's table-driven JavaScript; SHA-1, SHA-256 and MD5 are
 * node:crypto. Every digest matches what the AWS SDKs send, byte for byte.
 */
export function createChecksum(algorithm: ChecksumAlgorithm): Checksum {
  switch (algorithm) {
    case 'CRC32':
      return new CrcChecksum<number>(algorithm, 0, (chunk, previous) => crc32(chunk, previous), uint32);
    case 'CRC32C':
      return new CrcChecksum<number>(algorithm, 0, crc32c, uint32);
    case 'CRC64NVME':
      return new CrcChecksum<bigint>(algorithm, 0n, crc64nvme, uint64);
    case 'SHA1':
      return new HashChecksum(algorithm, 'sha1');
    case 'SHA256':
      return new HashChecksum(algorithm, 'sha256');
    case 'MD5':
      return new HashChecksum(algorithm, 'md5');
  }
}

/** The digest of `data` in one call. */
export function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): Buffer {
  return createChecksum(algorithm).update(data).digest();
}
