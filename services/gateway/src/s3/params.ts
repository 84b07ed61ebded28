import type { S3Request } from '../http/s3-request';
import { S3Error } from './errors';

/** The bucket a bucket or object operation addresses (the router guarantees one). */
export function bucketOf(request: S3Request): string {
  if (request.bucket === undefined) throw new S3Error('MethodNotAllowed');
  return request.bucket;
}

/** The key an object operation addresses (the router guarantees one). */
export function keyOf(request: S3Request): string {
  if (request.key === undefined) throw new S3Error('MethodNotAllowed');
  return request.key;
}

/** A query parameter as text, or `fallback` when absent. */
export function textParam(request: S3Request, name: string, fallback = ''): string {
  return request.query.get(name) ?? fallback;
}

/**
 * Which of a listing's `prefix` and `delimiter` the request carried, even
 * empty: storage puts only those in a bucket policy's `s3:prefix` and
 * `s3:delimiter`, as S3 leaves the key of a missing parameter absent.
 */
export function statedListingParams(request: S3Request): { readonly prefixStated: boolean; readonly delimiterStated: boolean } {
  return { prefixStated: request.query.has('prefix'), delimiterStated: request.query.has('delimiter') };
}

/** The largest integer S3 takes in a parameter (a signed 32-bit integer). */
const MAX_INTEGER_PARAM = 2 ** 31 - 1;

/**
 * An integer parameter (query or header) named `name`: `fallback` when
 * absent, InvalidArgument when not a 32-bit integer or below `min`, capped
 * at `max`.
 */
export function integerValue(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^-?\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= MAX_INTEGER_PARAM)) {
    throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`, { ArgumentName: name, ArgumentValue: raw });
  }
  return Math.min(value, max);
}

/** An integer query parameter within bounds; InvalidArgument otherwise (see {@link integerValue}). */
export function integerParam(request: S3Request, name: string, fallback: number, min: number, max: number): number {
  return integerValue(name, request.query.get(name) ?? undefined, fallback, min, max);
}

/** True for a 32-bit integer below 0, which S3 refuses as a listing's page size in words of their own. */
function isNegativeInteger(raw: string | null): boolean {
  const value = raw !== null && /^-\d{1,10}$/.test(raw) ? Number(raw) : 0;
  return value < 0 && value >= -(2 ** 31);
}

/** Which listing reads `max-keys`: S3 words its refusal of a negative one differently for ListObjectVersions. */
export type MaxKeysListing = 'objects' | 'versions';

/**
 * S3's refusal of a negative `max-keys` (a 32-bit integer below 0), as
 * S3 answers it (quoted in versity/versitygw#1809 and measured in
 * brekkylab/backlot#192); undefined for any other value.
 */
function negativeMaxKeys(listing: MaxKeysListing, raw: string | null): S3Error | undefined {
  if (!isNegativeInteger(raw)) return undefined;
  if (listing === 'versions') return new S3Error('InvalidArgument', 'max-keys cannot be negative', { ArgumentName: 'max-keys' });
  return new S3Error('InvalidArgument', 'Argument maxKeys must be an integer between 0 and 2147483647', { ArgumentName: 'maxKeys', ArgumentValue: raw ?? '' });
}

/**
 * A listing's `max-keys` as storage takes it: `asked`, as the client asked
 * (up to 2^31 - 1), which a bucket policy's `s3:max-keys` sees, or 0 when
 * the request has none (storage lists S3's default, 1000, and leaves
 * `s3:max-keys` absent, as S3 does); `emptyPage` for `max-keys=0`; and
 * `page`, the page S3 lists (at most 1000). A negative one, or one that is
 * not a 32-bit integer, is InvalidArgument in S3's words.
 */
export function maxKeysParam(request: S3Request, listing: MaxKeysListing): { readonly asked: number; readonly emptyPage: boolean; readonly page: number } {
  const raw = request.query.get('max-keys');
  const negative = negativeMaxKeys(listing, raw);
  if (negative !== undefined) throw negative;
  const requested = integerParam(request, 'max-keys', 1000, 0, Number.POSITIVE_INFINITY);
  return { asked: raw === null ? 0 : requested, emptyPage: requested === 0, page: Math.min(requested, 1000) };
}

/**
 * ListParts' integer parameters taken as absent when empty, as S3 takes
 * them (LocalStack's AWS-validated test_list_parts_empty_part_number_marker:
 * `part-number-marker=` and `max-parts=` answer the first page of 1000).
 */
const EMPTY_IS_ABSENT: ReadonlySet<string> = new Set(['max-parts', 'part-number-marker']);

/**
 * A multipart listing's integer parameter (`max-uploads`, `max-parts`,
 * `part-number-marker`): `fallback` when absent, capped at `max`; a
 * negative one is InvalidArgument in S3's words ("Argument max-uploads must
 * be an integer between 0 and 2147483647", as measured on S3; moto's
 * AWS-verified tests word max-parts and part-number-marker alike), one that
 * is not a 32-bit integer as {@link integerValue} words it.
 */
function multipartListingParam(request: S3Request, name: 'max-uploads' | 'max-parts' | 'part-number-marker', fallback: number, max: number): number {
  const given = request.query.get(name);
  const raw = given === '' && EMPTY_IS_ABSENT.has(name) ? null : given;
  if (isNegativeInteger(raw)) {
    throw new S3Error('InvalidArgument', `Argument ${name} must be an integer between 0 and 2147483647`, { ArgumentName: name, ArgumentValue: raw ?? '' });
  }
  return integerValue(name, raw ?? undefined, fallback, 0, max);
}

/** A multipart listing's page size (`max-uploads`, `max-parts`): 1000 when absent, at most 1000 (see {@link multipartListingParam}). */
export function multipartPageParam(request: S3Request, name: 'max-uploads' | 'max-parts'): number {
  return multipartListingParam(request, name, 1000, 1000);
}

/** ListParts' `part-number-marker`: 0 when absent, at most 10000, the highest part number (see {@link multipartListingParam}). */
export function partNumberMarkerParam(request: S3Request): number {
  return multipartListingParam(request, 'part-number-marker', 0, 10000);
}

/** A part number, an integer from 1 to 10000; InvalidArgument in S3's words otherwise. */
export function partNumberValue(raw: string): number {
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
  if (value < 1 || value > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', { ArgumentName: 'partNumber', ArgumentValue: raw });
  }
  return value;
}

/** `partNumber`: an integer from 1 to 10000 (InvalidArgument otherwise), or undefined when absent. */
export function partNumberParam(request: S3Request): number | undefined {
  const raw = request.query.get('partNumber');
  return raw === null ? undefined : partNumberValue(raw);
}

/**
 * The `versionId` of a query, or empty for the current version when absent.
 * Present but empty is InvalidArgument, as S3 answers: it never means the
 * current version.
 */
export function versionIdFrom(query: URLSearchParams): string {
  const versionId = query.get('versionId');
  if (versionId === '') {
    throw new S3Error('InvalidArgument', 'Version id cannot be the empty string', { ArgumentName: 'versionId', ArgumentValue: '' });
  }
  return versionId ?? '';
}

/** `versionId`, or empty for the current version (see {@link versionIdFrom}). */
export function versionIdParam(request: S3Request): string {
  return versionIdFrom(request.query);
}
