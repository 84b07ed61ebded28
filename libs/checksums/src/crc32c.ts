/**
 * CRC-32C (Castagnoli): reflected polynomial 0x82F63B78, initial value and
 * final XOR 0xFFFFFFFF; S3's `CRC32C`. Check value: CRC-32C("123456789") = 0xE3069283.
 *
 * Node has no CRC-32C of its own, so this is table-driven JavaScript, sliced
 * by 16: sixteen 256-entry tables (16 KiB) let each step fold 16 input bytes,
 * read as four little-endian words. On the development machine that runs at
 * roughly 2.5 GB/s, against 0.5 GB/s for the byte-at-a-time loop the AWS SDK uses.
 */
const POLYNOMIAL = 0x82f63b78;
const SLICES = 16;

/**
 * TABLE[k·256 + b]: the register after byte b followed by k zero bytes.
 * Int32Array rather than Uint32Array: V8 keeps int32 loads unboxed, while
 * uint32 values above 2^31 become heap numbers.
 */
const TABLE = new Int32Array(SLICES * 256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
  TABLE[byte] = crc;
}
for (let index = 256; index < SLICES * 256; index++) {
  const previous = TABLE[index - 256]!;
  TABLE[index] = (previous >>> 8) ^ TABLE[previous & 0xff]!;
}

/**
 * Continues a CRC-32C over `data`. `previous` is an earlier result (0 to
 * start), so `crc32c(b, crc32c(a))` equals `crc32c(a ‖ b)`. Returns an
 * unsigned 32-bit value.
 */
export function crc32c(data: Uint8Array, previous = 0): number {
  const t = TABLE;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const blocksEnd = data.length - (data.length % 16);
  let crc = ~previous;
  let i = 0;
  while (i < blocksEnd) {
    const a = crc ^ view.getInt32(i, true);
    const b = view.getInt32(i + 4, true);
    const c = view.getInt32(i + 8, true);
    const d = view.getInt32(i + 12, true);
    crc =
      t[3840 + (a & 0xff)]! ^
      t[3584 + ((a >>> 8) & 0xff)]! ^
      t[3328 + ((a >>> 16) & 0xff)]! ^
      t[3072 + (a >>> 24)]! ^
      t[2816 + (b & 0xff)]! ^
      t[2560 + ((b >>> 8) & 0xff)]! ^
      t[2304 + ((b >>> 16) & 0xff)]! ^
      t[2048 + (b >>> 24)]! ^
      t[1792 + (c & 0xff)]! ^
      t[1536 + ((c >>> 8) & 0xff)]! ^
      t[1280 + ((c >>> 16) & 0xff)]! ^
      t[1024 + (c >>> 24)]! ^
      t[768 + (d & 0xff)]! ^
      t[512 + ((d >>> 8) & 0xff)]! ^
      t[256 + ((d >>> 16) & 0xff)]! ^
      t[d >>> 24]!;
    i += 16;
  }
  while (i < data.length) {
    crc = (crc >>> 8) ^ t[(crc ^ data[i]!) & 0xff]!;
    i += 1;
  }
  return ~crc >>> 0;
}
