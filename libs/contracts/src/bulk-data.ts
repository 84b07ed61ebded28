import type { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import { EncodedMessage, newBytesFieldMessage, type WholeMessage } from './encoded-message';
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

/** A data message of `length` bytes of data, its header written and its data not yet; returns the message and where the data goes. */
function newDataMessage(length: number): { message: WholeMessage; dataOffset: number } {
  return newBytesFieldMessage(DATA_TAG, length);
}

/** The data buffers made by {@link dataMessagePayloads}, each with the message it is the tail of. */
const FRAMED = new WeakMap<Uint8Array, WholeMessage>();

/**
 * The protobuf encoding of a message holding only `data`. For data from
 * {@link dataMessagePayloads}, the message it already sits in, with no copy;
 * for any other, one allocation of the exact size and one copy. The generic
 * writer grows a zero-filled buffer by doubling, shifts the payload to fit
 * the length prefix, then copies it out again, which for messages of
 * hundreds of KiB costs more CPU than the encryption of the same bytes.
 */
export function encodeDataMessage(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const framed = FRAMED.get(data);
  if (framed !== undefined) return framed;
  const { message, dataOffset } = newDataMessage(data.length);
  message.set(data, dataOffset);
  return message;
}

/** Copies `chunks` (of `length` bytes in all) into the data of a new data message; returns that data. */
function gather(chunks: readonly Uint8Array[], length: number): Buffer {
  const { message, dataOffset } = newDataMessage(length);
  let offset = dataOffset;
  for (const chunk of chunks) {
    message.set(chunk, offset);
    offset += chunk.length;
  }
  const data = Buffer.from(message.buffer, dataOffset, length);
  FRAMED.set(data, message);
  return data;
}

/**
 * How many pieces a message being gathered holds as they came before they
 * are joined into one. A source of one-byte pieces (a client sending its
 * body one byte per HTTP chunk) would otherwise hold a Buffer object per
 * byte of a 512 KiB message: a quarter of a gigabyte for one upload.
 */
const MAX_LOOSE_PIECES = 1024;

/**
 * Adds `piece` to `pending`, joining the last {@link MAX_LOOSE_PIECES}
 * pieces into one when they reach that many. Pieces already joined are not
 * joined again: each byte is copied once at most.
 */
function addPiece(pending: Uint8Array[], loose: number, piece: Uint8Array): number {
  pending.push(piece);
  if (loose + 1 < MAX_LOOSE_PIECES) return loose + 1;
  pending.push(Buffer.concat(pending.splice(pending.length - MAX_LOOSE_PIECES)));
  return 0;
}

/** What {@link settledWithin} answers when the wait ran out. */
const TIMED_OUT = Symbol('timed out');

/** `reading`, or {@link TIMED_OUT} when it has not settled within `ms`. */
async function settledWithin<T>(reading: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(ms, 0));
  });
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Regroups a byte stream into the `data` of bulk messages: `size` bytes
 * each, the last maybe fewer, so bulk data crosses a gRPC hop as a few large
 * messages rather than many 16-64 KiB ones. Each is copied once, into a
 * buffer that already holds its message header, so encoding it
 * ({@link encodeDataMessage}) and nice-grpc's `Buffer.from` copy nothing;
 * grpc-js's framing is then the only other copy on the sending side.
 * Backpressure holds: the next chunk is read only when the consumer asks
 * for the next message. With `flushAfterMs`, bytes held that long for a
 * message go as a smaller one, so a slow source never looks silent to the
 * receiver (an upload at 8 KB/s would otherwise send one 512 KiB message
 * a minute).
 */
export async function* dataMessagePayloads(source: AsyncIterable<Uint8Array>, size: number, options: { readonly flushAfterMs?: number } = {}): AsyncGenerator<Buffer> {
  if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`a data message holds a positive whole number of bytes, not ${size}`);
  const { flushAfterMs } = options;
  const chunks = source[Symbol.asyncIterator]();
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  /** Pieces at the end of `pending` not yet joined ({@link addPiece}). */
  let loose = 0;
  /** When the bytes pending began to wait. */
  let pendingSince = 0;
  let sourceEnded = false;
  try {
    for (;;) {
      const reading = chunks.next();
      let next = pendingSize > 0 && flushAfterMs !== undefined ? await settledWithin(reading, pendingSince + flushAfterMs - Date.now()) : await reading;
      if (next === TIMED_OUT) {
        const flushed = gather(pending, pendingSize);
        pending = [];
        pendingSize = 0;
        loose = 0;
        reading.catch(() => undefined); // should the consumer stop at this yield, nobody else would await the read
        yield flushed;
        next = await reading;
      }
      if (next.done === true) break;
      let rest = next.value;
      while (pendingSize + rest.length >= size) {
        const take = size - pendingSize;
        pending.push(rest.subarray(0, take));
        yield gather(pending, size);
        rest = rest.subarray(take);
        pending = [];
        pendingSize = 0;
        loose = 0;
      }
      if (rest.length > 0) {
        if (pendingSize === 0) pendingSince = Date.now();
        loose = addPiece(pending, loose, rest);
        pendingSize += rest.length;
      }
    }
    sourceEnded = true;
    if (pendingSize > 0) yield gather(pending, pendingSize);
  } finally {
    if (!sourceEnded) await chunks.return?.();
  }
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
