import { isTagText, storageV1 } from '@strongroom/contracts';
import { storedContentEncoding } from '@strongroom/sigv4';
import type { IncomingHttpHeaders } from 'node:http';
import { aclFromHeaders } from './acl-headers';
import { announcedChecksumAlgorithm, checksumAlgorithmEnum, type UploadChecksumSource } from './checksum-headers';
import { S3Error } from './errors';
import { refuseObjectLockHeaders } from './object-lock-headers';
import { sseWriteOptions } from './sse-headers';
import { metadataFromHeaders } from './user-metadata';

function text(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value ?? '';
}

/** The content headers stored with an object (`aws-chunked` is the transfer's, not the object's), and its website redirect location. */
function contentHeaders(headers: IncomingHttpHeaders): storageV1.ContentHeaders {
  return {
    contentType: text(headers, 'content-type'),
    contentEncoding: storedContentEncoding(headers['content-encoding']) ?? '',
    contentDisposition: text(headers, 'content-disposition'),
    contentLanguage: text(headers, 'content-language'),
    cacheControl: text(headers, 'cache-control'),
    expires: text(headers, 'expires'),
    websiteRedirectLocation: text(headers, 'x-amz-website-redirect-location'),
  };
}

/** S3's answer to an `x-amz-tagging` header it cannot read as a tag set. */
function malformedTagging(value: string): S3Error {
  return new S3Error('InvalidArgument', "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.", {
    ArgumentName: 'x-amz-tagging',
    ArgumentValue: value,
  });
}

/**
 * The tag set of an `x-amz-tagging` header (URL-encoded `k=v&k2=v2`); an
 * empty key, a repeated one, a broken escape or a character S3 does not
 * take in a tag is InvalidArgument, as in S3 (LocalStack's AWS-validated
 * test_object_tagging_exc: `key1=val1,key2=val2` is InvalidArgument, not
 * InvalidTag). Lengths and `aws:` keys are checked by storage, once the
 * write is authorized.
 */
function taggingHeader(value: string | undefined): storageV1.Tag[] {
  if (value === undefined || value === '') return [];
  const keys = new Set<string>();
  // Empty pairs (`a=1&`, `a=1&&b=2`) are skipped, as URL query parameters skip them.
  return value.split('&').filter((pair) => pair !== '').map((pair) => {
    const equals = pair.indexOf('=');
    let key: string;
    let tagValue: string;
    try {
      key = decodeURIComponent((equals < 0 ? pair : pair.slice(0, equals)).replaceAll('+', ' '));
      tagValue = equals < 0 ? '' : decodeURIComponent(pair.slice(equals + 1).replaceAll('+', ' '));
    } catch {
      throw malformedTagging(value);
    }
    if (key === '' || keys.has(key) || !isTagText(key) || !isTagText(tagValue)) throw malformedTagging(value);
    keys.add(key);
    return { key, value: tagValue };
  });
}

/** What PutObject (with `upload`), CopyObject (REPLACE), CreateMultipartUpload and POST store besides the bytes. */
export function writeOptions(headers: IncomingHttpHeaders, upload?: UploadChecksumSource): storageV1.WriteOptions {
  refuseObjectLockHeaders(headers);
  const algorithm = announcedChecksumAlgorithm(headers, upload);
  const acl = aclFromHeaders(headers);
  return {
    headers: contentHeaders(headers),
    userMetadata: metadataFromHeaders(headers),
    tags: taggingHeader(headers['x-amz-tagging'] as string | undefined),
    ...(acl === undefined ? {} : { acl }),
    ...sseWriteOptions(headers),
    checksumAlgorithm: algorithm === undefined ? storageV1.ChecksumAlgorithm.UNSPECIFIED : checksumAlgorithmEnum(algorithm),
    storageClass: text(headers, 'x-amz-storage-class'),
  };
}
