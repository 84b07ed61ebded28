import { WRAP_OVERHEAD_BYTES, concatBytes } from '@strongroom/crypto';
import { blobAad, blobHeader, parseBlob } from './ciphertext-blob';

const KEY_ID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0ff';
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A blob with the given header and a payload of `payloadBytes` bytes. */
function blobOf(header: Uint8Array, payloadBytes = 32 + WRAP_OVERHEAD_BYTES): Uint8Array {
  return concatBytes(header, Uint8Array.from({ length: payloadBytes }, (_, i) => i & 0xff));
}

describe('blobHeader', () => {
  it('is the format version, the key id bytes and the big-endian key version: 21 bytes', () => {
    const header = blobHeader(KEY_ID, 0x01020304);
    expect(hex(header)).toBe(`01${KEY_ID.replace(/-/g, '')}01020304`);
    expect(header).toHaveLength(21);
  });
});

describe('parseBlob', () => {
  it.each([1, 2, 255, 65_536, 0x7fff_ffff])('reads back the key id and key version %d', (version) => {
    const header = blobHeader(KEY_ID, version);
    const blob = blobOf(header);
    const parsed = parseBlob(blob)!;
    expect(parsed.keyId).toBe(KEY_ID);
    expect(parsed.keyVersion).toBe(version);
    expect(hex(parsed.header)).toBe(hex(header));
    expect(hex(parsed.wrapped)).toBe(hex(blob.subarray(21)));
  });

  it('reads a blob that sits at an offset inside a larger buffer', () => {
    const blob = blobOf(blobHeader(KEY_ID, 7));
    const backing = new Uint8Array(blob.length + 13);
    backing.set(blob, 13);
    const parsed = parseBlob(backing.subarray(13))!;
    expect(parsed).toEqual(expect.objectContaining({ keyId: KEY_ID, keyVersion: 7 }));
    expect(parsed.wrapped).toHaveLength(blob.length - 21);
  });

  it('accepts the shortest possible blob (header, nonce and tag around an empty payload)', () => {
    expect(parseBlob(blobOf(blobHeader(KEY_ID, 1), WRAP_OVERHEAD_BYTES))).toBeDefined();
  });

  const withFormat = (format: number) => {
    const blob = blobOf(blobHeader(KEY_ID, 1));
    blob[0] = format;
    return blob;
  };
  const withVersionBytes = (version: number) => {
    const blob = blobOf(blobHeader(KEY_ID, 1));
    new DataView(blob.buffer).setUint32(17, version, false);
    return blob;
  };

  it.each<[string, Uint8Array]>([
    ['an empty input', new Uint8Array(0)],
    ['a lone format byte', Uint8Array.of(1)],
    ['a header alone', blobHeader(KEY_ID, 1)],
    ['one byte short of header, nonce and tag', blobOf(blobHeader(KEY_ID, 1), WRAP_OVERHEAD_BYTES - 1)],
    ['format version 0', withFormat(0)],
    ['format version 2', withFormat(2)],
    ['format version 255', withFormat(255)],
    ['key version 0', withVersionBytes(0)],
    ['key version 2^31', withVersionBytes(0x8000_0000)],
    ['key version 2^32 - 1', withVersionBytes(0xffff_ffff)],
  ])('rejects %s', (_name, input) => {
    expect(parseBlob(input)).toBeUndefined();
  });
});

describe('blobAad', () => {
  const header = blobHeader(KEY_ID, 1);

  it('is the same for the same header and context, whatever the key order', () => {
    expect(hex(blobAad(header, { a: '1', b: '2' }))).toBe(hex(blobAad(header, { b: '2', a: '1' })));
  });

  it.each<[string, Uint8Array, Record<string, string>]>([
    ['another key version', blobHeader(KEY_ID, 2), { a: '1' }],
    ['another key id', blobHeader(KEY_ID.replace('0f', '1f'), 1), { a: '1' }],
    ['another value', header, { a: '2' }],
    ['a key in another case', header, { A: '1' }],
    ['an extra pair', header, { a: '1', b: '' }],
    ['no context', header, {}],
  ])('changes with %s', (_name, otherHeader, context) => {
    expect(hex(blobAad(otherHeader, context))).not.toBe(hex(blobAad(header, { a: '1' })));
  });
});
