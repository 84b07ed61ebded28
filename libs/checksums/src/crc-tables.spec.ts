import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c } from './crc32c';
import { crc64nvme } from './crc64-nvme';

/** The CRCs bit by bit, straight from their definitions: the reference the sliced tables must match. */
function bitwiseCrc(data: Uint8Array, width: bigint, polynomial: bigint): bigint {
  const mask = (1n << width) - 1n;
  let crc = mask;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ polynomial : crc >> 1n;
  }
  return crc ^ mask;
}

const check = Buffer.from('123456789');
const implementations = [
  { name: 'CRC-32C', width: 32n, polynomial: 0x82f63b78n, crc: (data: Uint8Array, previous?: bigint) => BigInt(crc32c(data, previous === undefined ? 0 : Number(previous))) },
  { name: 'CRC-64/NVME', width: 64n, polynomial: 0x9a6c9329ac4bc9b5n, crc: (data: Uint8Array, previous?: bigint) => crc64nvme(data, previous) },
] as const;

describe.each(implementations)('$name', ({ width, polynomial, crc }) => {
  it('gives the catalogue check value for "123456789" and 0 for no data', () => {
    expect(crc(check)).toBe(bitwiseCrc(check, width, polynomial));
    expect(crc(new Uint8Array(0))).toBe(0n);
  });

  it('matches the bitwise definition for every length from 0 to 100 and some large inputs', () => {
    const data = randomBytes(100);
    for (let length = 0; length <= 100; length++) expect(crc(data.subarray(0, length))).toBe(bitwiseCrc(data.subarray(0, length), width, polynomial));
    const large = randomBytes(70_001);
    expect(crc(large)).toBe(bitwiseCrc(large, width, polynomial));
  });

  it('continues across any split, including unaligned views into a larger buffer', () => {
    const backing = randomBytes(300);
    const data = backing.subarray(3, 253);
    const whole = crc(data);
    for (let split = 0; split <= data.length; split++) expect(crc(data.subarray(split), crc(data.subarray(0, split)))).toBe(whole);
  });
});

it('catalogue values: CRC-32C 0xE3069283, CRC-64/NVME 0xAE8B14860A799888, and zlib CRC-32 0xCBF43926', () => {
  expect(crc32c(check)).toBe(0xe3069283);
  expect(crc64nvme(check)).toBe(0xae8b14860a799888n);
  expect(crc32(check)).toBe(0xcbf43926);
});
