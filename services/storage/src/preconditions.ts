import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import { MAX_ERROR_TEXT } from '@strongroom/grpc';
import { strongMatch, weakMatch } from './entity-tags';
import type { VersionRecord } from './version-record';

/**
 * What conditional headers are checked against: a version's quoted ETag,
 * Last-Modified, and the stored headers a 304 repeats.
 */
export type ConditionTarget = Pick<VersionRecord, 'etag' | 'lastModified' | 'headers'>;

/** HTTP dates have whole seconds: compare at that resolution. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * An If-Modified-Since date to apply: none later than the server's time,
 * which RFC 7232 calls invalid and S3 ignores (a client whose clock runs
 * ahead would otherwise be told Not Modified, or have its copy refused, for
 * ever). The server's time is at least `now` and at least the object's
 * Last-Modified: versions are dated by the database's clock, which may run
 * ahead of this process's, and a client repeating the Last-Modified it was
 * given must be told Not Modified.
 */
function modifiedSince(date: Date | undefined, now: Date, lastModified: Date): Date | undefined {
  return date !== undefined && seconds(date) <= Math.max(seconds(now), seconds(lastModified)) ? date : undefined;
}

/** PRECONDITION_FAILED naming the header whose condition did not hold (metadata `condition`, S3's `<Condition>`). */
function failed(message: string, condition: string): DomainError {
  return new DomainError(ErrorReason.PRECONDITION_FAILED, message, { metadata: { condition } });
}

/** A stored header a 304 can repeat: one an error's metadata carries whole (a longer one would arrive cut short and marked). */
function repeatable(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value.length <= MAX_ERROR_TEXT;
}

/**
 * What a 304 repeats of what a 200 would have sent (RFC 9110 15.4.5): the
 * ETag, Last-Modified (as S3 sends it), and the stored Cache-Control and
 * Expires when the version has them and they fit an error's metadata (a
 * longer one is left out rather than sent different from the 200's).
 */
function notModifiedMetadata(target: ConditionTarget): Record<string, string> {
  const { cacheControl, expires } = target.headers;
  return {
    etag: target.etag ?? '',
    last_modified: target.lastModified.toISOString(),
    ...(repeatable(cacheControl) ? { cache_control: cacheControl } : {}),
    ...(repeatable(expires) ? { expires } : {}),
  };
}

/**
 * Evaluates the conditional headers of a read (GET, HEAD) in S3's order, which
 * is RFC 7232's: If-Match, else If-Unmodified-Since (PRECONDITION_FAILED);
 * then If-None-Match, else If-Modified-Since (NOT_MODIFIED). So If-Match
 * true with If-Unmodified-Since false succeeds, and If-None-Match false with
 * If-Modified-Since true is NOT_MODIFIED, as S3 documents. NOT_MODIFIED
 * carries what a 304 repeats in its metadata (`etag`, `last_modified`,
 * `cache_control`, `expires`). An If-Modified-Since later than `now` and
 * than the object's Last-Modified is ignored.
 */
export function checkReadPreconditions(conditions: storageV1.Preconditions | undefined, target: ConditionTarget, now: Date): void {
  if (conditions === undefined) return;
  const modified = seconds(target.lastModified);
  const ifModifiedSince = modifiedSince(conditions.ifModifiedSince, now, target.lastModified);
  if (conditions.ifMatch !== '') {
    if (!strongMatch(conditions.ifMatch, target.etag)) throw failed('If-Match does not match the ETag', 'If-Match');
  } else if (conditions.ifUnmodifiedSince !== undefined && modified > seconds(conditions.ifUnmodifiedSince)) {
    throw failed('the object was modified after If-Unmodified-Since', 'If-Unmodified-Since');
  }
  const notModified = (message: string) => new DomainError(ErrorReason.NOT_MODIFIED, message, { metadata: notModifiedMetadata(target) });
  if (conditions.ifNoneMatch !== '') {
    if (weakMatch(conditions.ifNoneMatch, target.etag)) throw notModified('If-None-Match matches the ETag');
  } else if (ifModifiedSince !== undefined && modified <= seconds(ifModifiedSince)) {
    throw notModified('the object was not modified since If-Modified-Since');
  }
}

/**
 * Evaluates the conditional headers of a copy source (`x-amz-copy-source-if-*`):
 * every given condition must hold, else PRECONDITION_FAILED, except that
 * If-Match true overrides If-Unmodified-Since false and If-None-Match false
 * fails even when If-Modified-Since holds (S3's CopyObject rules). An
 * If-Modified-Since later than `now` and than the source's Last-Modified is
 * ignored.
 */
export function checkCopySourcePreconditions(conditions: storageV1.Preconditions | undefined, target: ConditionTarget, now: Date): void {
  if (conditions === undefined) return;
  const modified = seconds(target.lastModified);
  const ifModifiedSince = modifiedSince(conditions.ifModifiedSince, now, target.lastModified);
  if (conditions.ifMatch !== '') {
    if (!strongMatch(conditions.ifMatch, target.etag)) throw failed('x-amz-copy-source-if-match does not match the source ETag', 'x-amz-copy-source-If-Match');
  } else if (conditions.ifUnmodifiedSince !== undefined && modified > seconds(conditions.ifUnmodifiedSince)) {
    throw failed('the source was modified after x-amz-copy-source-if-unmodified-since', 'x-amz-copy-source-If-Unmodified-Since');
  }
  if (conditions.ifNoneMatch !== '') {
    if (weakMatch(conditions.ifNoneMatch, target.etag)) throw failed('x-amz-copy-source-if-none-match matches the source ETag', 'x-amz-copy-source-If-None-Match');
  } else if (ifModifiedSince !== undefined && modified <= seconds(ifModifiedSince)) {
    throw failed('the source was not modified since x-amz-copy-source-if-modified-since', 'x-amz-copy-source-If-Modified-Since');
  }
}

/**
 * Evaluates a conditional write against the key's current version (undefined
 * when there is none or it is a delete marker): If-None-Match `*` needs no
 * current object (PRECONDITION_FAILED); If-Match needs one (NO_SUCH_KEY) whose
 * ETag matches (PRECONDITION_FAILED).
 */
export function checkWritePreconditions(conditions: storageV1.Preconditions | undefined, current: ConditionTarget | undefined): void {
  if (conditions === undefined) return;
  if (conditions.ifNoneMatch !== '') {
    if (conditions.ifNoneMatch.trim() !== '*') throw failed('a write takes If-None-Match: * only', 'If-None-Match');
    if (current !== undefined) throw failed('the object exists and If-None-Match is *', 'If-None-Match');
  }
  if (conditions.ifMatch !== '') {
    if (current === undefined) throw new DomainError(ErrorReason.NO_SUCH_KEY, 'the key does not exist and If-Match was given');
    if (!strongMatch(conditions.ifMatch, current.etag)) throw failed('If-Match does not match the ETag', 'If-Match');
  }
}

function conditionNotImplemented(header: string, additionalMessage: string): DomainError {
  return new DomainError(ErrorReason.CONDITION_NOT_IMPLEMENTED, 'A header you provided implies functionality that is not implemented', {
    metadata: { header, additional_message: additionalMessage },
  });
}

/**
 * Refuses the conditional headers PutObject, CopyObject and
 * CompleteMultipartUpload do not take, as S3 does (CONDITION_NOT_IMPLEMENTED,
 * S3's NotImplemented naming the header): If-None-Match other than `*`,
 * If-Match `*`, and both at once. Answered PRECONDITION_FAILED, a client
 * writing a new key with `If-None-Match: "<etag>"` was told it exists.
 * A date condition, which S3 ignores on a write, is INVALID_ARGUMENT rather
 * than ignored in silence (the gateway does not send one).
 * (DeleteObject takes If-Match `*`, so it does not come here.)
 */
export function refuseUnsupportedWriteConditions(conditions: storageV1.Preconditions | undefined): void {
  if (conditions === undefined) return;
  if (conditions.ifModifiedSince !== undefined || conditions.ifUnmodifiedSince !== undefined) {
    throw invalidArgument('preconditions', 'a write takes if_match and if_none_match only');
  }
  const { ifMatch, ifNoneMatch } = conditions;
  if (ifMatch !== '' && ifNoneMatch !== '') throw conditionNotImplemented('If-Match,If-None-Match', 'Multiple conditional request headers present in the request');
  if (ifNoneMatch !== '' && ifNoneMatch.trim() !== '*') throw conditionNotImplemented('If-None-Match', "We don't accept the provided value of If-None-Match header for this API");
  if (ifMatch.trim() === '*') throw conditionNotImplemented('If-Match', "We don't accept the provided value of If-Match header for this API");
}

/**
 * The condition keys of a write's conditions on the current version, as S3
 * sets them for PutObject and CompleteMultipartUpload: `s3:if-match` and
 * `s3:if-none-match`, each the header's value, absent when not sent (a
 * policy can require conditional writes: Null `s3:if-none-match` false).
 */
export function writePreconditionConditions(conditions: storageV1.Preconditions | undefined): Record<string, string | readonly string[]> {
  return { 's3:if-match': conditions?.ifMatch || [], 's3:if-none-match': conditions?.ifNoneMatch || [] };
}

/** True when a write carries a condition on the current version. */
export function hasWritePreconditions(conditions: storageV1.Preconditions | undefined): boolean {
  return conditions !== undefined && (conditions.ifMatch !== '' || conditions.ifNoneMatch !== '');
}
