import { resolveAddressing } from '../http/addressing';
import { header, type S3Request } from '../http/s3-request';

function escapeKey(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/**
 * A bucket's absolute URL, ending in `/`: on the host and scheme the
 * request came to, addressed as the request addressed the bucket
 * (virtual-hosted or path style). An object's URL is this and its key,
 * encoded as the answer needs it.
 */
export function bucketUrl(request: S3Request, domain: string, bucket: string): string {
  const host = header(request, 'host') ?? '';
  const scheme = request.requester.context['aws:SecureTransport']?.values[0] === 'true' ? 'https' : 'http';
  const virtual = resolveAddressing(host, '/', domain).style === 'virtual-hosted';
  return `${scheme}://${host}/${virtual ? '' : `${encodeURIComponent(bucket)}/`}`;
}

/**
 * An object's absolute URL as CompleteMultipartUpload gives it in its
 * `Location`: the {@link bucketUrl}, then every key segment
 * percent-encoded.
 */
export function objectLocation(request: S3Request, domain: string, object: { readonly bucket: string; readonly key: string }): string {
  return `${bucketUrl(request, domain, object.bucket)}${escapeKey(object.key)}`;
}
