/** One member of an If-Match or If-None-Match list: `*`, or an entity tag, weak when it has RFC 9110's `W/` prefix. */
type ListMember = { readonly any: true } | { readonly any: false; readonly weak: boolean; readonly opaque: string };

/**
 * An entity tag's opaque value: without its quotes, and without either
 * quote when only one is there, as S3 reads it (moto's AWS-verified
 * test_put_object_if_match: an If-Match missing its opening quote, `abc"`,
 * matches the ETag `"abc"`).
 */
function unquoted(tag: string): string {
  const opened = tag.startsWith('"') ? tag.slice(1) : tag;
  return opened.endsWith('"') ? opened.slice(0, -1) : opened;
}

/**
 * The members of an If-Match or If-None-Match header. An unquoted or half
 * quoted tag is read as the quoted one, as S3 reads it (LocalStack's
 * AWS-validated test_s3_copy_object_preconditions: an unquoted copy-source
 * ETag matches); `"*"` is an entity tag, not the wildcard.
 */
function listMembers(header: string): ListMember[] {
  return header
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member !== '')
    .map((member): ListMember => {
      if (member === '*') return { any: true };
      const weak = member.startsWith('W/');
      return { any: false, weak, opaque: unquoted(weak ? member.slice(2) : member) };
    });
}

/**
 * If-Match's strong comparison (RFC 9110 13.1.1, 8.8.3.2): the header names
 * `etag` (a quoted strong ETag, as S3's all are; null for none), or is `*`.
 * A weak tag never matches, even one with the same opaque value.
 */
export function strongMatch(header: string, etag: string | null): boolean {
  const opaque = etag === null ? undefined : unquoted(etag);
  return listMembers(header).some((member) => member.any || (!member.weak && member.opaque === opaque));
}

/** If-None-Match's weak comparison (RFC 9110 13.1.2, 8.8.3.2): `W/"x"` and `"x"` both match the ETag `"x"`; `*` matches any. */
export function weakMatch(header: string, etag: string | null): boolean {
  const opaque = etag === null ? undefined : unquoted(etag);
  return listMembers(header).some((member) => member.any || member.opaque === opaque);
}
