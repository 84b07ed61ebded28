import { isSecretName, words } from './secret-names';

/** A header's name (an HTTP token), at most 256 characters: not a sentence or an object key. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** Words of the names under which lists of headers are logged (`rawHeaders`, `rawTrailers`, `headerList`, `headers`). */
const HEADER_WORDS: ReadonlySet<string> = new Set(['header', 'headers', 'trailer', 'trailers']);

/** Words of the names of lists of header names alone, without values (`signedHeaders`, `headerNames`). */
const NAME_LIST_WORDS: ReadonlySet<string> = new Set(['signed', 'name', 'names']);

/**
 * True when a field of this name may hold headers as a list of names and
 * values: its name speaks of headers or trailers, and not of their names
 * alone. An array logged without a name (a message's placeholder value)
 * may too.
 */
function mayHoldHeaderList(fieldName: string | undefined): boolean {
  if (fieldName === undefined) return true;
  const nameWords = words(fieldName);
  return nameWords.some((word) => HEADER_WORDS.has(word)) && !nameWords.some((word) => NAME_LIST_WORDS.has(word));
}

/**
 * True when an array, logged under this field name, is a list of headers'
 * names and values: Node's `rawHeaders` and `rawTrailers`, a `[name, value]`
 * pair of a header's entries, under a name that may hold them
 * ({@link mayHoldHeaderList}). It has an even length and a header's name
 * at every even position; only the first `limit` items are looked at (the
 * walk visits no more), so the test is linear and bounded. A list of
 * header names (`SignedHeaders`, odd in length or not) or of object keys
 * (`keys`) is not one.
 */
export function isHeaderList(array: readonly unknown[], fieldName: string | undefined, limit: number): boolean {
  if (array.length === 0 || array.length % 2 === 1 || !mayHoldHeaderList(fieldName)) return false;
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
