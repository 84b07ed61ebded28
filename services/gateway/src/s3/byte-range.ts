import type { storageV1 } from '@strongroom/contracts';
import { S3Error } from './errors';
import type { S3Request } from '../http/s3-request';
import { partNumberParam } from './params';

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
  if (first === '') return { suffixLength: Number(last) };
  if (last === '') return { first: Number(first) };
  if (Number(last) < Number(first)) return undefined;
  return { first: Number(first), last: Number(last) };
}

/** `x-amz-copy-source-range: bytes=first-last` (the only form S3 takes there); InvalidArgument otherwise. */
export function parseCopySourceRange(header: string | undefined): storageV1.ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (match === null || Number(match[2]) < Number(match[1])) {
    throw new S3Error('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', {
      ArgumentName: 'x-amz-copy-source-range',
      ArgumentValue: header,
    });
  }
  return { first: Number(match[1]), last: Number(match[2]) };
}

/** What a GET or HEAD reads: the Range header's range or the partNumber parameter (InvalidRequest for both), or neither. */
export function readSelection(request: S3Request): { range: storageV1.ByteRange | undefined; partNumber: number | undefined } {
  const range = parseRange(request.headers.range);
  const partNumber = partNumberParam(request);
  if (range !== undefined && partNumber !== undefined) throw new S3Error('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter.');
  return { range, partNumber };
}
