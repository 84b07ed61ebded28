import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { DATA_KEY_BYTES, STREAM_ID_BYTES } from './segment-format';

const encoder = new TextEncoder();
/** HKDF salt: fixed, naming the format, so these keys differ from any other use of the data key. */
const STREAM_KEY_SALT = encoder.encode('strongroom/object-data/v1');
/** HKDF info prefix; the stream id follows it. */
const STREAM_KEY_LABEL = encoder.encode('strongroom/object-data/v1/stream-key');
/** The counter byte of HKDF-Expand's first (and, for a 32-byte key, only) block. */
const FIRST_BLOCK = Uint8Array.of(1);

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
 * Written out as RFC 5869's two HMACs (extract, then the one expand block
 * a 32-byte key needs): a third of hkdfSync's cost, paid on every read and
 * write of a stream.
 */
export function deriveStreamKey(dataKey: Uint8Array, streamId: Uint8Array): KeyObject {
  assertStreamKeyInputs(dataKey, streamId);
  const pseudoRandomKey = createHmac('sha256', STREAM_KEY_SALT).update(dataKey).digest();
  const raw = createHmac('sha256', pseudoRandomKey).update(STREAM_KEY_LABEL).update(streamId).update(FIRST_BLOCK).digest();
  pseudoRandomKey.fill(0);
  const key = createSecretKey(raw);
  raw.fill(0);
  return key;
}

/** The 16 bytes of a UUID in its canonical text form (any case), for use as a stream id. */
export function streamIdFromUuid(uuid: string): Uint8Array {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) throw new RangeError('not a UUID');
  return Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}
