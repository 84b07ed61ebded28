import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { DATA_KEY_BYTES, STREAM_ID_BYTES } from './segment-format';

const encoder = new TextEncoder();
/** HKDF salt: fixed, naming the format, so these keys differ from any other use of the data key. */
const STREAM_KEY_SALT = encoder.encode('strongroom/object-data/v1');
/** HKDF info prefix; the stream id follows it. */
const STREAM_KEY_LABEL = encoder.encode('strongroom/object-data/v1/stream-key');

/** Checks the inputs every sealed stream is keyed by: a 32-byte data key and a 16-byte stream id. */
export function assertStreamKeyInputs(dataKey: Uint8Array, streamId: Uint8Array): void {
  if (dataKey.length !== DATA_KEY_BYTES) throw new RangeError(`a data key is ${DATA_KEY_BYTES} bytes`);
  if (streamId.length !== STREAM_ID_BYTES) throw new RangeError(`a stream id is ${STREAM_ID_BYTES} bytes`);
}

/**
 * The AES-256-GCM key of one stream:
 * HKDF-SHA256(data key, salt = "strongroom/object-data/v1",
 * info = "strongroom/object-data/v1/stream-key" ‖ stream id), 32 bytes.
 *
 * One key per stream lets the nonce be a plain segment counter: no two
 * streams under one data key (the parts of an upload) ever share a key.
 */
export function deriveStreamKey(dataKey: Uint8Array, streamId: Uint8Array): KeyObject {
  assertStreamKeyInputs(dataKey, streamId);
  const info = new Uint8Array(STREAM_KEY_LABEL.length + STREAM_ID_BYTES);
  info.set(STREAM_KEY_LABEL, 0);
  info.set(streamId, STREAM_KEY_LABEL.length);
  const raw = Buffer.from(hkdfSync('sha256', dataKey, STREAM_KEY_SALT, info, DATA_KEY_BYTES));
  const key = createSecretKey(raw);
  raw.fill(0);
  return key;
}

/** The 16 bytes of a UUID in its canonical text form (any case), for use as a stream id. */
export function streamIdFromUuid(uuid: string): Uint8Array {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) throw new RangeError('not a UUID');
  return Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}
