import { KmsError } from './kms-error';
import type { KmsInput } from './kms-input';

/** One page of a listing the KMS service returns whole, and how the client asks for the next. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly NextMarker: string | undefined;
  readonly Truncated: boolean;
}

/**
 * Pages a complete listing by the request's `Limit` (1 to 1000) and
 * `Marker`, for the operations whose gRPC call has no paging (aliases,
 * grants, rotations). The marker is the position of the last item sent, so
 * it survives items added or removed between pages; a marker naming no
 * item is an InvalidMarkerException.
 */
export function listPage<T>(items: readonly T[], input: KmsInput, positionOf: (item: T) => string, defaultLimit: number): ListPage<T> {
  const limit = input.integer('Limit', { min: 1, max: 1000 }) ?? defaultLimit;
  const marker = input.string('Marker', { min: 1, max: 1024 });
  let start = 0;
  if (marker !== undefined) {
    const index = items.findIndex((item) => positionOf(item) === marker);
    if (index < 0) throw new KmsError('InvalidMarkerException', 'The request was rejected because the marker that specifies where pagination should next begin is not valid.');
    start = index + 1;
  }
  const page = items.slice(start, start + limit);
  const truncated = start + limit < items.length;
  const last = page[page.length - 1];
  return { items: page, NextMarker: truncated && last !== undefined ? positionOf(last) : undefined, Truncated: truncated };
}
