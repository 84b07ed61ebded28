import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/** A stored tag. */
export interface StoredTag {
  readonly key: string;
  readonly value: string;
}

/** S3's limit on an object's tags. */
export const MAX_OBJECT_TAGS = 10;
/** S3's limit on a bucket's tags. */
export const MAX_BUCKET_TAGS = 50;

/** Letters, digits, white space and `_ . : / = + - @`, as S3 accepts in tags. */
const TAG_CHARACTERS = /^[\p{L}\p{N}\p{Z}_.:/=+\-@]*$/u;

function invalidTag(message: string): DomainError {
  return new DomainError(ErrorReason.INVALID_TAG, message);
}

/**
 * Checks a tag set (INVALID_TAG says what is wrong): at most `limit` tags,
 * unique keys of 1 to 128 characters, values of up to 256, S3's character
 * set, and no `aws:` keys.
 */
export function validateTags(tags: readonly storageV1.Tag[], limit: number): StoredTag[] {
  if (tags.length > limit) throw invalidTag(`a tag set has at most ${limit} tags`);
  const seen = new Set<string>();
  return tags.map(({ key, value }) => {
    const keyLength = [...key].length;
    if (keyLength < 1 || keyLength > 128) throw invalidTag('a tag key is 1 to 128 characters');
    if ([...value].length > 256) throw invalidTag(`the value of tag ${JSON.stringify(key)} is longer than 256 characters`);
    if (!TAG_CHARACTERS.test(key) || !TAG_CHARACTERS.test(value)) throw invalidTag(`tag ${JSON.stringify(key)} has a character S3 does not allow in tags`);
    if (key.toLowerCase().startsWith('aws:')) throw invalidTag('tag keys starting with aws: are reserved');
    if (seen.has(key)) throw invalidTag(`tag key ${JSON.stringify(key)} appears twice`);
    seen.add(key);
    return { key, value };
  });
}
