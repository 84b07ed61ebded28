import { ErrorReason } from '@strongroom/contracts';
import { hasReason } from '@strongroom/errors';
import { MAX_METADATA_BYTES, validateUserMetadata } from './user-metadata';

function reasonOf(call: () => unknown): ErrorReason | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    return [ErrorReason.INVALID_ARGUMENT, ErrorReason.METADATA_TOO_LARGE].find((reason) => hasReason(error, reason));
  }
}

describe('user metadata validation', () => {
  test('takes any Unicode text, lower-cases names', () => {
    const values = { Color: 'blue', Name: '日本', Emoji: '😀', Tab: 'a\tb', Accent: 'café', Escape: '\u0085' };
    expect(validateUserMetadata(values)).toEqual({ color: 'blue', name: '日本', emoji: '😀', tab: 'a\tb', accent: 'café', escape: '\u0085' });
  });

  test('refuses control characters, lone surrogates and names that are not HTTP tokens', () => {
    for (const value of ['a\r\nb', 'nul\u0000', 'del\u007f', 'esc\u001b', 'high\ud800', 'low\udc00x', '\udc00\ud800']) {
      expect(reasonOf(() => validateUserMetadata({ note: value }))).toBe(ErrorReason.INVALID_ARGUMENT);
    }
    expect(reasonOf(() => validateUserMetadata({ 'two words': 'x' }))).toBe(ErrorReason.INVALID_ARGUMENT);
    expect(reasonOf(() => validateUserMetadata({ 'caf\u00e9': 'x' }))).toBe(ErrorReason.INVALID_ARGUMENT);
  });

  test('refuses two names that differ only in case; keeps a name such as __proto__ as an entry like any other', () => {
    expect(reasonOf(() => validateUserMetadata({ Foo: 'upper', foo: 'lower' }))).toBe(ErrorReason.INVALID_ARGUMENT);
    const kept = validateUserMetadata(JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, string>);
    expect(Object.entries(kept)).toEqual([['__proto__', 'p'], ['constructor', 'c']]);
  });

  test('counts names and values in UTF-8 bytes against 2 KB', () => {
    const fits = '日'.repeat((MAX_METADATA_BYTES - 2) / 3) + 'x';
    expect(Buffer.byteLength('n') + Buffer.byteLength(fits)).toBe(MAX_METADATA_BYTES);
    expect(reasonOf(() => validateUserMetadata({ n: fits }))).toBeUndefined();
    expect(reasonOf(() => validateUserMetadata({ n: `${fits}x` }))).toBe(ErrorReason.METADATA_TOO_LARGE);
    expect(reasonOf(() => validateUserMetadata({ n: '日'.repeat(683) }))).toBe(ErrorReason.METADATA_TOO_LARGE);
  });
});
