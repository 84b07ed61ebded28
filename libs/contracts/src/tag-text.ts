/** Letters, digits, white space and `_ . : / = + - @`: the characters S3 accepts in a tag's key and value. */
const TAG_CHARACTERS = /^[\p{L}\p{N}\p{Z}_.:/=+\-@]*$/u;

/**
 * True when `text` holds only characters S3 accepts in a tag. Storage checks
 * every tag set with it (InvalidTag); the gateway checks an `x-amz-tagging`
 * header with it, since S3 answers a header with other characters as a
 * malformed header (InvalidArgument) rather than as an invalid tag.
 */
export function isTagText(text: string): boolean {
  return TAG_CHARACTERS.test(text);
}
