import { BinaryReader, type BinaryWriter } from '@bufbuild/protobuf/wire';
import { EncodedMessage, newBytesFieldMessage, type WholeMessage } from './encoded-message';

/** What ts-proto generates for a message type; only `encode` and `decode` are replaced. */
interface MessageType<Message> {
  encode(message: Message, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): Message;
}

/** The names of a generated message's `bytes` fields. */
type BytesFieldName<Message> = { [Name in keyof Message]: Message[Name] extends Buffer ? Name : never }[keyof Message] & string;

/** A `bytes` field that holds a secret: its name in the generated message, and its number in the proto (1 to 15: a one-byte tag). */
export interface SecretField<Message> {
  readonly name: BytesFieldName<Message>;
  readonly number: number;
}

/** Who encodes the message: a server, answering, or a client, asking. */
export type SecretHolder = 'answer' | 'request';

const NO_BYTES = Buffer.alloc(0);

/** The encoded requests holding each secret a client sent, until its call is over ({@link wipeSentSecrets}). */
const SENT = new WeakMap<Uint8Array, WholeMessage[]>();

/** How many bytes of `encoded` (a message without the secret field) are fields numbered below `number`: ts-proto writes fields in their order. */
function lengthOfFieldsBefore(encoded: Uint8Array, number: number): number {
  const reader = new BinaryReader(encoded);
  while (reader.pos < reader.len) {
    const start = reader.pos;
    const [fieldNumber, wireType] = reader.tag();
    if (fieldNumber > number) return start;
    reader.skip(wireType, fieldNumber);
  }
  return reader.len;
}

/**
 * `message` encoded with `secret` copied once, straight into its place in
 * one allocation of the exact size: the other fields are encoded by the
 * generated encoder, which never holds the secret (its growing buffer
 * would keep a copy). The same bytes as the generated encoder's.
 */
function encodeAround<Message>(type: MessageType<Message>, message: Message, field: SecretField<Message>, secret: Uint8Array): WholeMessage {
  const others = type.encode({ ...message, [field.name]: NO_BYTES }).finish();
  const before = lengthOfFieldsBefore(others, field.number);
  const { message: encoded, dataOffset } = newBytesFieldMessage((field.number << 3) | 2, secret.length, { before, after: others.length - before });
  encoded.set(others.subarray(0, before));
  encoded.set(secret, dataOffset);
  encoded.set(others.subarray(before), dataOffset + secret.length);
  return encoded;
}

/**
 * `type` with the secret of `field` wiped wherever Strongroom's code holds
 * it in transit. An answer's secret is zeroed once copied into the encoded
 * message, and the message once the job that asked for it has run (a
 * microtask): gRPC's server copies it into its frame at once, in
 * `serializeMessage`, and keeps no reference (@grpc/grpc-js 1.14). A
 * request's secret stays its caller's; its encoded message is wiped when
 * its call is over ({@link wipeSentSecrets}), since a client may hold it
 * until it is connected, and again for a transparent retry. Either message
 * is a {@link WholeMessage}, so nice-grpc's `Buffer.from` is a view of it,
 * not another copy. A received message is zeroed once decoded (the decoded
 * secret is a copy of its own, the receiver's to wipe). The frames of gRPC
 * and HTTP/2 (and TLS) themselves are out of reach.
 */
export function wipingSecretField<Message, Type extends MessageType<Message>>(type: Type, field: SecretField<Message>, holder: SecretHolder): Type {
  return {
    ...type,
    encode(message: Message, writer?: BinaryWriter): BinaryWriter {
      const secret = message[field.name] as Buffer;
      if (writer !== undefined || secret.length === 0) return type.encode(message, writer);
      const encoded = encodeAround(type, message, field, secret);
      if (holder === 'answer') {
        secret.fill(0);
        queueMicrotask(() => encoded.fill(0));
      } else {
        SENT.set(secret, [...(SENT.get(secret) ?? []), encoded]);
      }
      return new EncodedMessage(encoded);
    },
    decode(input: BinaryReader | Uint8Array, length?: number): Message {
      try {
        return type.decode(input, length);
      } finally {
        if (input instanceof Uint8Array && length === undefined) input.fill(0);
      }
    },
  };
}

/**
 * Wipes the encoded requests a client made of `request`'s secrets (its
 * `bytes` fields that a {@link wipingSecretField} encoder held): for a
 * client whose call is over. The request's own bytes are its caller's.
 */
export function wipeSentSecrets(request: unknown): void {
  if (typeof request !== 'object' || request === null) return;
  for (const value of Object.values(request)) {
    if (!(value instanceof Uint8Array)) continue;
    for (const encoded of SENT.get(value) ?? []) encoded.fill(0);
    SENT.delete(value);
  }
}
