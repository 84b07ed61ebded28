/**
 * RFC 2047 encoded-words (`=?charset?B|Q?text?=`), the form S3 uses for
 * user metadata with non-ASCII text: it decodes them in what a client sends
 * and sends non-ASCII values as `=?UTF-8?B?...?=` words.
 */

/** The longest encoded-word RFC 2047 allows (section 2). */
const MAX_WORD_LENGTH = 75;
const PREFIX = '=?UTF-8?B?';
const SUFFIX = '?=';
/** The most UTF-8 bytes in one word: their base64 (4 characters per 3 bytes) plus prefix and suffix fit in 75 characters. */
const BYTES_PER_WORD = Math.floor((MAX_WORD_LENGTH - PREFIX.length - SUFFIX.length) / 4) * 3;

/** charset (an RFC 2231 `*language` suffix allowed), encoding, encoded text. */
const ENCODED_WORD = /=\?([^?*\s]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]+)\?=/g;
/** Base64 with or without its padding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
/** Q encoding: printable ASCII but `?`, `=` only as the start of `=XX`. */
const Q_TEXT = /^(?:[\x21-\x3c\x3e\x40-\x7e]|=[0-9A-Fa-f]{2})*$/;
/** Only linear whitespace: what RFC 2047 drops between two adjacent encoded-words. */
const LINEAR_WHITESPACE = /^[ \t]+$/;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Charset = (bytes: Buffer) => string | undefined;

function utf8(bytes: Buffer): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

const CHARSETS: Readonly<Record<string, Charset>> = {
  'utf-8': utf8,
  utf8,
  'iso-8859-1': (bytes) => bytes.toString('latin1'),
  latin1: (bytes) => bytes.toString('latin1'),
  'us-ascii': (bytes) => (bytes.every((byte) => byte < 0x80) ? bytes.toString('latin1') : undefined),
};

/** An encoded-word found in a value: where it is, its charset's name, and its bytes (undefined when malformed). */
interface Word {
  readonly start: number;
  readonly end: number;
  readonly charset: string;
  readonly bytes: Buffer | undefined;
}

function wordBytes(encoding: string, text: string): Buffer | undefined {
  if (encoding === 'B') return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!Q_TEXT.test(text)) return undefined;
  return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

function wordsOf(value: string): Word[] {
  return [...value.matchAll(ENCODED_WORD)].map((match) => {
    const charset = match[1]!.toLowerCase();
    const known = Object.hasOwn(CHARSETS, charset);
    return { start: match.index, end: match.index + match[0].length, charset, bytes: known ? wordBytes(match[2]!.toUpperCase(), match[3]!) : undefined };
  });
}

/** The words from `index` on that decode together: adjacent, only linear whitespace between them, well formed, one charset. */
function runAt(value: string, words: readonly Word[], index: number): Word[] {
  const run = [words[index]!];
  if (run[0]!.bytes === undefined) return run;
  for (let next = words[index + 1]; next !== undefined; next = words[index + run.length]) {
    if (next.bytes === undefined || next.charset !== run[0]!.charset || !LINEAR_WHITESPACE.test(value.slice(run.at(-1)!.end, next.start))) break;
    run.push(next);
  }
  return run;
}

function decodeRun(run: readonly Word[]): string | undefined {
  const { charset, bytes } = run[0]!;
  return bytes === undefined ? undefined : CHARSETS[charset]!(Buffer.concat(run.map((word) => word.bytes!)));
}

/**
 * Decodes the encoded-words in `value` (charsets UTF-8, ISO-8859-1 and
 * US-ASCII, names in any case; B or Q). Whitespace between two decoded
 * words is dropped, and the bytes of adjacent words in one charset are
 * joined before they are decoded, so that a character split across words
 * still decodes. A malformed word (unknown charset, bad base64 or Q text,
 * bytes that are not text in the charset) is left as it was written, as is
 * the text around the words; when a run of adjacent words does not decode
 * as a whole, each of its words is decoded on its own (so the work stays
 * linear in the value's length).
 */
export function decodeEncodedWords(value: string): string {
  const words = wordsOf(value);
  let decoded = '';
  let position = 0;
  let afterDecoded = false;
  const append = (piece: readonly Word[], text: string | undefined): void => {
    const between = value.slice(position, piece[0]!.start);
    decoded += (afterDecoded && text !== undefined && LINEAR_WHITESPACE.test(between) ? '' : between) + (text ?? value.slice(piece[0]!.start, piece.at(-1)!.end));
    afterDecoded = text !== undefined;
    position = piece.at(-1)!.end;
  };
  for (let index = 0; index < words.length; ) {
    const run = runAt(value, words, index);
    const text = decodeRun(run);
    if (text !== undefined || run.length === 1) append(run, text);
    else for (const word of run) append([word], decodeRun([word]));
    index += run.length;
  }
  return decoded + value.slice(position);
}

function word(bytes: Buffer): string {
  return `${PREFIX}${bytes.toString('base64')}${SUFFIX}`;
}

/**
 * `text` as `=?UTF-8?B?...?=` encoded-words separated by a space, each at
 * most 75 characters long: the UTF-8 bytes are split between characters,
 * never inside one. Empty text is the empty string.
 */
export function encodeEncodedWords(text: string): string {
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let size = 0;
  for (const character of text) {
    const bytes = Buffer.from(character, 'utf8');
    if (size + bytes.length > BYTES_PER_WORD) {
      words.push(word(Buffer.concat(chunk, size)));
      chunk = [];
      size = 0;
    }
    chunk.push(bytes);
    size += bytes.length;
  }
  if (size > 0) words.push(word(Buffer.concat(chunk, size)));
  return words.join(' ');
}
