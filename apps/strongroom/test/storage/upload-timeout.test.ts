import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { ClientError, Status } from 'nice-grpc';
import { setTimeout as sleep } from 'node:timers/promises';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, OWNER, startStorageHarness, type StorageHarness } from './storage-harness';

const requester = as.root(OWNER);
const IDLE_MS = 300;

/** The messages of an upload: a header (unless `header` is false), then each data piece after waiting its pause. */
async function* upload<Header>(header: Header | undefined, pieces: readonly { pause: number; data: string }[]): AsyncGenerator<{ part: { $case: 'header'; value: Header } | { $case: 'data'; value: Buffer } }> {
  if (header !== undefined) yield { part: { $case: 'header', value: header } };
  for (const { pause, data } of pieces) {
    await sleep(pause);
    yield { part: { $case: 'data', value: Buffer.from(data) } };
  }
}

describe('storage: an upload stream that goes silent fails with REQUEST_TIMEOUT and stores nothing', () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness({ uploadIdleTimeoutMs: IDLE_MS });
    await createBucket(harness.client, 'slow');
  });
  afterAll(() => harness.close());

  const drafts = () => blobFiles(harness.storage.blobDirectory).filter((path) => path.startsWith('tmp/'));
  const putHeader = (key: string, contentLength: number) => storageV1.PutObjectHeader.fromPartial({ requester, bucket: 'slow', key, contentLength });

  async function expectTimeout(call: Promise<unknown>): Promise<void> {
    const failure = await expectReason(call, ErrorReason.REQUEST_TIMEOUT);
    expect((failure.cause as ClientError).code).toBe(Status.DEADLINE_EXCEEDED);
  }

  test('PutObject silent after its first bytes, or before its header', async () => {
    await expectTimeout(harness.client.putObject(upload(putHeader('stalled', 4), [{ pause: 0, data: 'ab' }, { pause: IDLE_MS * 5, data: 'cd' }])));
    await expectTimeout(harness.client.putObject(upload(undefined, [{ pause: IDLE_MS * 5, data: 'ab' }])));
    await expectReason(harness.client.headObject({ requester, bucket: 'slow', key: 'stalled' }), ErrorReason.NO_SUCH_KEY);
    expect(drafts()).toEqual([]);
  });

  test('UploadPart silent after its first bytes', async () => {
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'slow', key: 'parts' });
    const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'slow', key: 'parts', uploadId, partNumber: 1, contentLength: 4 });
    await expectTimeout(harness.client.uploadPart(upload(header, [{ pause: 0, data: 'ab' }, { pause: IDLE_MS * 5, data: 'cd' }])));
    expect((await harness.client.listParts({ requester, bucket: 'slow', key: 'parts', uploadId, maxParts: 1000 })).parts).toEqual([]);
    expect(drafts()).toEqual([]);
  });

  test('only silence counts: an upload whose pieces come more often than the timeout, however long it takes, lands', async () => {
    const pieces = Array.from({ length: 6 }, (_, i) => ({ pause: IDLE_MS / 2, data: String(i) }));
    await harness.client.putObject(upload(putHeader('steady', 6), pieces));
    expect((await harness.client.headObject({ requester, bucket: 'slow', key: 'steady' })).object?.size).toBe(6);
  });
});
