import { percentDecode, uriEncode } from './uri-encoding';

describe('uriEncode', () => {
  it('keeps only the RFC 3986 unreserved characters, with upper-case hex', () => {
    expect(uriEncode('AZaz09-._~')).toBe('AZaz09-._~');
    expect(uriEncode(" /+=&?#%!'()*@:$,;[]")).toBe('%20%2F%2B%3D%26%3F%23%25%21%27%28%29%2A%40%3A%24%2C%3B%5B%5D');
    expect(uriEncode('é😀')).toBe('%C3%A9%F0%9F%98%80');
  });

  it('encodes raw bytes, including ones that are not UTF-8', () => {
    expect(uriEncode(Uint8Array.of(0x00, 0xff, 0x7f))).toBe('%00%FF%7F');
  });
});

describe('percentDecode', () => {
  it('decodes escapes in either case and leaves a stray % alone', () => {
    expect(percentDecode('a%2fb%2Fc').toString()).toBe('a/b/c');
    expect(percentDecode('100%').toString()).toBe('100%');
    expect(percentDecode('%zz%4').toString()).toBe('%zz%4');
  });

  it('reads + as a space and %2B as a plus, as S3 reads queries and paths', () => {
    expect(percentDecode('a+b%2B').toString()).toBe('a b+');
  });

  it('keeps invalid UTF-8 as bytes', () => {
    expect([...percentDecode('%FF%C3')]).toEqual([0xff, 0xc3]);
  });
});
