import { renderXml, type XmlElement } from '../s3/xml';
import type { S3Response } from './command';

/** An XML answer: `root` with `content`, in S3's namespace. */
export function xmlResponse(root: string, content: XmlElement | string, headers: Readonly<Record<string, string | number | undefined>> = {}, status = 200): S3Response {
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body: renderXml(root, content) };
}

/** An answer without a body (204 by default, as S3 answers deletes). */
export function emptyResponse(status = 204, headers: Readonly<Record<string, string | number | undefined>> = {}): S3Response {
  return { status, headers };
}
