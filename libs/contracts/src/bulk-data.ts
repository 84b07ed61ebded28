import { BinaryWriter, type BinaryReader } from '@bufbuild/protobuf/wire';
import * as storageV1 from './gen/index.strongroom.storage.v1';

/** A streamed message whose `part` oneof carries object bytes as field 2, `data` (PutObjectRequest, UploadPartRequest, GetObjectResponse). */
interface StreamedMessage {
  part?: { $case: string; value: unknown } | undefined;
}

/** What ts-proto generates for a streamed message type; only `encode` and `decode` are replaced. */
interface MessageType {
  encode(message: StreamedMessage, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): StreamedMessage;
}

/** Field 2, wire type 2 (length-delimited): the tag byte of `bytes data = 2`. */
const DATA_TAG = (2 << 3) | 2;

/**
 * A writer that starts with a whole encoded message: `finish()` returns it
 * as is when nothing more was written (what gRPC does), else followed by
 * what was, and resets like any writer.
 */
class EncodedMessage extends BinaryWriter {
  #encoded: Uint8Array<ArrayBuffer>;

  constructor(encoded: Uint8Array<ArrayBuffer>) {
    super();
    this.#encoded = encoded;
  }

  override finish(): Uint8Array<ArrayBuffer> {
    const encoded = this.#encoded;
    const more = super.finish();
    this.#encoded = new Uint8Array(0);
    return more.length === 0 ? encoded : Buffer.concat([encoded, more]);
  }
}

/**
 * The protobuf encoding of a message holding only `data`: one allocation of
 * the exact size and one copy. The generic writer grows a zero-filled buffer
 * by doubling, shifts the payload to fit the length prefix, then copies it
 * out again, which for messages of hundreds of KiB costs more CPU than the
 * encryption of the same bytes.
 */
export function encodeDataMessage(data: Uint8Array): Uint8Array<ArrayBuffer> {
  let lengthBytes = 1;
  for (let rest = data.length >>> 7; rest > 0; rest >>>= 7) lengthBytes++;
  const encoded = Buffer.allocUnsafe(1 + lengthBytes + data.length);
  encoded[0] = DATA_TAG;
  let position = 1;
  let rest = data.length;
  while (rest > 0x7f) {
    encoded[position++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  encoded[position++] = rest;
  encoded.set(data, position);
  return encoded;
}

/**
 * The `data` of a message that holds only `data` (exactly what
 * {@link encodeDataMessage} writes), as a view of `encoded` without a copy;
 * undefined for any other message, which the generated decoder then reads.
 */
export function decodeDataMessage(encoded: Uint8Array): Buffer | undefined {
  if (encoded.length < 2 || encoded[0] !== DATA_TAG) return undefined;
  let length = 0;
  let position = 1;
  for (let shift = 0; ; shift += 7) {
    const byte = encoded[position++];
    if (byte === undefined || shift > 28) return undefined;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (position + length !== encoded.length) return undefined;
  return Buffer.from(encoded.buffer, encoded.byteOffset + position, length);
}

function withDataFastPath<T extends MessageType>(type: T): T {
  return {
    ...type,
    decode(input: BinaryReader | Uint8Array, length?: number): StreamedMessage {
      const data = input instanceof Uint8Array && length === undefined ? decodeDataMessage(input) : undefined;
      return data === undefined ? type.decode(input, length) : { part: { $case: 'data', value: data } };
    },
    encode(message: StreamedMessage, writer?: BinaryWriter): BinaryWriter {
      const part = message.part;
      if (writer === undefined && part?.$case === 'data' && part.value instanceof Uint8Array) return new EncodedMessage(encodeDataMessage(part.value));
      return type.encode(message, writer);
    },
  };
}

const generated = storageV1.StorageServiceDefinition;

/**
 * The storage service's definition with the bulk data messages (PutObject
 * and UploadPart requests, GetObject responses) encoded by
 * {@link encodeDataMessage} and decoded by {@link decodeDataMessage}: the
 * same bytes on the wire as `storageV1.StorageServiceDefinition`, with one
 * copy of the data less on each side and none of the generic writer's
 * growing. Servers and clients of the storage service use this one.
 */
export const storageServiceDefinition: typeof generated = {
  ...generated,
  methods: {
    ...generated.methods,
    putObject: { ...generated.methods.putObject, requestType: withDataFastPath(generated.methods.putObject.requestType) },
    uploadPart: { ...generated.methods.uploadPart, requestType: withDataFastPath(generated.methods.uploadPart.requestType) },
    getObject: { ...generated.methods.getObject, responseType: withDataFastPath(generated.methods.getObject.responseType) },
  },
};
