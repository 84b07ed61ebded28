import { readSmallBody } from '../http/request-body';
import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';
import { verifyBodyDigests } from './request-digest';
import { parseXml, type ParsedXml } from './xml';

/** Options of {@link readXmlBody}. */
export interface XmlBodyOptions {
  /** The largest body accepted. @default 1 MiB */
  readonly limit?: number;
  /** Content-MD5 or a checksum must be sent (DeleteObjects). @default false */
  readonly digestRequired?: boolean;
  /** False when an `x-amz-checksum-*` header is not the body's but the object's (CompleteMultipartUpload). @default true */
  readonly checksumHeaderIsBody?: boolean;
}

/** Reads a small body whole and checks the digests the client sent for it. */
export async function readVerifiedBody(request: S3Request, limit: number, digestRequired = false, checksumHeaderIsBody = true): Promise<Buffer> {
  const { bytes, trailer } = await readSmallBody(request.body, limit);
  verifyBodyDigests(request.headers, bytes, trailer, digestRequired, checksumHeaderIsBody);
  return bytes;
}

/** Reads, verifies and parses an XML request body whose root must be `root`; an empty body is MissingRequestBodyError. */
export async function readXmlBody(request: S3Request, root: string, options: XmlBodyOptions = {}): Promise<ParsedXml> {
  const bytes = await readVerifiedBody(request, options.limit ?? 1024 * 1024, options.digestRequired ?? false, options.checksumHeaderIsBody ?? true);
  if (bytes.length === 0) throw new S3Error('MissingRequestBodyError');
  return parseXml(bytes.toString('utf8'), root);
}
