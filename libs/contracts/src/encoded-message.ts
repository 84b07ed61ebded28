import { BinaryWriter } from '@bufbuild/protobuf/wire';

/**
 * A writer that starts with a whole encoded message: `finish()` returns it
 * as is when nothing more was written (what gRPC does), else followed by
 * what was, and resets like any writer.
 */
export class EncodedMessage extends BinaryWriter {
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

/** The length of a bytes field's header, a one-byte tag and the varint length, for `length` bytes. */
function headerLength(length: number): number {
  let bytes = 2;
  for (let rest = length >>> 7; rest > 0; rest >>>= 7) bytes++;
  return bytes;
}

/**
 * An encoded message that fills its whole ArrayBuffer, and hands that
 * ArrayBuffer to `Buffer.from`, which nice-grpc calls on every serialized
 * message: Node makes a view of what `valueOf()` returns when it is not the
 * object itself (documented for `Buffer.from(object)`), where it would copy
 * a Uint8Array. For everyone else it is an ordinary Uint8Array.
 */
export class WholeMessage extends Uint8Array<ArrayBuffer> {
  /** Views of a part of it (`subarray`, `slice`, `map`) are plain Uint8Arrays. */
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }
}
Object.defineProperty(WholeMessage.prototype, 'valueOf', {
  value(this: WholeMessage): ArrayBuffer | WholeMessage {
    return this.byteOffset === 0 && this.byteLength === this.buffer.byteLength ? this.buffer : this;
  },
});

/**
 * A message holding a bytes field of `length` bytes (its one-byte `tag`
 * and length written, its bytes not yet), with room for `before` bytes of
 * other fields ahead of it and `after` bytes behind it, in one allocation
 * of the exact size; returns the message and where the field's bytes go
 * (they end where the fields behind it start).
 */
export function newBytesFieldMessage(tag: number, length: number, room: { readonly before?: number; readonly after?: number } = {}): { message: WholeMessage; dataOffset: number } {
  const before = room.before ?? 0;
  const size = before + headerLength(length) + length + (room.after ?? 0);
  const message = new WholeMessage(Buffer.allocUnsafeSlow(size).buffer, 0, size);
  let position = before;
  message[position++] = tag;
  let rest = length;
  while (rest > 0x7f) {
    message[position++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  message[position++] = rest;
  return { message, dataOffset: position };
}
