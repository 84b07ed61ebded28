import { AwsChunkedDecoder } from './aws-chunked-decoder';
import type { BodyDecoder, BodyDecoderOptions } from './body-decoder';
import type { ChunkSigningContext } from './chunk-signature';
import { PayloadHashVerifier } from './payload-hash-verifier';
import type { PayloadMode } from './payload-mode';

/**
 * The {@link BodyDecoder} for a payload mode: a SHA-256 check, a pass-through,
 * or an aws-chunked decoder (`signing` is required for signed chunks).
 */
export function createBodyDecoder(mode: PayloadMode, signing: ChunkSigningContext | undefined, options?: BodyDecoderOptions): BodyDecoder {
  switch (mode.kind) {
    case 'sha256':
      return new PayloadHashVerifier(mode.sha256);
    case 'unsigned':
      return new PayloadHashVerifier(undefined);
    case 'aws-chunked':
      if (mode.signed && !signing) throw new TypeError('signed aws-chunked bodies need a signing context');
      return new AwsChunkedDecoder(
        { signing: mode.signed ? signing : undefined, trailer: mode.trailer, decodedContentLength: mode.decodedContentLength },
        options,
      );
  }
}
