import type { S3Response } from '../http/command';
import { locationKey } from './object-location';
import { renderXml } from './xml';

/** The object a POST stored. */
export interface PostedObject {
  readonly bucket: string;
  readonly key: string;
  /** The ETag, quoted. */
  readonly etag: string;
}

/** An http(s) URL, or undefined for what S3 "cannot interpret" and ignores. */
function redirectTarget(value: string | undefined): URL | undefined {
  if (value === undefined || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * S3's answer to a successful POST, chosen by the form: with an http(s)
 * `success_action_redirect` (or the older `redirect`), 303 See Other to it
 * with `bucket`, `key` and `etag` added to its query; else by
 * `success_action_status`: 200 or 204 with an empty body, or 201 with a
 * `PostResponse` document (Location, Bucket, Key, ETag); any other value,
 * or none, is 204. `headers` (ETag, version id, encryption) go with every
 * answer but the redirect. The object's `Location` (header and document)
 * is `bucketUrl` and the {@link locationKey} (form-encoded, `/` as `%2F`
 * and a space as `+`), as S3 writes it there and as the redirect's `key`
 * parameter has it.
 */
export function postObjectAnswer(fields: ReadonlyMap<string, string>, posted: PostedObject, bucketUrl: string, headers: Readonly<Record<string, string | undefined>>): S3Response {
  const redirect = redirectTarget(fields.get('success_action_redirect') ?? fields.get('redirect'));
  if (redirect !== undefined) {
    redirect.searchParams.append('bucket', posted.bucket);
    redirect.searchParams.append('key', posted.key);
    redirect.searchParams.append('etag', posted.etag);
    return { status: 303, headers: { location: redirect.toString() } };
  }
  const location = `${bucketUrl}${locationKey(posted.key)}`;
  const status = fields.get('success_action_status');
  const answerHeaders = { ...headers, location };
  if (status === '200') return { status: 200, headers: answerHeaders };
  if (status !== '201') return { status: 204, headers: answerHeaders };
  const document = renderXml('PostResponse', { Location: location, Bucket: posted.bucket, Key: posted.key, ETag: posted.etag }, null);
  return { status: 201, headers: { ...answerHeaders, 'content-type': 'application/xml' }, body: document };
}
