/**
 * The `Content-Encoding` to store for an object uploaded with aws-chunked:
 * the header without its `aws-chunked` token (which describes the transfer,
 * not the object, as S3 treats it), or undefined when nothing is left.
 */
export function storedContentEncoding(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const rest = header
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked');
  return rest.length > 0 ? rest.join(', ') : undefined;
}
