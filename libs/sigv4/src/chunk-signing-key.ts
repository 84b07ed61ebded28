import type { BodyDecoder, BodyDecoderOptions } from './body-decoder';

/** What a verified request offers for its body and its copy of the signing key. */
export interface BodyKeyHandling {
  decodeBody(options?: BodyDecoderOptions): BodyDecoder;
  releaseSigningKey(): void;
}

/** For a request that keeps no signing key: any number of decoders, nothing to release. */
export function keylessBody(decode: (options?: BodyDecoderOptions) => BodyDecoder): BodyKeyHandling {
  return { decodeBody: decode, releaseSigningKey: () => undefined };
}

/**
 * The request's copy of the signing key for a body in signed chunks. It
 * goes one of two ways, once: to the body's decoder (the first
 * `decodeBody()`), which wipes it when the body ends, fails or is
 * destroyed; or, for a request refused before its body is opened, wiped
 * by `releaseSigningKey()`. Releasing is idempotent and leaves a key
 * already handed to a decoder alone; a body asked for after either is a
 * TypeError (its decoder would check chunks against a wiped key).
 */
export function chunkSigningKey(signingKey: Buffer, decode: (options?: BodyDecoderOptions) => BodyDecoder): BodyKeyHandling {
  let state: 'held' | 'handed' | 'released' = 'held';
  return {
    decodeBody: (options) => {
      if (state === 'handed') throw new TypeError('the body of a request in signed chunks is decoded once: its decoder wipes the signing key');
      if (state === 'released') throw new TypeError('the signing key of this request was released: its body in signed chunks can no longer be decoded');
      state = 'handed';
      return decode(options);
    },
    releaseSigningKey: () => {
      if (state !== 'held') return;
      state = 'released';
      signingKey.fill(0);
    },
  };
}
