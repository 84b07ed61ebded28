import type { Transform } from 'node:stream';
import type { ChecksumFactory, ChecksumTrailerName, TrailerChecksumAlgorithm } from './checksums';
import { SigV4Error } from './sigv4-error';

/** The checksum a client sent as a trailing header, once the body has ended. */
export interface TrailingChecksum {
  /** The trailer name, e.g. `x-amz-checksum-crc32`. */
  readonly name: ChecksumTrailerName;
  readonly algorithm: TrailerChecksumAlgorithm;
  /** The value as sent: base64 of the checksum bytes. */
  readonly value: string;
  /**
   * True when this library computed the checksum of the decoded body and it
   * matched (a mismatch fails the stream with BadDigest). False when the
   * `checksums` option gave no hasher for the algorithm: the caller must
   * check `value`.
   */
  readonly verified: boolean;
}

/**
 * A Transform from the request body as received to the object's bytes. It
 * fails with a {@link SigV4Error} (`XAmzContentSHA256Mismatch`,
 * `SignatureDoesNotMatch`, `IncompleteBody`, `BadDigest`, ...) and, since some
 * of these can only be known at the last byte, the caller must not commit
 * anything until the stream has ended without error.
 */
export interface BodyDecoder extends Transform {
  /** The trailing checksum, set before `end` is emitted; undefined for bodies without one. */
  readonly checksum: TrailingChecksum | undefined;
}

/** Options of a {@link BodyDecoder}. */
export interface BodyDecoderOptions {
  /**
   * Hashers that verify a trailing checksum here.
   * @default defaultChecksums (all five, from `@strongroom/checksums`)
   */
  readonly checksums?: ChecksumFactory;
  /**
   * The largest chunk a signed aws-chunked body may use. A signed chunk is
   * held until its signature verifies, so this bounds memory per request
   * (SDKs use 64 KiB chunks).
   * @default 16 MiB
   */
  readonly maxChunkSize?: number;
}

/** The error for a body shorter or longer than it claimed to be. */
export function incompleteBody(): SigV4Error {
  return new SigV4Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
}
