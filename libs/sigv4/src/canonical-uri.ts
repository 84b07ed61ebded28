import { percentDecode, uriEncode } from './uri-encoding';

/**
 * How the path becomes the canonical URI.
 * - `s3`: S3's rule. The path is not normalized, and each segment is encoded
 *   once: the raw segment is percent-decoded (a `+` as a space, as S3 reads
 *   the path) and re-encoded per RFC 3986, so `/a b`, `/a+b` and `/a%20b`
 *   all sign as `/a%20b`, `/a%2Bb` as `/a%2Bb`, while an encoded slash
 *   (`%2F`) stays inside its segment.
 * - `normalized`: every other AWS service. Empty, `.` and `..` segments are
 *   resolved and the wire form of each segment is encoded again ("double
 *   encoding"), as the AWS SDKs do for non-S3 services.
 */
export type UriCanonicalization = 's3' | 'normalized';

/** The canonical URI line of the canonical request for a raw request path (as on the wire, before decoding). */
export function canonicalUri(rawPath: string, mode: UriCanonicalization): string {
  const path = rawPath === '' ? '/' : rawPath;
  if (mode === 's3') {
    return path
      .split('/')
      .map((segment) => uriEncode(percentDecode(segment)))
      .join('/');
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  const trailingSlash = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.join('/')}${trailingSlash}`;
}
