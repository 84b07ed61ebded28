import { parseStrictJson, StrictJsonError } from './strict-json';

describe('parseStrictJson', () => {
  it('parses UTF-8 JSON, keeping a __proto__ key as an ordinary one', () => {
    const parsed = parseStrictJson(Buffer.from('{"__proto__":"tenant","ключ":"值 🔑"}')) as Record<string, string>;
    expect(Object.entries(parsed)).toEqual([
      ['__proto__', 'tenant'],
      ['ключ', '值 🔑'],
    ]);
  });

  it('refuses invalid UTF-8, lone surrogates in keys or values, and what is not JSON', () => {
    expect(() => parseStrictJson(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toThrow(new StrictJsonError('invalid UTF-8'));
    expect(() => parseStrictJson(Buffer.from('{"tenant":"\\ud800"}'))).toThrow(new StrictJsonError('a lone UTF-16 surrogate'));
    expect(() => parseStrictJson(Buffer.from('{"\\udfff":"x"}'))).toThrow(new StrictJsonError('a lone UTF-16 surrogate'));
    expect(parseStrictJson(Buffer.from('{"pair":"\\ud83d\\udd11"}'))).toEqual({ pair: '🔑' });
    expect(() => parseStrictJson(Buffer.from('{"open":'))).toThrow(new StrictJsonError('a syntax error'));
  });
});
