import { compareKeys, prefixUpperBound } from './key-order';

/** One entry of a listing page: a row, or a common prefix that rolls up keys. */
export type ListingEntry<T> = { readonly kind: 'row'; readonly row: T } | { readonly kind: 'prefix'; readonly prefix: string };

/**
 * Where to read next: keys after `key` (or from it, when `inclusive`);
 * with `row`, after that row's place (versions of the same key continue).
 * `P` is what places a row: the row itself, or less (a version's key and
 * sequence number, known of versions that are gone too).
 */
export interface ListingCursor<P> {
  readonly key: string;
  readonly inclusive: boolean;
  readonly row?: P;
}

/** What a listing asks for. */
export interface ListingRequest {
  readonly prefix: string;
  /** Empty for none. */
  readonly delimiter: string;
  /** Keys and common prefixes sorting at or before this are not listed. */
  readonly startAfter: string;
  readonly maxKeys: number;
}

/** Reads up to `limit` rows from the cursor on, in key order, all under the request's prefix. */
export type ListingFetch<T, P = T> = (cursor: ListingCursor<P>, limit: number) => Promise<T[]>;

/** A page of entries, and whether more follow. */
export interface ListingPage<T> {
  readonly entries: readonly ListingEntry<T>[];
  readonly isTruncated: boolean;
}

/** The common prefix a key rolls up into, or undefined. */
function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === '') return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/** The cursor of the first page: after `startAfter`, or at the prefix when that sorts later. */
export function firstCursor<T>(request: ListingRequest): ListingCursor<T> {
  return compareKeys(request.startAfter, request.prefix) >= 0 ? { key: request.startAfter, inclusive: false } : { key: request.prefix, inclusive: true };
}

/**
 * Where a listing resumes after a key marker and a marker within that key
 * (a version id, an upload id). A key marker outside the prefix cannot move
 * the listing: it starts where the prefix does. Otherwise just after the
 * marker's place while it is known: the row's, or that of a deleted
 * version or a gone upload while its tombstone lasts (tombstones.ts);
 * otherwise at the key's first row. S3 carries on past a deleted marker
 * too: a client that prunes or empties a bucket page by page (boto3's
 * `object_versions.delete()`, an abort of each page of uploads) deletes
 * the marker before it asks for the next page, so the listing neither
 * fails nor skips the key's other rows.
 */
export function resumeAfter<T extends { readonly key: string }>(request: ListingRequest, marker: T | undefined): ListingCursor<T> {
  if (!request.startAfter.startsWith(request.prefix)) return firstCursor(request);
  if (marker !== undefined) return { key: marker.key, inclusive: false, row: marker };
  return { key: request.startAfter, inclusive: true };
}

/**
 * Builds one page of an S3 listing from rows in key order: keys that contain
 * the delimiter after the prefix roll up into one common prefix, which
 * counts once against `maxKeys` and is listed only when it sorts after
 * `startAfter`; the keys under a common prefix are passed over in the
 * batch, and a batch that ends under one is followed by a seek past it
 * (a fetch that walks the index gives one row per common prefix, so it has
 * no keys to pass over). Reads one entry beyond the page to tell whether
 * more follow.
 */
export async function collectListing<T extends P, P extends { readonly key: string } = T>(
  request: ListingRequest,
  initial: ListingCursor<P>,
  fetch: ListingFetch<T, P>,
): Promise<ListingPage<T>> {
  const { prefix, delimiter, startAfter, maxKeys } = request;
  const entries: ListingEntry<T>[] = [];
  if (maxKeys === 0) return { entries, isTruncated: false };
  const batch = Math.min(maxKeys + 1, 1001);
  let cursor: ListingCursor<P> | undefined = initial;
  read: while (cursor !== undefined) {
    const rows = await fetch(cursor, batch);
    let open: string | undefined;
    for (const row of rows) {
      const rolledUp = commonPrefixOf(row.key, prefix, delimiter);
      if (rolledUp === undefined) {
        open = undefined;
        entries.push({ kind: 'row', row });
        if (entries.length > maxKeys) break read;
        continue;
      }
      if (rolledUp === open) continue;
      open = rolledUp;
      // Passed over within the batch (its keys too, as `open`): the rows after it are the page's.
      if (compareKeys(rolledUp, startAfter) <= 0) continue;
      entries.push({ kind: 'prefix', prefix: rolledUp });
      if (entries.length > maxKeys) break read;
    }
    const last = rows[rows.length - 1];
    if (rows.length < batch || last === undefined) break;
    cursor = open === undefined ? { key: last.key, inclusive: false, row: last } : skipPast(open);
  }
  const isTruncated = entries.length > maxKeys;
  return { entries: isTruncated ? entries.slice(0, maxKeys) : entries, isTruncated };
}

/** The cursor just past every key under a common prefix; undefined when nothing can sort after it. */
function skipPast<T>(commonPrefix: string): ListingCursor<T> | undefined {
  const bound = prefixUpperBound(commonPrefix);
  return bound === undefined ? undefined : { key: bound, inclusive: true };
}
