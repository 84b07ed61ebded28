import { encodeEncryptionContext } from './encryption-context';

/** Reads an encoding back into its pairs, in encoded order, and checks nothing trails. */
function decode(bytes: Uint8Array): [string, string][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const readString = (): string => {
    const length = view.getUint32(offset, false);
    const value = decoder.decode(bytes.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
    return value;
  };
  const count = view.getUint32(0, false);
  offset = 4;
  const pairs: [string, string][] = [];
  for (let i = 0; i < count; i++) pairs.push([readString(), readString()]);
  expect(offset).toBe(bytes.length);
  return pairs;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('encodeEncryptionContext', () => {
  it('encodes the empty context as a zero pair count only', () => {
    expect(hex(encodeEncryptionContext({}))).toBe('00000000');
  });

  it('writes the count, then each key and value as a 32-bit big-endian length and UTF-8 bytes', () => {
    expect(hex(encodeEncryptionContext({ k: 'vv' }))).toBe(
      '00000001' + '00000001' + '6b' + '00000002' + '7676',
    );
  });

  it('does not depend on the order the keys were written in', () => {
    const a = encodeEncryptionContext({ bucket: 'photos', key: 'cat.jpg', 'aws:s3:arn': 'arn:aws:s3:::photos/cat.jpg' });
    const b = encodeEncryptionContext({ 'aws:s3:arn': 'arn:aws:s3:::photos/cat.jpg', key: 'cat.jpg', bucket: 'photos' });
    expect(hex(a)).toBe(hex(b));
    expect(decode(a).map(([key]) => key)).toEqual(['aws:s3:arn', 'bucket', 'key']);
  });

  it.each([
    [{ a: 'bc' }, { ab: 'c' }],
    [{ a: '' }, { '': 'a' }],
    [{ a: 'b', c: 'd' }, { a: 'b\u0000c\u0000d' }],
    [{ a: 'b' }, { a: 'b', '': '' }],
    [{ a: 'b' }, { A: 'b' }],
  ])('keeps distinct contexts distinct: %j vs %j', (left, right) => {
    expect(hex(encodeEncryptionContext(left))).not.toBe(hex(encodeEncryptionContext(right)));
  });

  it('sorts keys by their UTF-8 bytes, not by UTF-16 code units', () => {
    // U+FFFF is EF BF BF in UTF-8 and U+1F600 is F0 9F 98 80, so U+FFFF sorts first by bytes;
    // in UTF-16 the emoji's high surrogate (D83D) sorts before FFFF, which a naive sort would use.
    const bmpLast = '\uffff';
    const astral = '😀';
    expect([astral, bmpLast].sort()).toEqual([astral, bmpLast]);
    const encoded = encodeEncryptionContext({ [astral]: '1', [bmpLast]: '2', z: '3', é: '4' });
    expect(decode(encoded)).toEqual([
      ['z', '3'],
      ['é', '4'],
      [bmpLast, '2'],
      [astral, '1'],
    ]);
  });

  it('measures lengths in UTF-8 bytes, not characters', () => {
    const encoded = encodeEncryptionContext({ é: '😀' });
    expect(hex(encoded)).toBe('00000001' + '00000002' + 'c3a9' + '00000004' + 'f09f9880');
  });
});
