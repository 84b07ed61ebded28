import { checksumOf, encodeChecksum } from '@strongroom/checksums';
import { copiedChecksum } from './copied-checksum';
import type { PartLayoutEntry, StoredChecksum, VersionRecord } from './version-record';

const PARTS = [Buffer.from('first part, '), Buffer.from('second part, '), Buffer.from('last')];

function version(checksum: StoredChecksum | null, partChecksums: (string | undefined)[] | null): VersionRecord {
  const partLayout: PartLayoutEntry[] | null =
    partChecksums === null
      ? null
      : PARTS.map((part, index) => ({ partNumber: index + 1, size: part.length, etagHex: '', streamId: `s${index}`, blobId: `b${index}`, ...(partChecksums[index] === undefined ? {} : { checksum: partChecksums[index] }) }));
  return { checksum, partLayout } as VersionRecord;
}

const crc32Of = (data: Buffer) => encodeChecksum(checksumOf('CRC32', data));

describe('copiedChecksum', () => {
  it('keeps none, or a whole-object checksum, as it is', () => {
    const full: StoredChecksum = { algorithm: 'CRC32', value: crc32Of(Buffer.concat(PARTS)), type: 'FULL_OBJECT' };
    expect(copiedChecksum(version(null, null))).toBeNull();
    expect(copiedChecksum(version(full, PARTS.map(crc32Of)))).toBe(full);
  });

  it("combines a COMPOSITE CRC into the whole object's from the parts' CRCs and sizes", () => {
    const composite: StoredChecksum = { algorithm: 'CRC32', value: 'composite-3', type: 'COMPOSITE' };
    expect(copiedChecksum(version(composite, PARTS.map(crc32Of)))).toEqual({ algorithm: 'CRC32', value: crc32Of(Buffer.concat(PARTS)), type: 'FULL_OBJECT' });
  });

  it('gives nothing for what only reading the data gives: a SHA composite, a part without its checksum', () => {
    const sha: StoredChecksum = { algorithm: 'SHA256', value: 'composite-3', type: 'COMPOSITE' };
    expect(copiedChecksum(version(sha, PARTS.map((part) => encodeChecksum(checksumOf('SHA256', part)))))).toBeUndefined();
    const crc: StoredChecksum = { algorithm: 'CRC32', value: 'composite-3', type: 'COMPOSITE' };
    expect(copiedChecksum(version(crc, [crc32Of(PARTS[0]!), undefined, crc32Of(PARTS[2]!)]))).toBeUndefined();
  });
});
