import { S3Error } from './errors';

/** The object a copy reads. */
export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  /** Empty for the current version. */
  readonly versionId: string;
}

function invalid(value: string): S3Error {
  return new S3Error('InvalidArgument', 'Invalid copy source object key', { ArgumentName: 'x-amz-copy-source', ArgumentValue: value });
}

/**
 * Parses `x-amz-copy-source`: `[/]<bucket>/<key>[?versionId=<id>]`, URL-encoded.
 * Access-point and Outposts ARNs are not served.
 */
export function parseCopySource(value: string): CopySource {
  const mark = value.indexOf('?');
  const path = mark < 0 ? value : value.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : value.slice(mark + 1));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw invalid(value);
  }
  const trimmed = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (trimmed.startsWith('arn:')) throw new S3Error('NotImplemented', 'Copying from an access point is not implemented.');
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) throw invalid(value);
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1), versionId: query.get('versionId') ?? '' };
}
