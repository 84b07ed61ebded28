import { asHeaderValue, decodeMetadataValue, isMetadataText, metadataFromHeaders, metadataHeaders } from './user-metadata';

/** A header value as Node reads the UTF-8 bytes a client sends (one character per byte). */
const rawUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('user metadata', () => {
  test('reads a header value as Unicode: raw UTF-8 as UTF-8, encoded-words decoded, other bytes one character each', () => {
    expect(decodeMetadataValue('blue')).toBe('blue');
    expect(decodeMetadataValue(rawUtf8('é'))).toBe('é');
    expect(decodeMetadataValue(rawUtf8('日本 😀'))).toBe('日本 😀');
    expect(decodeMetadataValue('=?UTF-8?B?w6k=?=')).toBe('é');
    expect(decodeMetadataValue('=?UTF-8?Q?=E6=97=A5=E6=9C=AC?=')).toBe('日本');
    expect(decodeMetadataValue('\xe9t\xe9')).toBe('été');
    expect(decodeMetadataValue(rawUtf8('\ufeffbom'))).toBe('\ufeffbom');
    expect(decodeMetadataValue('日本')).toBe('日本');
  });

  test('a form field becomes the header the same text sends in UTF-8, and reads back as the same text', () => {
    for (const text of ['plain', 'é', 'Ã©', '日本', '=?UTF-8?B?w6k=?=']) {
      expect(asHeaderValue(text)).toBe(rawUtf8(text));
      expect(decodeMetadataValue(asHeaderValue(text))).toBe(decodeMetadataValue(rawUtf8(text)));
    }
    expect(decodeMetadataValue(asHeaderValue('Ã©'))).toBe('Ã©');
    expect(decodeMetadataValue(asHeaderValue('=?UTF-8?B?w6k=?='))).toBe('é');
  });

  test('collects x-amz-meta-* headers, names without the prefix', () => {
    const headers = { 'x-amz-meta-color': 'blue', 'x-amz-meta-name': rawUtf8('日本'), 'x-amz-meta-': 'ignored', 'content-type': 'text/plain', 'x-amz-meta-list': ['a', 'b'] };
    expect(metadataFromHeaders(headers)).toEqual({ color: 'blue', name: '日本', list: 'a,b' });
  });

  test('sends ASCII values as they are and any other value RFC 2047 encoded', () => {
    expect(metadataHeaders({ color: 'blue', tab: 'a\tb', name: 'é', long: '日本語'.repeat(10) })).toEqual({
      'x-amz-meta-color': 'blue',
      'x-amz-meta-tab': 'a\tb',
      'x-amz-meta-name': '=?UTF-8?B?w6k=?=',
      'x-amz-meta-long': expect.stringMatching(/^=\?UTF-8\?B\?\S+\?= =\?UTF-8\?B\?\S+\?=$/),
    });
    expect(metadataHeaders({})).toEqual({});
  });

  test('metadata text is anything but a control character (HTAB allowed)', () => {
    for (const text of ['', 'a\tb', 'é', '日本', '😀', '\u0085']) expect(isMetadataText(text)).toBe(true);
    for (const text of ['a\r\nb', 'nul \u0000', 'del \u007f', '\u001b[0m']) expect(isMetadataText(text)).toBe(false);
  });
});
