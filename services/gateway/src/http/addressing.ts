import { S3Error } from '../s3/errors';

/** The bucket and key a request addresses. */
export interface Addressed {
  /** The bucket, or undefined for the service (ListBuckets). */
  readonly bucket: string | undefined;
  /** The key (percent-decoded, opaque: `a//b`, `../x` stay as they are), or undefined for the bucket itself. */
  readonly key: string | undefined;
  /** How the bucket was named. */
  readonly style: 'path' | 'virtual-hosted';
}

function hostName(host: string | undefined): string {
  if (host === undefined) return '';
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  const colon = trimmed.lastIndexOf(':');
  return colon < 0 ? trimmed : trimmed.slice(0, colon);
}

/** A path segment decoded as S3 decodes it: percent-escapes, and `+` as a space (a plus is `%2B`). */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment.replaceAll('+', ' '));
  } catch {
    throw new S3Error('InvalidURI');
  }
}

/**
 * The request's Host: undefined when it has none (HTTP/1.0). More than one
 * Host header, or a list in one, is BadRequest (RFC 9112 §3.2 asks for a
 * 400): a proxy in front could route by one while the gateway addressed,
 * and SigV4 signed, by another.
 */
export function singleHost(values: readonly string[] | undefined): string | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1 || values[0]!.includes(',')) throw new S3Error('BadRequest', 'A request must carry one Host header, naming one host.');
  return values[0];
}

/**
 * Finds the bucket and key of a request. With `Host: <bucket>.<domain>` the
 * bucket is virtual-hosted and the whole path is the key; otherwise the
 * first path segment is the bucket (path style). `rawPath` is the path as
 * sent, still percent-encoded; as in S3, a `+` in it is a space (an old
 * habit of form encoding that S3 kept, and that clients such as older
 * s3cmd rely on), a plus is sent as `%2B`.
 */
export function resolveAddressing(host: string | undefined, rawPath: string, domain: string): Addressed {
  const name = hostName(host);
  const suffix = `.${domain.toLowerCase()}`;
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (name.endsWith(suffix) && name.length > suffix.length) {
    const bucket = name.slice(0, -suffix.length);
    return { bucket, key: path === '' ? undefined : decode(path), style: 'virtual-hosted' };
  }
  if (path === '') return { bucket: undefined, key: undefined, style: 'path' };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decode(path), key: undefined, style: 'path' };
  const key = path.slice(slash + 1);
  return { bucket: decode(path.slice(0, slash)), key: key === '' ? undefined : decode(key), style: 'path' };
}
