import { ErrorReason } from '@strongroom/contracts';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUnless } from '../describe-unless';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, getObject, OWNER, putObject, startStorageHarness, type StorageHarness, type StorageReplica } from './storage-harness';

/** A data directory whose `blobs` is a tmpfs of 4 MiB and 400 inodes (the blob store's directories take 258), or why there cannot be one here (mounting needs root). */
function smallDisk(): { dataDir: string; blobs: string } | { missing: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-full-'));
  const blobs = join(dataDir, 'blobs');
  mkdirSync(blobs);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,nr_inodes=400', 'tmpfs', blobs], { stdio: 'pipe' });
    return { dataDir, blobs };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    return { missing: `cannot mount a small tmpfs (${String(error).split('\n')[0]}); mounting needs root` };
  }
}

const disk = smallDisk();

describeUnless('missing' in disk ? disk.missing : undefined, 'a small tmpfs can be mounted', 'storage on a disk that fills up', () => {
  const { dataDir, blobs } = disk as { dataDir: string; blobs: string };
  let harness: StorageHarness;
  let replica: StorageReplica;

  beforeAll(async () => {
    harness = await startStorageHarness();
    replica = await harness.startReplica({ dataDir });
    await createBucket(harness.client, 'full');
  });
  afterAll(async () => {
    await replica.close();
    await harness.close();
    execFileSync('umount', [blobs]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a PUT the disk can hold only part of fails STORAGE_FULL, stores nothing, leaves no file, and the object it would have replaced stays whole', async () => {
    const kept = randomBytes(100_000);
    await putObject(replica.client, 'full', 'kept', kept);
    const before = blobFiles(blobs);
    const { bavail, bsize } = statfsSync(blobs);
    writeFileSync(join(blobs, 'filler'), Buffer.alloc(bavail * bsize - 256 * 1024));

    await expectReason(putObject(replica.client, 'full', 'kept', randomBytes(300_000)), ErrorReason.STORAGE_FULL);
    await expectReason(putObject(replica.client, 'full', 'new', randomBytes(300_000)), ErrorReason.STORAGE_FULL);

    expect((await getObject(replica.client, { bucket: 'full', key: 'kept' })).body.equals(kept)).toBe(true);
    const listed = await replica.client.listObjects({ requester: as.root(OWNER), bucket: 'full' });
    expect(listed.contents.map((object) => object.key)).toEqual(['kept']);
    expect(blobFiles(blobs)).toEqual(before);
  });

  test('a PUT that finds no inode left for its file fails STORAGE_FULL', async () => {
    for (let i = 0; ; i++) {
      try {
        writeFileSync(join(blobs, `inode-${i}`), '');
      } catch {
        break;
      }
    }
    await expectReason(putObject(replica.client, 'full', 'no-inode', Buffer.from('x')), ErrorReason.STORAGE_FULL);
  });
});
