import { resolveAddressing } from '../http/addressing';
import { header, type S3Request } from '../http/s3-request';

function escapeKey(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/**
 * An object's absolute URL as S3 gives it in a `Location` (PostObject,
 * CompleteMultipartUpload): on the host and scheme the request came to,
 * addressed as the request addressed the bucket (virtual-hosted or path
 * style), every key segment percent-encoded.
 */
export function objectLocation(request: S3Request, domain: string, object: { readonly bucket: string; readonly key: string }): string {
  const host = header(request, 'host') ?? '';
  const scheme = request.requester.context['aws:SecureTransport']?.values[0] === 'true' ? 'https' : 'http';
  const virtual = resolveAddressing(host, '/', domain).style === 'virtual-hosted';
  return `${scheme}://${host}/${virtual ? '' : `${encodeURIComponent(object.bucket)}/`}${escapeKey(object.key)}`;
}
