import { isUtf8 } from 'node:buffer';
import { percentDecode } from '@strongroom/sigv4';
import { S3Error } from '../s3/errors';

/**
 * A request's query parameters, read as SigV4 reads them (it signed them):
 * a leading `?` is part of the first name (URLSearchParams would drop it,
 * and `??acl`, signed as a parameter named `?acl`, routed as GetObjectAcl).
 * A name or value whose escapes decode to bytes that are not UTF-8 is
 * InvalidURI, as such a path is: read leniently, `prefix=%C3` listed the
 * keys that begin with U+FFFD.
 */
export function requestQuery(rawQuery: string): URLSearchParams {
  for (const pair of rawQuery.split('&')) {
    if (!isUtf8(percentDecode(pair))) throw new S3Error('InvalidURI');
  }
  return new URLSearchParams(rawQuery.startsWith('?') ? `&${rawQuery}` : rawQuery);
}
