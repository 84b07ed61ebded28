import { ErrorReason, isTagText, type storageV1 } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/** A stored tag. */
export interface StoredTag {
  readonly key: string;
  readonly value: string;
}

/** What differs between an object's tag set and a bucket's: how many tags it may hold, and S3's answers to more and to an `aws:` key. */
export interface TagSetRules {
  readonly max: number;
  tooMany(): DomainError;
  readonly systemKeyMessage: string;
}

/** An object's tags: at most 10 (S3: BadRequest beyond). */
export const OBJECT_TAGS: TagSetRules = {
  max: 10,
  tooMany: () => new DomainError(ErrorReason.TOO_MANY_TAGS, 'Object tags cannot be greater than 10'),
  systemKeyMessage: 'Your TagKey cannot be prefixed with aws:',
};
/** A bucket's tags: at most 50 (S3: InvalidTag beyond). */
export const BUCKET_TAGS: TagSetRules = {
  max: 50,
  tooMany: () => invalidTag('Bucket tag count cannot be greater than 50'),
  systemKeyMessage: 'System tags cannot be added/updated by requester',
};

/**
 * INVALID_TAG with S3's message; the tag it is about, when there is one,
 * goes in the metadata (`tag_key`, and `tag_value` for a bad value), which
 * S3 names in its answer as `TagKey` and `TagValue`.
 */
function invalidTag(message: string, tag?: { key: string; value?: string }): DomainError {
  const metadata: Record<string, string> = tag === undefined ? {} : { tag_key: tag.key, ...(tag.value === undefined ? {} : { tag_value: tag.value }) };
  return new DomainError(ErrorReason.INVALID_TAG, message, { metadata });
}

/**
 * The tags a write asks for, before it is authorized: more than `rules.max`
 * are refused at once ({@link TagSetRules.tooMany}), which says nothing about
 * what the caller may do, so that the condition keys they become stay few;
 * every other check of {@link validateTags} waits for authorization.
 */
export function askedTags<Tag extends storageV1.Tag>(tags: readonly Tag[], rules: TagSetRules): readonly Tag[] {
  if (tags.length > rules.max) throw rules.tooMany();
  return tags;
}

/**
 * Checks a tag set as S3 does, with S3's messages: at most `rules.max` tags
 * ({@link TagSetRules.tooMany}), unique keys of 1 to 128 characters, values of
 * up to 256 (both counted in UTF-16 units, as S3 counts them), S3's
 * character set, and no `aws:` keys (INVALID_TAG, naming the tag's key, and
 * its value when the value is wrong, as S3's answers do: LocalStack's
 * AWS-validated test_tagging_validation).
 */
export function validateTags(tags: readonly storageV1.Tag[], rules: TagSetRules): StoredTag[] {
  if (tags.length > rules.max) throw rules.tooMany();
  const seen = new Set<string>();
  return tags.map(({ key, value }) => {
    if (key.length < 1 || key.length > 128 || !isTagText(key)) throw invalidTag('The TagKey you have provided is invalid', { key });
    if (value.length > 256 || !isTagText(value)) throw invalidTag('The TagValue you have provided is invalid', { key, value });
    if (key.toLowerCase().startsWith('aws:')) throw invalidTag(rules.systemKeyMessage, { key });
    if (seen.has(key)) throw invalidTag('Cannot provide multiple Tags with the same key', { key });
    seen.add(key);
    return { key, value };
  });
}
