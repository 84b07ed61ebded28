const HEX = '0123456789ABCDEF';

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/**
 * Percent-encodes bytes as SigV4 requires (RFC 3986): every byte except the
 * unreserved `A-Z a-z 0-9 - . _ ~` becomes `%XX` with upper-case hex, so `/`,
 * `+`, `=`, space and every UTF-8 byte of a non-ASCII character are escaped.
 */
export function uriEncode(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let out = '';
  for (const byte of bytes) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
  }
  return out;
}

/**
 * Decodes `%XX` escapes of a raw URL component into the bytes they stand for,
 * and `+` into a space, as S3 reads both query strings (as HTML forms write
 * them) and paths. A `%` not followed by two hex digits stays a literal `%`.
 * Never throws, unlike `decodeURIComponent`, and keeps bytes that are not
 * valid UTF-8 as they are.
 */
export function percentDecode(raw: string): Buffer {
  const input = Buffer.from(raw, 'utf8');
  if (!input.includes(0x25) && !input.includes(0x2b)) return input;
  const out = Buffer.alloc(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i] as number;
    const high = byte === 0x25 ? hexValue(input[i + 1]) : -1;
    const low = high >= 0 ? hexValue(input[i + 2]) : -1;
    if (low >= 0) {
      out[length++] = (high << 4) | low;
      i += 2;
    } else {
      out[length++] = byte === 0x2b ? 0x20 : byte;
    }
  }
  return out.subarray(0, length);
}
