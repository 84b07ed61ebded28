import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';

/** Encodes the names in a listing as the request asked (`encoding-type=url`), or leaves them as they are. */
export interface ListEncoding {
  /** `url`, echoed as EncodingType; undefined when not asked. */
  readonly type: 'url' | undefined;
  /** A key, prefix, marker or delimiter as the response carries it. */
  encode(value: string): string;
  /** Like {@link encode}, passing undefined and empty values through as undefined. */
  optional(value: string | undefined): string | undefined;
}

/** S3's URL encoding of names in listings: percent-encoding of everything but unreserved characters and `/`. */
export function urlEncodeName(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The listing encoding of a request; InvalidArgument for any `encoding-type`
 * but `url`, S3's only valid value, spelled as S3 spells it (not `URL`).
 */
export function listEncoding(request: S3Request): ListEncoding {
  const requested = request.query.get('encoding-type');
  if (requested !== null && requested !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', { ArgumentName: 'encoding-type', ArgumentValue: requested });
  }
  const encode = requested === null ? (value: string) => value : urlEncodeName;
  return {
    type: requested === null ? undefined : 'url',
    encode,
    optional: (value) => (value === undefined || value === '' ? undefined : encode(value)),
  };
}
