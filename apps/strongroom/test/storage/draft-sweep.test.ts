import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { storageV1 } from '@strongroom/contracts';
import { until } from '@strongroom/testing';
import { blobFiles } from './blob-files';
import { as, createBucket, getObject, OWNER, startStorageHarness, type StorageHarness, type StorageReplica } from './storage-harness';

const requester = as.root(OWNER);
/** The sweep's grace period: an open draft is touched every quarter of it. */
const GRACE_MS = 1000;

describe('storage: a stale-draft sweep takes abandoned drafts, never one still being written', () => {
  let harness: StorageHarness;
  let replica: StorageReplica;
  beforeAll(async () => {
    harness = await startStorageHarness({ sweepGraceMs: GRACE_MS });
    replica = await harness.startReplica({ sweepGraceMs: GRACE_MS });
    await createBucket(harness.client, 'trickle');
  });
  afterAll(async () => {
    await replica.close();
    await harness.close();
  });

  const drafts = () => blobFiles(harness.storage.blobDirectory).filter((path) => path.startsWith('tmp/'));

  test('an upload whose bytes trickle in for longer than the grace period keeps its draft through another replica’s sweep, and lands', async () => {
    const body = randomBytes(100);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    async function* messages(): AsyncGenerator<storageV1.PutObjectRequest> {
      yield { part: { $case: 'header', value: storageV1.PutObjectHeader.fromPartial({ requester, bucket: 'trickle', key: 'slow', contentLength: body.length }) } };
      yield { part: { $case: 'data', value: body.subarray(0, 1) } };
      await gate;
      yield { part: { $case: 'data', value: body.subarray(1) } };
    }
    const put = harness.client.putObject(messages());
    await until('the upload’s draft', () => drafts().length === 1, 5_000);
    const [live] = drafts();
    const abandoned = join(harness.storage.blobDirectory, 'tmp', `${randomUUID()}.part`);
    writeFileSync(abandoned, 'left by a writer that is gone');
    const twoGracesAgo = new Date(Date.now() - 2 * GRACE_MS);
    utimesSync(abandoned, twoGracesAgo, twoGracesAgo);
    await sleep(1.6 * GRACE_MS);

    expect(await replica.storage.sweep()).toMatchObject({ claimed: true, draftsRemoved: 1 });
    expect(existsSync(abandoned)).toBe(false);
    expect(drafts()).toEqual([live]);
    open();
    await put;
    expect((await getObject(harness.client, { requester, bucket: 'trickle', key: 'slow' })).body).toEqual(body);
    expect(drafts()).toEqual([]);
  });
});
