import { resolveAddressing } from '../http/addressing';
import { header, type S3Request } from '../http/s3-request';

/**
 * `key` as S3 writes it in an object's `Location` (CompleteMultipartUpload
 * and PostObject): `application/x-www-form-urlencoded` (URLSearchParams'
 * serializer), a space as `+` and every character but ASCII letters,
 * digits and `*-._` percent-encoded as UTF-8, `/` included. S3's own
 * answers: `.../prefix%2F111222` for key `prefix/111222` (PostResponse,
 * ceph/ceph#20330), `.../55159b8b109ea8d1653eb5b1%2F1largeImage.jpg` from
 * CompleteMultipartUpload (aws/aws-sdk-js#811, #1158), and `with+space`
 * for a space (aws/aws-sdk-js#1707).
 */
export function locationKey(key: string): string {
  return new URLSearchParams({ '': key }).toString().slice('='.length);
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
 * `Location`: the {@link bucketUrl}, then the {@link locationKey}.
 */
export function objectLocation(request: S3Request, domain: string, object: { readonly bucket: string; readonly key: string }): string {
  return `${bucketUrl(request, domain, object.bucket)}${locationKey(object.key)}`;
}
