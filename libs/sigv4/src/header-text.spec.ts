import { headerText } from './header-text';

/** What node:http makes of a header carrying `text` in UTF-8: one character per byte. */
const rawUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('header text', () => {
  test('reads raw UTF-8 bytes as UTF-8', () => {
    for (const text of ['é', '日本', 'emoji 😀', '\ufeffbom first']) expect(headerText(rawUtf8(text))).toBe(text);
  });

  test('reads other bytes one character each, and leaves ASCII and wider text alone', () => {
    expect(headerText('\u00e9t\u00e9')).toBe('été');
    expect(headerText('caf\u00c3')).toBe('caf\u00c3');
    expect(headerText('plain ascii\t')).toBe('plain ascii\t');
    expect(headerText('日本 \u00c3\u00a9')).toBe('日本 \u00c3\u00a9');
  });
});
