const ASCII = /^[\x00-\x7f]*$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a header value that node:http read one character per byte:
 * the bytes as UTF-8 when they are valid UTF-8 (what Go SDKs, rclone and
 * s3cmd send, and sign, for non-ASCII text), else one character per byte
 * (ISO-8859-1: what botocore and Node send for characters up to U+00FF,
 * while they sign their UTF-8). A value with a character beyond U+00FF was
 * not read from the wire and is text already.
 */
export function headerText(raw: string): string {
  if (ASCII.test(raw) || /[^\x00-\xff]/.test(raw)) return raw;
  try {
    return UTF8.decode(Buffer.from(raw, 'latin1'));
  } catch {
    return raw;
  }
}
