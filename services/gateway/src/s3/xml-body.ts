import { readSmallBody } from '../http/request-body';
import type { S3Request } from '../http/s3-request';
import { checkAnnouncedChecksums } from './checksum-headers';
import { S3Error } from './errors';
import { verifyBodyDigests, type BodyDigestOptions } from './request-digest';
import { parseXml, type ParsedXml } from './xml';

/** Options of {@link readXmlBody}: the largest body accepted (default 1 MiB), the digests expected and what an empty body is. */
export interface XmlBodyOptions extends BodyDigestOptions {
  readonly limit?: number;
  /** The error an empty body gets, where S3 answers it otherwise than MissingRequestBodyError. */
  readonly emptyBodyError?: () => S3Error;
}

/**
 * Reads a small body whole and checks the digests the client sent for it.
 * When a checksum header is the body's, the checksums announced are checked
 * first, as for PutObject: S3 refuses an `x-amz-sdk-checksum-algorithm`
 * without the checksum it names on every operation that takes it.
 */
export async function readVerifiedBody(request: S3Request, limit: number, digests: BodyDigestOptions = {}): Promise<Buffer> {
  if (digests.checksumHeaderIsBody !== false) checkAnnouncedChecksums(request.headers, request.body.declaredTrailer);
  const { bytes, trailer } = await readSmallBody(request.body, limit);
  verifyBodyDigests(request.headers, bytes, trailer, digests);
  return bytes;
}

/** Reads, verifies and parses an XML request body whose root must be `root`; an empty body is MissingRequestBodyError unless the options say otherwise. */
export async function readXmlBody(request: S3Request, root: string, options: XmlBodyOptions = {}): Promise<ParsedXml> {
  const bytes = await readVerifiedBody(request, options.limit ?? 1024 * 1024, options);
  if (bytes.length === 0) throw options.emptyBodyError?.() ?? new S3Error('MissingRequestBodyError');
  return parseXml(bytes.toString('utf8'), root);
}
