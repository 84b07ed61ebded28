/** Fatal on invalid bytes, and keeping a byte order mark, which JSON does not allow. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A lone UTF-16 surrogate: what a JSON escape such as `\ud800` makes, which no UTF-8 encoder can keep. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Thrown by {@link parseStrictJson} for bytes that are not valid UTF-8 JSON of valid Unicode; its message names what is wrong. */
export class StrictJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrictJsonError';
  }
}

/**
 * Parses JSON that must be valid UTF-8 and hold only valid Unicode text.
 * Lenient decoding would turn each invalid byte, and each lone surrogate on
 * its way to the services (whose protobuf strings are UTF-8), into U+FFFD:
 * an encryption context of `"\ud800"` would then open what `"\udfff"`
 * sealed. Keys named `__proto__` are ordinary keys, as JSON.parse makes them.
 */
export function parseStrictJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new StrictJsonError('invalid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key: string, value: unknown) => {
      if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) throw new StrictJsonError('a lone UTF-16 surrogate');
      return value;
    });
  } catch (error) {
    throw error instanceof StrictJsonError ? error : new StrictJsonError('a syntax error');
  }
  return parsed;
}
