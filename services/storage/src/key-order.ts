/**
 * Keys and bucket names sort by their UTF-8 bytes, as S3 lists them and as
 * Postgres compares `COLLATE "C"` text. UTF-8 byte order is code point
 * order, which differs from JavaScript's UTF-16 order above U+FFFF.
 */

/** Compares two strings by their UTF-8 bytes: negative, zero or positive. */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** The code point after `codePoint`, skipping the surrogates (which UTF-8 cannot encode). */
function nextCodePoint(codePoint: number): number | undefined {
  if (codePoint === 0xd7ff) return 0xe000;
  return codePoint >= 0x10ffff ? undefined : codePoint + 1;
}

/**
 * The smallest string greater than every string that starts with `prefix`
 * (in UTF-8 byte order), so that `prefix <= key < bound` selects exactly the
 * keys under the prefix; undefined when no such bound exists (an empty
 * prefix, or one made only of U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  let end = prefix.length;
  while (end > 0) {
    const last = prefix.charCodeAt(end - 1);
    const start = end >= 2 && last >= 0xdc00 && last <= 0xdfff && (prefix.codePointAt(end - 2) ?? 0) > 0xffff ? end - 2 : end - 1;
    const next = nextCodePoint(prefix.codePointAt(start) ?? 0);
    if (next !== undefined) return `${prefix.slice(0, start)}${String.fromCodePoint(next)}`;
    end = start;
  }
  return undefined;
}

/** The largest code point: a prefix followed by it sorts after every key under the prefix but those that continue with it. */
export const LARGEST_CHARACTER = '\u{10FFFF}';

/**
 * A bound above every key (at most 1024 bytes of UTF-8, so at most 256
 * U+10FFFF in a row), for a listing window without an upper bound: a plain
 * `key < $n` stays an index condition in a prepared statement's generic
 * plan, where `($n IS NULL OR key < $n)` would not.
 */
export const KEY_CEILING = LARGEST_CHARACTER.repeat(257);
