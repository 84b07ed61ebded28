import type { storageV1 } from '@strongroom/contracts';
import { invalidArgument } from '@strongroom/errors';
import { requireBucket } from '../bucket-access';
import { prefixUpperBound } from '../key-order';
import { enforcedOwner } from '../object-acl';
import { collectListing, firstCursor, resumeAfter, type ListingCursor, type ListingRequest } from '../listing';
import { refuseNul } from '../object-input';
import { pageSize, requestedPageSize } from '../page-size';
import { toListedObjectInfo } from '../proto-mapping';
import type { StorageHandler } from '../storage-call';
import { requireWellFormedVersionId } from '../version-id';
import type { VersionRecord } from '../version-record';
import { listAllVersions, listCurrentVersions } from '../version-store';
import { findVersionPlace, type VersionPlace } from '../tombstones';

/** A listing parameter as a condition key: absent when the request did not carry it, as in S3, where a `Null` condition tells the two apart. */
function statedParameter(key: string, value: string, stated: boolean): Record<string, string> {
  return value !== '' || stated ? { [key]: value } : {};
}

/**
 * The listing's condition keys, each only where the request carried its
 * parameter: `s3:prefix` and `s3:delimiter` as stated, `s3:max-keys` for a
 * page size asked for (0 with `empty_page`), absent for the default one.
 */
function listingContext(request: storageV1.ListObjectsRequest | storageV1.ListObjectVersionsRequest) {
  return {
    ...statedParameter('s3:prefix', request.prefix, request.prefixStated),
    ...statedParameter('s3:delimiter', request.delimiter, request.delimiterStated),
    ...(request.maxKeys === 0 && !request.emptyPage ? {} : { 's3:max-keys': String(requestedPageSize(request, request.maxKeys)) }),
  };
}

/** ListObjects (v1 and v2): current versions under a prefix, rolled up by the delimiter, a page at a time. */
export const listObjects: StorageHandler<storageV1.ListObjectsRequest, storageV1.ListObjectsResponse> = async (deps, request, call) => {
  refuseNul({ prefix: request.prefix, delimiter: request.delimiter, start_after: request.startAfter });
  const bucket = await requireBucket(deps, request.bucket);
  const maxKeys = pageSize(request, request.maxKeys);
  await deps.authorizer.require(call.requester, { action: 's3:ListBucket', bucket, context: listingContext(request) });
  const listing: ListingRequest = { prefix: request.prefix, delimiter: request.delimiter, startAfter: request.startAfter, maxKeys };
  const upperBound = prefixUpperBound(request.prefix);
  const page = await collectListing<VersionRecord>(listing, firstCursor(listing), (cursor, limit) =>
    listCurrentVersions(deps.pool, bucket.bucketId, { key: cursor.key, inclusive: cursor.inclusive, upperBound }, limit, listing),
  );
  const owner = await enforcedOwner(deps, bucket);
  const contents: storageV1.ObjectInfo[] = [];
  const commonPrefixes: string[] = [];
  for (const entry of page.entries) {
    if (entry.kind === 'row') contents.push(toListedObjectInfo(entry.row, owner));
    else commonPrefixes.push(entry.prefix);
  }
  const last = page.entries[page.entries.length - 1];
  return {
    contents,
    commonPrefixes,
    isTruncated: page.isTruncated,
    nextStartAfter: last === undefined ? '' : last.kind === 'row' ? last.row.key : last.prefix,
  };
};

/**
 * ListObjectVersions: every version and delete marker by key, newest
 * first, with key and version-id markers. A version-id marker is looked up
 * only for a key marker within the prefix: outside it, it cannot move the
 * listing, and its lookup would tell a requester allowed only the prefix
 * whether keys beyond it exist.
 */
export const listObjectVersions: StorageHandler<storageV1.ListObjectVersionsRequest, storageV1.ListObjectVersionsResponse> = async (deps, request, call) => {
  refuseNul({ prefix: request.prefix, delimiter: request.delimiter, key_marker: request.keyMarker });
  const bucket = await requireBucket(deps, request.bucket);
  if (request.versionIdMarker !== '' && request.keyMarker === '') throw invalidArgument('version_id_marker', 'needs key_marker');
  const maxKeys = pageSize(request, request.maxKeys);
  await deps.authorizer.require(call.requester, { action: 's3:ListBucketVersions', bucket, context: listingContext(request) });
  const listing: ListingRequest = { prefix: request.prefix, delimiter: request.delimiter, startAfter: request.keyMarker, maxKeys };
  let initial: ListingCursor<VersionPlace> = firstCursor(listing);
  if (request.versionIdMarker !== '') requireWellFormedVersionId(request.versionIdMarker, 'version_id_marker');
  if (request.versionIdMarker !== '' && request.keyMarker.startsWith(request.prefix)) {
    initial = resumeAfter(listing, await findVersionPlace(deps.pool, bucket.bucketId, request.keyMarker, request.versionIdMarker));
  }
  const upperBound = prefixUpperBound(request.prefix);
  const page = await collectListing(listing, initial, (cursor, limit) =>
    listAllVersions(deps.pool, bucket.bucketId, { key: cursor.key, inclusive: cursor.inclusive, upperBound }, cursor.row?.key === cursor.key ? cursor.row.seq : undefined, limit, listing),
  );
  const owner = await enforcedOwner(deps, bucket);
  const versions: storageV1.ObjectInfo[] = [];
  const commonPrefixes: string[] = [];
  for (const entry of page.entries) {
    if (entry.kind === 'row') versions.push(toListedObjectInfo(entry.row, owner));
    else commonPrefixes.push(entry.prefix);
  }
  const last = page.entries[page.entries.length - 1];
  return {
    versions,
    commonPrefixes,
    isTruncated: page.isTruncated,
    nextKeyMarker: last === undefined ? '' : last.kind === 'row' ? last.row.key : last.prefix,
    nextVersionIdMarker: last?.kind === 'row' ? last.row.versionId : '',
  };
};
