import type { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors';
import { preconditions } from './preconditions';

/** DeleteObject's conditions that S3 evaluates in directory buckets only; a general-purpose bucket refuses them. */
const DIRECTORY_BUCKET_HEADERS = ['x-amz-if-match-last-modified-time', 'x-amz-if-match-size'] as const;

/** The same conditions as elements of a DeleteObjects `<Object>`. */
export const DIRECTORY_BUCKET_ELEMENTS = ['LastModifiedTime', 'Size'] as const;

/** The refusal of a delete condition S3 evaluates in directory buckets only (Strongroom's buckets are general-purpose ones). */
export function directoryBucketOnly(name: string): S3Error {
  return new S3Error('NotImplemented', `${name} is supported by directory buckets only.`, { Header: name });
}

/**
 * The refusal of a conditional delete of a named version: S3 evaluates
 * conditional deletes on the current version only, and answers If-Match with
 * a versionId NotImplemented. `name` is the header or element that carried it.
 */
export function versionedConditionRefused(name: string): S3Error {
  return new S3Error('NotImplemented', `A conditional delete applies to the current version: ${name} is not supported with a versionId.`, { Header: name });
}

/**
 * The condition of a DeleteObject, as S3 evaluates it on a general-purpose
 * bucket: If-Match alone (an ETag list or `*`) on the current version, so
 * undefined without one (If-None-Match and the date conditions are not
 * delete conditions). The directory-bucket headers and If-Match with a
 * version id are NotImplemented, refused before anything is deleted.
 */
export function deletePreconditions(headers: IncomingHttpHeaders, versionId: string): storageV1.Preconditions | undefined {
  const unsupported = DIRECTORY_BUCKET_HEADERS.find((name) => headers[name] !== undefined);
  if (unsupported !== undefined) throw directoryBucketOnly(unsupported);
  const ifMatch = preconditions(headers)?.ifMatch ?? '';
  if (ifMatch === '') return undefined;
  if (versionId !== '') throw versionedConditionRefused('If-Match');
  return { ifMatch, ifNoneMatch: '' };
}
