import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { askedTags, OBJECT_TAGS, type StoredTag } from './tags';
import { validateUserMetadata } from './user-metadata';
import type { StoredHeaders } from './version-record';

/** S3's longest key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** S3's largest single PUT (5 GiB). */
export const MAX_OBJECT_BYTES = 5 * 1024 * 1024 * 1024;

/** What a write stores besides its bytes, validated. */
export interface ObjectAttributes {
  readonly headers: StoredHeaders;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly tags: readonly StoredTag[];
  readonly storageClass: string;
}

/**
 * Checks a key: 1 to 1024 bytes of UTF-8 (KEY_TOO_LONG beyond), without
 * NUL. Keys are opaque names: `../x`, `a//b` or non-ASCII are fine, since
 * they never become file paths.
 */
export function validateKey(key: string, field = 'key'): void {
  if (key === '') throw invalidArgument(field, 'is required');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new DomainError(ErrorReason.KEY_TOO_LONG, `the key is longer than ${MAX_KEY_BYTES} bytes`);
  refuseNul({ [field]: key });
}

/** Refuses texts that hold a NUL, which no key holds and PostgreSQL text cannot (INVALID_ARGUMENT, never a database error). */
export function refuseNul(texts: Readonly<Record<string, string>>): void {
  for (const [field, text] of Object.entries(texts)) {
    if (text.includes('\u0000')) throw invalidArgument(field, 'must not contain NUL');
  }
}

/** The 16 bytes of a Content-MD5 header; undefined when none was given; INVALID_DIGEST when it is not base64 of an MD5. */
export function parseContentMd5(value: string): Buffer | undefined {
  if (value === '') return undefined;
  if (!/^[A-Za-z0-9+/]{22}==$/.test(value)) throw new DomainError(ErrorReason.INVALID_DIGEST, 'The Content-MD5 you specified is not valid.');
  return Buffer.from(value, 'base64');
}

/** What a header value may hold: tab, space, visible ASCII and 0x80-0xFF; anything else (CR, LF, NUL, wider characters) could never be answered. */
const HEADER_TEXT = /^[\t\x20-\x7e\x80-\xff]*$/;

function requireHeaderText(field: string, value: string): string {
  if (!HEADER_TEXT.test(value)) throw invalidArgument(field, 'must be header text: tab, space, visible ASCII or 0x80-0xFF, no control characters');
  return value;
}

/** S3's longest website redirect location, in UTF-8 bytes. */
const MAX_REDIRECT_LOCATION_BYTES = 2048;

/** A website redirect location as S3 takes it (none, a path or an http(s) URL, at most 2 KiB); INVALID_REDIRECT_LOCATION otherwise. */
function redirectLocation(value: string): string {
  if (value === '') return value;
  if (!/^(?:\/|https?:\/\/)/.test(value) || Buffer.byteLength(value, 'utf8') > MAX_REDIRECT_LOCATION_BYTES) {
    throw new DomainError(ErrorReason.INVALID_REDIRECT_LOCATION, "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.");
  }
  return value;
}

/** The most characters the stored headers hold together: S3 takes at most 8 KB of header in a PUT, so no S3 client could send more, and no answer carries more. */
const MAX_STORED_HEADER_CHARS = 8192;

/** The headers a write stores, each header text, {@link MAX_STORED_HEADER_CHARS} in all. */
function storedHeaders(headers: storageV1.ContentHeaders | undefined): StoredHeaders {
  const stored = headerValues(headers);
  const size = (Object.values(stored) as unknown[]).reduce<number>((total, value) => total + (typeof value === 'string' ? value.length : 0), 0);
  if (size > MAX_STORED_HEADER_CHARS) throw invalidArgument('options.headers', `must hold at most ${MAX_STORED_HEADER_CHARS} characters in all, as S3 takes at most 8 KB of header`);
  return stored;
}

function headerValues(headers: storageV1.ContentHeaders | undefined): StoredHeaders {
  const encoding = (headers?.contentEncoding ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked')
    .join(', ');
  const optional = (name: keyof StoredHeaders, value: string | undefined) =>
    value === undefined || value === '' ? {} : { [name]: requireHeaderText(`options.headers.${name}`, value) };
  return {
    contentType: requireHeaderText('options.headers.contentType', headers?.contentType || 'binary/octet-stream'),
    ...optional('contentEncoding', encoding),
    ...optional('contentDisposition', headers?.contentDisposition),
    ...optional('contentLanguage', headers?.contentLanguage),
    ...optional('cacheControl', headers?.cacheControl),
    ...optional('expires', headers?.expires),
    ...optional('websiteRedirectLocation', redirectLocation(headers?.websiteRedirectLocation ?? '')),
  };
}

/**
 * The storage classes whose objects S3 serves at once: Strongroom stores
 * every one alike and reports the class asked for. The archive classes
 * (GLACIER, DEEP_ARCHIVE), whose objects must be restored before a read,
 * are not offered.
 */
const STORAGE_CLASSES: ReadonlySet<string> = new Set(['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR']);

/** Checks the storage class (none means STANDARD); INVALID_STORAGE_CLASS for an archive class or an unknown one. */
export function validateStorageClass(storageClass: string): string {
  if (storageClass === '') return 'STANDARD';
  if (!STORAGE_CLASSES.has(storageClass)) {
    throw new DomainError(ErrorReason.INVALID_STORAGE_CLASS, `The storage class you specified is not valid: ${storageClass} is not offered; use one of ${[...STORAGE_CLASSES].join(', ')}`);
  }
  return storageClass;
}

/** Checks the requested encryption: SSE-S3, SSE-KMS, or none given (the bucket's default). */
export function validateSse(sseAlgorithm: storageV1.SseAlgorithm): void {
  if (sseAlgorithm !== storageV1.SseAlgorithm.UNSPECIFIED && sseAlgorithm !== storageV1.SseAlgorithm.AES256 && sseAlgorithm !== storageV1.SseAlgorithm.AWS_KMS) {
    throw invalidArgument('options.sse_algorithm', 'must be AES256, AWS_KMS or unspecified');
  }
}

/** What a write stores besides its bytes, validated, but its tags, which are checked once the write is authorized. */
export type UntaggedAttributes = Omit<ObjectAttributes, 'tags'>;

/**
 * Validates what a write stores but its tags: headers, user metadata
 * (METADATA_TOO_LARGE), storage class, encryption. The tags a write asks
 * for ({@link requestedTags}) are checked with `validateTags` only after
 * every authorization of the write, as S3 "first verifies that the
 * requester has the necessary permissions": InvalidTag before
 * AccessDenied would tell a caller who may not write how far its request
 * got.
 */
export function validateAttributes(options: storageV1.WriteOptions | undefined): UntaggedAttributes {
  validateSse(options?.sseAlgorithm ?? storageV1.SseAlgorithm.UNSPECIFIED);
  return {
    headers: storedHeaders(options?.headers),
    userMetadata: validateUserMetadata(options?.userMetadata ?? {}),
    storageClass: validateStorageClass(options?.storageClass ?? ''),
  };
}

/** The tags a write asks for, at most 10 ({@link askedTags}), not yet validated: what its authorization's tag condition keys are made of. */
export function requestedTags(options: storageV1.WriteOptions | undefined): readonly StoredTag[] {
  return askedTags(options?.tags ?? [], OBJECT_TAGS);
}

/** The `s3:RequestObjectTag/<k>` and `s3:RequestObjectTagKeys` condition keys of a write with tags. */
export function requestTagContext(tags: readonly StoredTag[]): Record<string, string | readonly string[]> {
  const context: Record<string, string | readonly string[]> = {};
  for (const tag of tags) context[`s3:RequestObjectTag/${tag.key}`] = tag.value;
  if (tags.length > 0) context['s3:RequestObjectTagKeys'] = tags.map((tag) => tag.key);
  return context;
}
