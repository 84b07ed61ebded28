import { decodeEncodedWords, encodeEncodedWords } from './rfc2047';

const WORD = /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/;

describe('RFC 2047 encoded-words', () => {
  test.each(['é', 'café au lait', '日本', 'emoji 😀 and ü', '\tleading tab', 'x'.repeat(200) + 'é', '😀'.repeat(40), 'ab\u00e9'.repeat(50)])('round trip %#', (text) => {
    const encoded = encodeEncodedWords(text);
    expect(encoded).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeEncodedWords(encoded)).toBe(text);
  });

  test('encodes as S3 does: =?UTF-8?B?<base64 of UTF-8>?=', () => {
    expect(encodeEncodedWords('é')).toBe('=?UTF-8?B?w6k=?=');
    expect(encodeEncodedWords('日本')).toBe('=?UTF-8?B?5pel5pys?=');
    expect(encodeEncodedWords('')).toBe('');
  });

  test('splits long text into words of at most 75 characters, between characters, separated by a space', () => {
    for (const text of ['é'.repeat(100), '日本語'.repeat(30), '😀'.repeat(50), `a${'😀'.repeat(50)}`, 'x'.repeat(44) + '日本']) {
      const words = encodeEncodedWords(text).split(' ');
      expect(words.length).toBeGreaterThan(1);
      for (const word of words) {
        expect(word).toMatch(WORD);
        expect(word.length).toBeLessThanOrEqual(75);
        const bytes = Buffer.from(word.slice(10, -2), 'base64');
        expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
      }
      expect(words.map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8')).join('')).toBe(text);
    }
    expect(encodeEncodedWords('é'.repeat(22)).split(' ')).toHaveLength(1);
    expect(encodeEncodedWords('é'.repeat(23)).split(' ')).toHaveLength(2);
  });

  test('decodes B and Q, any case of charset and encoding, ISO-8859-1 and US-ASCII too', () => {
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?=')).toBe('é');
    expect(decodeEncodedWords('=?utf-8?b?w6k=?=')).toBe('é');
    expect(decodeEncodedWords('=?UTF-8?B?w6k?=')).toBe('é');
    expect(decodeEncodedWords('=?UTF-8?Q?caf=C3=A9_au_lait?=')).toBe('café au lait');
    expect(decodeEncodedWords('=?utf-8?q?caf=c3=a9?=')).toBe('café');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?caf=E9?=')).toBe('café');
    expect(decodeEncodedWords('=?iso-8859-1?B?6Q==?=')).toBe('é');
    expect(decodeEncodedWords('=?US-ASCII?Q?plain?=')).toBe('plain');
    expect(decodeEncodedWords('=?UTF-8*fr?Q?caf=C3=A9?=')).toBe('café');
  });

  test('drops the whitespace between adjacent encoded-words, keeps the text around them, joins a character split across words', () => {
    expect(decodeEncodedWords('=?UTF-8?B?5pel?= =?UTF-8?B?5pys?=')).toBe('日本');
    expect(decodeEncodedWords('=?UTF-8?B?5pel?=\t =?UTF-8?Q?=E6=9C=AC?=')).toBe('日本');
    expect(decodeEncodedWords('name: =?UTF-8?B?w6k=?= ok')).toBe('name: é ok');
    expect(decodeEncodedWords('=?UTF-8?B?5g==?= =?UTF-8?B?l6U=?=')).toBe('日');
    expect(decodeEncodedWords('=?UTF-8?B?5g==?=')).toBe('=?UTF-8?B?5g==?=');
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?= =?ISO-8859-1?Q?=E9?=')).toBe('éé');
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?= and =?UTF-8?B?w6k=?=')).toBe('é and é');
  });

  test('leaves text without encoded-words, and malformed encoded-words, as written', () => {
    for (const literal of [
      'plain ascii',
      'a = b ? c',
      '=?UTF-8?B??=',
      '=?UTF-8?X?abc?=',
      '=?KOI8-R?B?w6k=?=',
      '=?UTF-8?B?w6k*?=',
      '=?UTF-8?B?w?=',
      '=?UTF-8?B?/w==?=',
      '=?UTF-8?Q?=ZZ?=',
      '=?UTF-8?Q?caf=C3?=',
      '=?US-ASCII?Q?=E9?=',
      '=?UTF-8?Q?two words?=',
      '=?UTF-8?B?w6k=',
      'café',
    ]) {
      expect(decodeEncodedWords(literal)).toBe(literal);
    }
    expect(decodeEncodedWords('=?UTF-8?B?w6k=?= =?UTF-8?B?/w==?=')).toBe('é =?UTF-8?B?/w==?=');
    expect(decodeEncodedWords('=?UTF-8?B?/w==?= =?UTF-8?B?w6k=?=')).toBe('=?UTF-8?B?/w==?= é');
  });

  test('decodes each word of a run that does not decode as a whole on its own, once', () => {
    expect(decodeEncodedWords(`${'=?utf8?Q?a?= '.repeat(3)}=?utf8?Q?=C3?=`)).toBe('aaa =?utf8?Q?=C3?=');
    const hostile = `${'=?utf8?Q?a?= '.repeat(1500)}=?utf8?Q?=C3?=`;
    expect(decodeEncodedWords(hostile)).toBe(`${'a'.repeat(1500)} =?utf8?Q?=C3?=`);
  });
});
