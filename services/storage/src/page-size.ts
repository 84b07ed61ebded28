/** S3's largest page, and its default: what a list request's 0 (unset) page size means. */
export const MAX_PAGE_SIZE = 1000;

/** The page-size fields of a list request. */
export interface PageSizeRequest {
  /** True for S3's `max-keys=0` (or `max-parts`, `max-uploads`): list nothing. */
  readonly emptyPage: boolean;
}

/**
 * The page size a list request asked for: 0 with `empty_page`, S3's
 * default for an unset (0) size, else the request's own value, uncapped
 * (as a bucket policy's `s3:max-keys` sees it; an unset size leaves that
 * key absent).
 */
export function requestedPageSize(request: PageSizeRequest, size: number): number {
  if (request.emptyPage) return 0;
  return size === 0 ? MAX_PAGE_SIZE : size;
}

/** The page size a listing applies: {@link requestedPageSize} capped at {@link MAX_PAGE_SIZE}. */
export function pageSize(request: PageSizeRequest, size: number): number {
  return Math.min(requestedPageSize(request, size), MAX_PAGE_SIZE);
}
