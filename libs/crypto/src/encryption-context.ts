/**
 * An encryption context: non-secret string pairs bound to a wrapped key as
 * AAD (AWS KMS semantics: the exact, case-sensitive pairs must be given again
 * to unwrap).
 */
export type EncryptionContext = Readonly<Record<string, string>>;

const encoder = new TextEncoder();

/** The most characters (keys and values together) an encryption context holds, as in KMS. */
const MAX_CONTEXT_CHARS = 8192;

/** What KMS refuses in an encryption context (an empty key, a NUL, more than 8192 characters), or undefined when it is fine. */
export function encryptionContextProblem(context: EncryptionContext): string | undefined {
  let size = 0;
  for (const [key, value] of Object.entries(context)) {
    if (key === '') return 'keys must not be empty';
    if (key.includes('\u0000') || value.includes('\u0000')) return 'must not contain NUL characters';
    size += key.length + value.length;
  }
  return size > MAX_CONTEXT_CHARS ? `must not exceed ${MAX_CONTEXT_CHARS} characters` : undefined;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return a.length - b.length;
}

function writeUint32(target: Uint8Array, offset: number, value: number): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setUint32(offset, value, false);
}

/**
 * The canonical, unambiguous encoding of a context: the pair count, then each
 * pair in order of its key's UTF-8 bytes, every string as a 32-bit big-endian
 * length and its UTF-8 bytes. Equal contexts always encode to equal bytes,
 * whatever the order their keys were written in.
 */
export function encodeEncryptionContext(context: EncryptionContext): Uint8Array {
  const pairs = Object.entries(context)
    .map(([key, value]) => [encoder.encode(key), encoder.encode(value)] as const)
    .sort((a, b) => compareBytes(a[0], b[0]));
  const size = 4 + pairs.reduce((sum, [key, value]) => sum + 8 + key.length + value.length, 0);
  const out = new Uint8Array(size);
  writeUint32(out, 0, pairs.length);
  let offset = 4;
  for (const [key, value] of pairs) {
    for (const part of [key, value]) {
      writeUint32(out, offset, part.length);
      out.set(part, offset + 4);
      offset += 4 + part.length;
    }
  }
  return out;
}
