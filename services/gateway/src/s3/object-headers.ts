import { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors';
import { checksumResponseHeaders } from './checksum-headers';
import { formatHttpDate } from './http-date';
import { encryptionHeaders } from './sse-headers';
import { metadataHeaders } from './user-metadata';

/** `x-amz-version-id` for a version id as storage names it: none when empty (the null version of a bucket never versioned), `null` included. */
export function versionIdHeader(versionId: string | undefined): string | undefined {
  return versionId === undefined || versionId === '' ? undefined : versionId;
}

/** `x-amz-checksum-mode`: true for ENABLED, false when absent, InvalidRequest (S3's words) for anything else. */
export function checksumModeHeader(headers: IncomingHttpHeaders): boolean {
  const mode = headers['x-amz-checksum-mode'];
  if (mode === undefined) return false;
  if (mode === 'ENABLED') return true;
  throw new S3Error('InvalidRequest', 'Value for x-amz-checksum-mode header is invalid.');
}

/** What to include beyond the basics. */
export interface ObjectHeaderOptions {
  /** `x-amz-checksum-mode: ENABLED` was sent. */
  readonly checksumMode: boolean;
  /** A part was asked for: report the object's part count. */
  readonly partRequested: boolean;
}

/** What GetObject's first message and HeadObject's answer say: the version, and the bytes of a range or part. */
export interface ObjectRead {
  readonly object: storageV1.ObjectInfo;
  /** True for a range or part: S3 answers 206 with Content-Range. */
  readonly partial: boolean;
  readonly rangeFirst: number;
  readonly rangeLast: number;
}

/**
 * The status and headers of a GET or HEAD answer: 206 with the range's
 * Content-Length and Content-Range for a range or part (an empty last part
 * of a multipart object: 206 with Content-Length 0 and no Content-Range,
 * which cannot name an empty range), else 200. A range
 * carries no checksum unless it covers the whole object; a part carries its
 * own (storage reports it in place of the object's), the whole object the
 * object's.
 */
export function readResponseHead(read: ObjectRead, options: ObjectHeaderOptions): { status: 200 | 206; headers: Record<string, string | number | undefined> } {
  const whole = !read.partial || (read.rangeFirst === 0 && read.rangeLast === read.object.size - 1);
  const headers = objectHeaders(read.object, { ...options, checksumMode: options.checksumMode && (whole || options.partRequested) });
  if (!read.partial) return { status: 200, headers };
  headers['content-length'] = read.rangeLast - read.rangeFirst + 1;
  headers['content-range'] = read.rangeLast < read.rangeFirst ? undefined : `bytes ${read.rangeFirst}-${read.rangeLast}/${read.object.size}`;
  return { status: 206, headers };
}

/**
 * The response headers S3 sends for an object version on GET and HEAD:
 * ETag, Last-Modified, Content-Length, the stored content headers and
 * website redirect location, user metadata (RFC 2047 encoded when not
 * ASCII), version id, encryption, checksum (with ChecksumMode), tag and part
 * counts, and Accept-Ranges.
 */
export function objectHeaders(info: storageV1.ObjectInfo, options: ObjectHeaderOptions): Record<string, string | number | undefined> {
  const stored = info.headers;
  const headers: Record<string, string | number | undefined> = {
    etag: info.etag,
    'last-modified': info.lastModified === undefined ? undefined : formatHttpDate(info.lastModified),
    'content-length': info.size,
    'content-type': stored?.contentType || 'binary/octet-stream',
    'content-encoding': stored?.contentEncoding || undefined,
    'content-disposition': stored?.contentDisposition || undefined,
    'content-language': stored?.contentLanguage || undefined,
    'cache-control': stored?.cacheControl || undefined,
    expires: stored?.expires || undefined,
    'x-amz-website-redirect-location': stored?.websiteRedirectLocation || undefined,
    'accept-ranges': 'bytes',
    'x-amz-version-id': versionIdHeader(info.versionId),
    ...encryptionHeaders(info.encryption),
    'x-amz-tagging-count': info.tagCount > 0 ? info.tagCount : undefined,
    'x-amz-storage-class': info.storageClass !== '' && info.storageClass !== 'STANDARD' ? info.storageClass : undefined,
    'x-amz-mp-parts-count': options.partRequested && info.partsCount > 0 ? info.partsCount : undefined,
    ...metadataHeaders(info.userMetadata),
  };
  if (options.checksumMode) Object.assign(headers, checksumResponseHeaders(info.checksum));
  return headers;
}
