import type { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { parseHttpDate } from './http-date';

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function read(headers: IncomingHttpHeaders, prefix: string): storageV1.Preconditions | undefined {
  const ifMatch = one(headers, `${prefix}if-match`);
  const ifNoneMatch = one(headers, `${prefix}if-none-match`);
  const ifModifiedSince = parseHttpDate(one(headers, `${prefix}if-modified-since`));
  const ifUnmodifiedSince = parseHttpDate(one(headers, `${prefix}if-unmodified-since`));
  if (ifMatch === undefined && ifNoneMatch === undefined && ifModifiedSince === undefined && ifUnmodifiedSince === undefined) return undefined;
  return {
    ifMatch: ifMatch ?? '',
    ifNoneMatch: ifNoneMatch ?? '',
    ...(ifModifiedSince === undefined ? {} : { ifModifiedSince }),
    ...(ifUnmodifiedSince === undefined ? {} : { ifUnmodifiedSince }),
  };
}

/** The conditional-request headers (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since); dates that do not parse are ignored, as HTTP says. */
export function preconditions(headers: IncomingHttpHeaders): storageV1.Preconditions | undefined {
  return read(headers, '');
}

/**
 * The conditions S3 evaluates on a write (PutObject, CopyObject's
 * destination, CompleteMultipartUpload): If-Match and If-None-Match. S3
 * ignores If-Modified-Since and If-Unmodified-Since on a write, and so does
 * the gateway; the storage API refuses them.
 */
export function writePreconditions(headers: IncomingHttpHeaders): storageV1.Preconditions | undefined {
  const conditions = preconditions(headers);
  if (conditions === undefined || (conditions.ifMatch === '' && conditions.ifNoneMatch === '')) return undefined;
  return { ifMatch: conditions.ifMatch, ifNoneMatch: conditions.ifNoneMatch };
}

/** The copy-source conditions (`x-amz-copy-source-if-*`). */
export function copySourcePreconditions(headers: IncomingHttpHeaders): storageV1.Preconditions | undefined {
  return read(headers, 'x-amz-copy-source-');
}
