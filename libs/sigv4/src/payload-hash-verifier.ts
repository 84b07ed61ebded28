import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { BodyDecoder } from './body-decoder';
import { SigV4Error } from './sigv4-error';

/**
 * Passes a plain (not aws-chunked) body through unchanged and, when the
 * signature covered its SHA-256 (`x-amz-content-sha256: <hex>`), hashes it
 * on the way and fails the stream at its end with XAmzContentSHA256Mismatch
 * if the bytes differ from what was signed. Without an expected hash
 * (`UNSIGNED-PAYLOAD`, anonymous requests) it is a plain pass-through.
 */
export class PayloadHashVerifier extends Transform implements BodyDecoder {
  readonly checksum = undefined;
  readonly #expected: string | undefined;
  readonly #hash: Hash | undefined;

  /** @param expectedSha256 lower-case hex SHA-256 the body must have, or undefined to check nothing. */
  constructor(expectedSha256: string | undefined) {
    super();
    this.#expected = expectedSha256;
    this.#hash = expectedSha256 === undefined ? undefined : createHash('sha256');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const computed = this.#hash?.digest('hex');
    if (computed === undefined || computed === this.#expected) {
      callback();
      return;
    }
    callback(
      new SigV4Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
        details: { ClientComputedContentSHA256: this.#expected ?? '', S3ComputedContentSHA256: computed },
      }),
    );
  }
}
