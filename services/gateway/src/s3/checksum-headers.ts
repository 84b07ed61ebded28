import { S3_CHECKSUM_ALGORITHMS, checksumHeaderName, decodeChecksum, parseChecksumAlgorithm } from '@strongroom/checksums';
import { storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors';

const { ChecksumAlgorithm, ChecksumType } = storageV1;

/** An S3 checksum algorithm name (`CRC32`, ..., `SHA256`). */
export type ChecksumName = (typeof S3_CHECKSUM_ALGORITHMS)[number];

const TO_ENUM: Readonly<Record<ChecksumName, storageV1.ChecksumAlgorithm>> = {
  CRC32: ChecksumAlgorithm.CRC32,
  CRC32C: ChecksumAlgorithm.CRC32C,
  CRC64NVME: ChecksumAlgorithm.CRC64NVME,
  SHA1: ChecksumAlgorithm.SHA1,
  SHA256: ChecksumAlgorithm.SHA256,
};

/** The API enum of an algorithm name. */
export function checksumAlgorithmEnum(name: ChecksumName): storageV1.ChecksumAlgorithm {
  return TO_ENUM[name];
}

/** The S3 name of an API algorithm, or undefined for none. */
export function checksumAlgorithmName(algorithm: storageV1.ChecksumAlgorithm): ChecksumName | undefined {
  return S3_CHECKSUM_ALGORITHMS.find((name) => TO_ENUM[name] === algorithm);
}

/** Parses an algorithm header (`x-amz-checksum-algorithm`, `x-amz-sdk-checksum-algorithm`); InvalidRequest for an unknown one. */
export function parseAlgorithmHeader(name: string, value: string | undefined): ChecksumName | undefined {
  if (value === undefined) return undefined;
  const algorithm = parseChecksumAlgorithm(value);
  if (algorithm === undefined) throw new S3Error('InvalidRequest', `Value for ${name} header is invalid.`);
  return algorithm;
}

/**
 * The `x-amz-checksum-<algorithm>` header a request carries, checked for
 * form (InvalidRequest when malformed or when several are sent); its value
 * is verified against the bytes by whoever reads them. With `partCount`
 * (CompleteMultipartUpload's object checksum) the value may end in
 * `-<parts>`, as S3 writes a multipart object's checksum.
 */
export function requestChecksum(headers: IncomingHttpHeaders, options: { readonly partCount?: boolean } = {}): { readonly name: ChecksumName; readonly value: string } | undefined {
  const present = S3_CHECKSUM_ALGORITHMS.filter((name) => headers[checksumHeaderName(name)] !== undefined);
  if (present.length > 1) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const name = present[0];
  if (name === undefined) return undefined;
  const value = String(headers[checksumHeaderName(name)]);
  const digest = options.partCount === true ? value.replace(/-\d{1,5}$/, '') : value;
  if (decodeChecksum(name, digest) === undefined) throw new S3Error('InvalidRequest', `Value for ${checksumHeaderName(name)} header is invalid.`);
  return { name, value };
}

/** The algorithm of the checksum a declared trailer (`x-amz-trailer`) brings; InvalidRequest for an unknown one. */
function trailerAlgorithm(declaredTrailer: string | undefined): ChecksumName | undefined {
  return declaredTrailer === undefined ? undefined : parseAlgorithmHeader('x-amz-trailer', declaredTrailer.replace(/^x-amz-checksum-/, ''));
}

/** Where the checksum of a PutObject's or UploadPart's body may be announced besides its headers. */
export interface UploadChecksumSource {
  /** The trailer the body declares (`x-amz-trailer`). */
  readonly declaredTrailer: string | undefined;
  /** The checksum a presigned URL asks for (`presigned-headers.ts`), computed when the request sends none. */
  readonly presignedAlgorithm: string | undefined;
}

/**
 * The additional checksum a write computes. For CreateMultipartUpload,
 * CopyObject and POST (no `upload`): their own `x-amz-checksum-algorithm`,
 * else the SDK's `x-amz-sdk-checksum-algorithm`, else the algorithm of an
 * `x-amz-checksum-*` header. For PutObject and UploadPart (`upload`): the
 * SDK's note, else the checksum the request sends (a header or the
 * declared trailer), else the one a presigned URL asks for. They have no
 * `x-amz-checksum-algorithm` header (their ChecksumAlgorithm is the SDK's
 * note), and S3 ignores one sent to them, even an unknown algorithm or one
 * other than the checksum sent's (LocalStack's AWS-validated
 * TestS3PutObjectChecksum::test_s3_checksum_no_automatic_sdk_calculation).
 */
export function announcedChecksumAlgorithm(headers: IncomingHttpHeaders, upload?: UploadChecksumSource): ChecksumName | undefined {
  return (
    (upload === undefined ? parseAlgorithmHeader('x-amz-checksum-algorithm', headers['x-amz-checksum-algorithm'] as string | undefined) : undefined) ??
    parseAlgorithmHeader('x-amz-sdk-checksum-algorithm', headers['x-amz-sdk-checksum-algorithm'] as string | undefined) ??
    requestChecksum(headers)?.name ??
    trailerAlgorithm(upload?.declaredTrailer) ??
    parseAlgorithmHeader('x-amz-sdk-checksum-algorithm', upload?.presignedAlgorithm)
  );
}

/**
 * The checksums a body announces, checked as S3 checks them
 * (InvalidRequest, in S3's words): one `x-amz-checksum-*` header or one
 * declared trailer, not both; and the checksum
 * `x-amz-sdk-checksum-algorithm`, the SDKs' note, names must come, as a
 * header or the trailer. `x-amz-checksum-algorithm` is not checked: S3
 * ignores it on these operations ({@link announcedChecksumAlgorithm}).
 */
export function checkAnnouncedChecksums(headers: IncomingHttpHeaders, declaredTrailer: string | undefined): void {
  const header = requestChecksum(headers)?.name;
  const trailer = declaredTrailer === undefined ? undefined : parseChecksumAlgorithm(declaredTrailer.replace(/^x-amz-checksum-/, ''));
  if (header !== undefined && trailer !== undefined) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const named = parseAlgorithmHeader('x-amz-sdk-checksum-algorithm', headers['x-amz-sdk-checksum-algorithm'] as string | undefined);
  if (named === undefined) return;
  const sent = header ?? trailer;
  if (sent === undefined) throw new S3Error('InvalidRequest', 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.');
  if (sent !== named) throw new S3Error('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.');
}

/** A checksum header or trailer as the storage API's Checksum (a whole-object value). */
export function toApiChecksum(name: ChecksumName, value: string): storageV1.Checksum {
  return { algorithm: TO_ENUM[name], value, type: ChecksumType.FULL_OBJECT };
}

/**
 * The response header of a part's checksum: `x-amz-checksum-<algorithm>`
 * only. UploadPart answers no `x-amz-checksum-type` (S3's UploadPartOutput
 * has no ChecksumType): the type is the upload's, which ListParts and a
 * read by part number report.
 */
export function partChecksumResponseHeaders(checksum: storageV1.Checksum | undefined): Record<string, string> {
  const name = checksum === undefined ? undefined : checksumAlgorithmName(checksum.algorithm);
  if (checksum === undefined || name === undefined || checksum.value === '') return {};
  return { [checksumHeaderName(name)]: checksum.value };
}

/** The response headers of a stored checksum: `x-amz-checksum-<algorithm>` and `x-amz-checksum-type`. */
export function checksumResponseHeaders(checksum: storageV1.Checksum | undefined): Record<string, string> {
  const value = partChecksumResponseHeaders(checksum);
  if (checksum === undefined || Object.keys(value).length === 0) return {};
  return { ...value, 'x-amz-checksum-type': checksumTypeName(checksum.type) ?? 'FULL_OBJECT' };
}

/** `x-amz-checksum-type` (FULL_OBJECT or COMPOSITE) as the storage API's enum; UNSPECIFIED when absent, InvalidRequest when neither. */
export function checksumTypeHeader(headers: IncomingHttpHeaders): storageV1.ChecksumType {
  const value = headers['x-amz-checksum-type'];
  if (value === undefined) return ChecksumType.UNSPECIFIED;
  if (value === 'FULL_OBJECT') return ChecksumType.FULL_OBJECT;
  if (value === 'COMPOSITE') return ChecksumType.COMPOSITE;
  throw new S3Error('InvalidRequest', 'Value for x-amz-checksum-type header is invalid.');
}

/** The S3 name of an API checksum type (`FULL_OBJECT`, `COMPOSITE`), or undefined for none. */
export function checksumTypeName(type: storageV1.ChecksumType): 'FULL_OBJECT' | 'COMPOSITE' | undefined {
  if (type === ChecksumType.FULL_OBJECT) return 'FULL_OBJECT';
  return type === ChecksumType.COMPOSITE ? 'COMPOSITE' : undefined;
}
