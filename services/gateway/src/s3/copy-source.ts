import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';
import { S3Error, toS3Error } from './errors';
import { versionIdFrom } from './params';

/** The object a copy reads. */
export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  /** Empty for the current version. */
  readonly versionId: string;
}

/**
 * A character no S3 bucket name has: today's names are lower-case letters,
 * digits, dots and hyphens, and older us-east-1 names add upper-case
 * letters and underscores. A source naming such a bucket is refused
 * before any lookup, as S3 refuses it (a source of `s3://bucket/key`,
 * read as bucket `s3:`, is S3's "Invalid copy source bucket name"; so is
 * versitygw's answer for `my-buc@k&()t`, versity/versitygw#1404). A name
 * only the newer rules refuse (upper case, `_`) is looked up, as a
 * bucket of that name may exist in S3.
 */
const NOT_IN_A_BUCKET_NAME = /[^A-Za-z0-9._-]/;

/** S3's InvalidArgument about `x-amz-copy-source`: its `message` says which part is wrong. */
function invalid(message: string, value: string): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });
}

/**
 * Parses `x-amz-copy-source`: `[/]<bucket>/<key>[?versionId=<id>]`, URL-encoded,
 * a `+` read as a space as S3 reads it (an empty version id is InvalidArgument).
 * A missing or impossible bucket name, a missing key and a broken encoding
 * are InvalidArgument in S3's words for each. Access-point and Outposts
 * ARNs are not served.
 */
export function parseCopySource(value: string): CopySource {
  const mark = value.indexOf('?');
  const path = mark < 0 ? value : value.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : value.slice(mark + 1));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replaceAll('+', ' '));
  } catch {
    throw invalid('Invalid copy source encoding', value);
  }
  const trimmed = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (trimmed.startsWith('arn:')) throw new S3Error('NotImplemented', 'Copying from an access point is not implemented.');
  const slash = trimmed.indexOf('/');
  const bucket = slash < 0 ? trimmed : trimmed.slice(0, slash);
  if (bucket === '' || NOT_IN_A_BUCKET_NAME.test(bucket)) throw invalid('Invalid copy source bucket name', value);
  if (slash < 0 || slash === trimmed.length - 1) throw invalid('Invalid copy source object key', value);
  return { bucket, key: trimmed.slice(slash + 1), versionId: versionIdFrom(query) };
}

/** The bucket a storage NoSuchBucket is about (its metadata names it), if it says. */
function missingBucketOf(error: unknown): string | undefined {
  return error instanceof DomainError && error.reason === ErrorReason.BUCKET_NOT_FOUND ? error.metadata.bucket : undefined;
}

/** True for the storage service's NoSuchKey or NoSuchVersion of a copy source (its metadata marks it `copy_source`). */
function isMissingSource(error: unknown): boolean {
  return error instanceof DomainError && (error.reason === ErrorReason.NO_SUCH_KEY || error.reason === ErrorReason.NO_SUCH_VERSION) && error.metadata.copy_source === 'true';
}

/**
 * A copy's failure as S3 names it: NoSuchBucket for the source bucket names
 * the source bucket, and NoSuchKey (or NoSuchVersion) of the source names
 * the source key; the storage service says which bucket is missing and
 * marks a missing source. Anything else is returned unchanged.
 */
export function namingCopySource(error: unknown, source: CopySource): unknown {
  const aboutSourceBucket = missingBucketOf(error) === source.bucket;
  const aboutSourceKey = isMissingSource(error);
  if (!aboutSourceBucket && !aboutSourceKey) return error;
  const s3Error = toS3Error(error);
  const named: Record<string, string> = aboutSourceBucket ? { BucketName: source.bucket } : { Key: source.key };
  return new S3Error(s3Error.code, s3Error.message, { ...s3Error.details, ...named }, error, s3Error.headers);
}
