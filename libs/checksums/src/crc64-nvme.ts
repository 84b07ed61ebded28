/**
 * CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial value and
 * final XOR all ones; S3's `CRC64NVME` (the checksum S3 keeps for every new
 * object). Check value: CRC-64/NVME("123456789") = 0xAE8B14860A799888.
 *
 * Table-driven JavaScript sliced by 16, like crc32c.ts. JavaScript has no
 * fast 64-bit integers, so the register is two int32 halves and every table
 * is split into a low and a high half. Roughly 1.8 GB/s on the development
 * machine, against 0.5 GB/s for the AWS SDK's slice-by-8.
 */
const POLYNOMIAL_HIGH = 0x9a6c9329 | 0;
const POLYNOMIAL_LOW = 0xac4bc9b5 | 0;
const SLICES = 16;

/** Low and high halves of the register after byte b followed by k zero bytes, at k·256 + b. */
const LOW = new Int32Array(SLICES * 256);
const HIGH = new Int32Array(SLICES * 256);
for (let byte = 0; byte < 256; byte++) {
  let low = byte;
  let high = 0;
  for (let bit = 0; bit < 8; bit++) {
    const odd = low & 1;
    low = (low >>> 1) | (high << 31);
    high >>>= 1;
    if (odd) {
      low ^= POLYNOMIAL_LOW;
      high ^= POLYNOMIAL_HIGH;
    }
  }
  LOW[byte] = low;
  HIGH[byte] = high;
}
for (let index = 256; index < SLICES * 256; index++) {
  const low = LOW[index - 256]!;
  const high = HIGH[index - 256]!;
  LOW[index] = ((low >>> 8) | (high << 24)) ^ LOW[low & 0xff]!;
  HIGH[index] = (high >>> 8) ^ HIGH[low & 0xff]!;
}

const MASK_32 = 0xffffffffn;

/**
 * Continues a CRC-64/NVME over `data`. `previous` is an earlier result (0n to
 * start), so `crc64nvme(b, crc64nvme(a))` equals `crc64nvme(a ‖ b)`.
 */
export function crc64nvme(data: Uint8Array, previous = 0n): bigint {
  const lowTable = LOW;
  const highTable = HIGH;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const blocksEnd = data.length - (data.length % 16);
  let low = ~Number(previous & MASK_32);
  let high = ~Number((previous >> 32n) & MASK_32);
  let i = 0;
  while (i < blocksEnd) {
    const a = low ^ view.getInt32(i, true);
    const b = high ^ view.getInt32(i + 4, true);
    const c = view.getInt32(i + 8, true);
    const d = view.getInt32(i + 12, true);
    const i0 = 3840 + (a & 0xff);
    const i1 = 3584 + ((a >>> 8) & 0xff);
    const i2 = 3328 + ((a >>> 16) & 0xff);
    const i3 = 3072 + (a >>> 24);
    const i4 = 2816 + (b & 0xff);
    const i5 = 2560 + ((b >>> 8) & 0xff);
    const i6 = 2304 + ((b >>> 16) & 0xff);
    const i7 = 2048 + (b >>> 24);
    const i8 = 1792 + (c & 0xff);
    const i9 = 1536 + ((c >>> 8) & 0xff);
    const i10 = 1280 + ((c >>> 16) & 0xff);
    const i11 = 1024 + (c >>> 24);
    const i12 = 768 + (d & 0xff);
    const i13 = 512 + ((d >>> 8) & 0xff);
    const i14 = 256 + ((d >>> 16) & 0xff);
    const i15 = d >>> 24;
    low =
      lowTable[i0]! ^ lowTable[i1]! ^ lowTable[i2]! ^ lowTable[i3]! ^ lowTable[i4]! ^ lowTable[i5]! ^ lowTable[i6]! ^ lowTable[i7]! ^
      lowTable[i8]! ^ lowTable[i9]! ^ lowTable[i10]! ^ lowTable[i11]! ^ lowTable[i12]! ^ lowTable[i13]! ^ lowTable[i14]! ^ lowTable[i15]!;
    high =
      highTable[i0]! ^ highTable[i1]! ^ highTable[i2]! ^ highTable[i3]! ^ highTable[i4]! ^ highTable[i5]! ^ highTable[i6]! ^ highTable[i7]! ^
      highTable[i8]! ^ highTable[i9]! ^ highTable[i10]! ^ highTable[i11]! ^ highTable[i12]! ^ highTable[i13]! ^ highTable[i14]! ^ highTable[i15]!;
    i += 16;
  }
  while (i < data.length) {
    const index = (low ^ data[i]!) & 0xff;
    low = ((low >>> 8) | (high << 24)) ^ lowTable[index]!;
    high = (high >>> 8) ^ highTable[index]!;
    i += 1;
  }
  return (BigInt(~high >>> 0) << 32n) | BigInt(~low >>> 0);
}
