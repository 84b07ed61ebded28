import type { storageV1 } from '@strongroom/contracts';
import { S3Error, toS3Error } from './errors';
import { header, type S3Request } from '../http/s3-request';
import { parseHttpDate } from './http-date';
import { partNumberParam } from './params';

/**
 * A byte position as written, held at 2^53 - 1: no object is that large
 * (5 TiB at most), so a larger position (`bytes=0-9223372036854775807`, a
 * common Java idiom S3 answers with the object's end) means the same, and
 * fits the storage contract.
 */
function position(digits: string): number {
  return Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
}

/** True when `last` is before `first`, compared exactly, however many digits they have. */
function reversed(first: string, last: string): boolean {
  return BigInt(last) < BigInt(first);
}

/**
 * A `Range: bytes=...` header as one byte range: `first-last`, `first-`, or
 * `-suffix`. As S3 does, anything that is not a single well-formed byte
 * range (another unit, several ranges, garbage) is ignored and the whole
 * object is served; a range none of whose bytes exist is the storage
 * service's InvalidRange.
 */
export function parseRange(header: string | undefined): storageV1.ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { suffixLength: position(last) };
  if (last === '') return { first: position(first) };
  if (reversed(first, last)) return undefined;
  return { first: position(first), last: position(last) };
}

/** `x-amz-copy-source-range: bytes=first-last` (the only form S3 takes there); InvalidArgument otherwise. */
export function parseCopySourceRange(header: string | undefined): storageV1.ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (match === null || reversed(match[1]!, match[2]!)) {
    throw new S3Error('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', {
      ArgumentName: 'x-amz-copy-source-range',
      ArgumentValue: header,
    });
  }
  return { first: position(match[1]!), last: position(match[2]!) };
}

/**
 * A range under If-Range (RFC 9110): a strong entity tag or an HTTP date
 * travels with the range, for the storage service to compare with the
 * version; a weak tag, or a value that is neither, can never match, so the
 * whole object is read. A HEAD answers as the GET would.
 */
function underIfRange(request: S3Request, range: storageV1.ByteRange | undefined): storageV1.ByteRange | undefined {
  const validator = header(request, 'if-range')?.trim();
  if (range === undefined || validator === undefined) return range;
  if (validator.startsWith('"')) return { ...range, ifRangeEtag: validator };
  const date = validator.startsWith('W/') ? undefined : parseHttpDate(validator);
  return date === undefined ? undefined : { ...range, ifRangeDate: date };
}

/** What a GET or HEAD reads: the Range header's range (under If-Range) or the partNumber parameter (InvalidRequest for both), or neither. */
export function readSelection(request: S3Request): { range: storageV1.ByteRange | undefined; partNumber: number | undefined } {
  const range = parseRange(request.headers.range);
  const partNumber = partNumberParam(request);
  if (range !== undefined && partNumber !== undefined) throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter.');
  return { range: underIfRange(request, range), partNumber };
}

/** A GET's InvalidRange names the range asked for (`<RangeRequested>`), as S3's answer does; any other error is returned unchanged. */
export function namingRequestedRange(error: unknown, request: S3Request): unknown {
  const range = request.headers.range;
  if (range === undefined) return error;
  const s3Error = toS3Error(error);
  if (s3Error.code !== 'InvalidRange') return error;
  return new S3Error(s3Error.code, s3Error.message, { RangeRequested: range, ...s3Error.details }, error, s3Error.headers);
}
