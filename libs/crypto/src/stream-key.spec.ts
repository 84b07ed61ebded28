import { hkdfSync } from 'node:crypto';
import { deriveStreamKey, streamIdFromUuid } from './stream-key';

const dataKey = Buffer.alloc(32, 7);
const streamId = Buffer.alloc(16, 9);

/** HKDF-SHA256 by node's own implementation, an oracle independent of the two HMACs deriveStreamKey writes out. */
function hkdf(ikm: Uint8Array, salt: string, info: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

const fingerprint = (key: ReturnType<typeof deriveStreamKey>): string => key.export().toString('hex');

describe('deriveStreamKey', () => {
  it('is HKDF-SHA256(data key, salt label, info label ‖ stream id), as segment-format.ts documents', () => {
    const info = Buffer.concat([Buffer.from('strongroom/object-data/v1/stream-key'), streamId]);
    const expected = hkdf(dataKey, 'strongroom/object-data/v1', info);
    const derived = deriveStreamKey(dataKey, streamId);
    expect(derived.symmetricKeySize).toBe(32);
    expect(fingerprint(derived)).toBe(expected.toString('hex'));
  });

  it('gives each stream id and each data key its own key', () => {
    const base = fingerprint(deriveStreamKey(dataKey, streamId));
    const otherStream = Buffer.from(streamId);
    otherStream[15] = 0;
    const otherKey = Buffer.from(dataKey);
    otherKey[0] = 0;
    expect(fingerprint(deriveStreamKey(dataKey, otherStream))).not.toBe(base);
    expect(fingerprint(deriveStreamKey(otherKey, streamId))).not.toBe(base);
    expect(fingerprint(deriveStreamKey(dataKey, streamId))).toBe(base);
  });

  it('refuses a data key that is not 32 bytes and a stream id that is not 16', () => {
    expect(() => deriveStreamKey(Buffer.alloc(16), streamId)).toThrow(RangeError);
    expect(() => deriveStreamKey(dataKey, Buffer.alloc(15))).toThrow(RangeError);
  });
});

describe('streamIdFromUuid', () => {
  it('takes the 16 bytes of a UUID in either case', () => {
    const id = streamIdFromUuid('0F1E2D3C-4b5a-6978-8796-a5b4c3d2e1f0');
    expect(Buffer.from(id).toString('hex')).toBe('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
  });

  it.each(['', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f', 'zf1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'])(
    'refuses %p',
    (text) => {
      expect(() => streamIdFromUuid(text)).toThrow(RangeError);
    },
  );
});
