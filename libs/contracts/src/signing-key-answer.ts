import type { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import { EncodedMessage, newBytesFieldMessage } from './encoded-message';
import * as policyV1 from './gen/index.strongroom.policy.v1';

type SigningKeyAnswerType = typeof policyV1.GetSigningKeyResponse;

/** Field 1, wire type 2 (length-delimited): the tag byte of `bytes signing_key = 1`. */
const SIGNING_KEY_TAG = (1 << 3) | 2;

const NO_KEY = Buffer.alloc(0);

/**
 * GetSigningKeyResponse's encoding: `signing_key` first, as the generated
 * encoder writes it, then the rest by the generated encoder, which then
 * never holds the key (its growing buffer would keep a copy). Same bytes.
 * The answer's key is zeroed once copied into the message, and the message
 * once the job that asked for it has run (a microtask): gRPC's server
 * copies it into its frame at once, in `serializeMessage`, and keeps no
 * reference (@grpc/grpc-js 1.14). The message is a {@link WholeMessage}, so
 * nice-grpc's `Buffer.from` is a view of it, not another copy.
 */
function encodeWiping(type: SigningKeyAnswerType, answer: policyV1.GetSigningKeyResponse): EncodedMessage {
  const key = answer.signingKey;
  const rest = type.encode({ ...answer, signingKey: NO_KEY }).finish();
  const { message, dataOffset } = newBytesFieldMessage(SIGNING_KEY_TAG, key.length, rest.length);
  message.set(key, dataOffset);
  message.set(rest, dataOffset + key.length);
  key.fill(0);
  queueMicrotask(() => message.fill(0));
  return new EncodedMessage(message);
}

/**
 * GetSigningKeyResponse's type with its key wiped wherever Strongroom's
 * code holds it in transit: on the server, the answer's key and the
 * encoded message once gRPC has framed it; on the client, the received
 * message once decoded (the decoded key is a copy of its own, the
 * caller's to wipe). The frames of gRPC and HTTP/2 (and TLS) themselves
 * are out of reach.
 */
function wipingSigningKeyAnswer(type: SigningKeyAnswerType): SigningKeyAnswerType {
  return {
    ...type,
    encode(answer: policyV1.GetSigningKeyResponse, writer?: BinaryWriter): BinaryWriter {
      return writer === undefined && answer.signingKey.length > 0 ? encodeWiping(type, answer) : type.encode(answer, writer);
    },
    decode(input: BinaryReader | Uint8Array, length?: number): policyV1.GetSigningKeyResponse {
      const answer = type.decode(input, length);
      if (input instanceof Uint8Array && length === undefined) input.fill(0);
      return answer;
    },
  };
}

const generated = policyV1.PolicyServiceDefinition;

/**
 * The policy service's definition with GetSigningKey's answer wiped in
 * transit ({@link wipingSigningKeyAnswer}): the same bytes on the wire as
 * `policyV1.PolicyServiceDefinition`. The policy server and every client
 * that asks for signing keys use this one.
 */
export const policyServiceDefinition: typeof generated = {
  ...generated,
  methods: {
    ...generated.methods,
    getSigningKey: { ...generated.methods.getSigningKey, responseType: wipingSigningKeyAnswer(generated.methods.getSigningKey.responseType) },
  },
};
