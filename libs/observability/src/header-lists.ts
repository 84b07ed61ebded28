import { isSecretName, words } from './secret-names';

/** A header's name (an HTTP token), at most 256 characters: not a sentence or an object key. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** Words that, anywhere in a field's name, say it lists header names alone, without values (`SignedHeaders`, `signed_headers`). */
const NAME_LIST_WORDS: ReadonlySet<string> = new Set(['signed']);

/** Last words of the names of lists of names or keys, not of headers and values (`headerNames`, `objectKeys`, `deletedKeys`, `keys`). */
const NAME_LIST_LAST_WORDS: ReadonlySet<string> = new Set(['name', 'names', 'key', 'keys']);

/**
 * True when a field of this name is known to hold no header values: a list
 * of signed header names, of names or of keys. Any other array (`rawHeaders`,
 * `raw`, `entries`, one logged without a name) may be a header list: a
 * header's secret value may be logged under any name.
 */
function holdsNoHeaderValues(fieldName: string | undefined): boolean {
  if (fieldName === undefined) return false;
  const nameWords = words(fieldName);
  return nameWords.some((word) => NAME_LIST_WORDS.has(word)) || NAME_LIST_LAST_WORDS.has(nameWords.at(-1) ?? '');
}

/**
 * True when an array, logged under this field name, is a list of headers'
 * names and values: Node's `rawHeaders` and `rawTrailers`, a `[name, value]`
 * pair of a header's entries, whatever the field's name, unless the name
 * says it holds none ({@link holdsNoHeaderValues}). It has an even length
 * and a header's name at every even position; only the first `limit` items
 * are looked at (the walk visits no more), so the test is linear and
 * bounded. A list of header names (`SignedHeaders`, odd in length or not)
 * or of object keys (`keys`) is not one. Two words (`['token', 'blue']`)
 * or an even list of header names logged without such a name (a `%o`
 * argument) are taken for one: they cannot be told from a secret header
 * and its value.
 */
export function isHeaderList(array: readonly unknown[], fieldName: string | undefined, limit: number): boolean {
  if (array.length === 0 || array.length % 2 === 1 || holdsNoHeaderValues(fieldName)) return false;
  const end = Math.min(array.length, limit);
  for (let index = 0; index < end; index += 2) {
    const name = array[index];
    if (typeof name !== 'string' || !HEADER_NAME.test(name)) return false;
  }
  return true;
}

/** True for the name of a secret header in a header list: a secret name ({@link isSecretName}), hyphenated (`x-amz-security-token`) or not (`Authorization`, `Token`, `apikey`). */
export function isSecretHeaderName(name: unknown): boolean {
  return typeof name === 'string' && isSecretName(name);
}
