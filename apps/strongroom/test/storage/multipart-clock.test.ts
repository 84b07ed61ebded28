import { storageV1 } from '@strongroom/contracts';
import { Readable } from 'node:stream';
import { as, createBucket, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness } from './storage-harness';

const requester = as.root(OWNER);
const HOUR = 60 * 60 * 1000;

function uploadPart(client: StorageClient, uploadId: string, partNumber: number, body: Buffer): Promise<storageV1.UploadPartResponse> {
  const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'clocked', key: 'k', uploadId, partNumber, contentLength: body.length });
  return client.uploadPart(Readable.from([{ part: { $case: 'header', value: header } }, { part: { $case: 'data', value: body } }]));
}

describe("storage multipart dates: the database's clock, whichever replica wrote them", () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'clocked');
  });
  afterAll(() => harness.close());

  test("a replica whose clock runs an hour behind dates the upload, its parts and the object it completes by the database's clock, the object after its parts", async () => {
    await putObject(harness.client, 'clocked', 'source', Buffer.from('copied into part 2'));
    const replica = await harness.startReplica({ clock: () => new Date(Date.now() - HOUR) });
    try {
      const since = Date.now() - 1_000;
      const { uploadId } = await replica.client.createMultipartUpload({ requester, bucket: 'clocked', key: 'k', options: storageV1.WriteOptions.fromPartial({}) });
      const uploaded = await uploadPart(replica.client, uploadId, 1, Buffer.alloc(5 * 1024 * 1024, 7));
      const copied = await replica.client.uploadPartCopy({ requester, bucket: 'clocked', key: 'k', uploadId, partNumber: 2, sourceBucket: 'clocked', sourceKey: 'source' });
      const until = Date.now() + 1_000;
      const inTime = (date: Date | undefined) => date !== undefined && date.getTime() >= since && date.getTime() <= until;

      const initiated = (await replica.client.listMultipartUploads({ requester, bucket: 'clocked' })).uploads[0]?.initiated;
      const parts = (await replica.client.listParts({ requester, bucket: 'clocked', key: 'k', uploadId })).parts;
      expect([inTime(initiated), inTime(copied.lastModified), parts.map((part) => [part.partNumber, inTime(part.lastModified)])]).toEqual([
        true,
        true,
        [
          [1, true],
          [2, true],
        ],
      ]);

      await replica.client.completeMultipartUpload({
        requester,
        bucket: 'clocked',
        key: 'k',
        uploadId,
        parts: [
          { partNumber: 1, etag: uploaded.etag },
          { partNumber: 2, etag: copied.etag },
        ],
      });
      const completed = (await replica.client.headObject({ requester, bucket: 'clocked', key: 'k' })).object?.lastModified;
      const lastPart = Math.max(...parts.map((part) => part.lastModified!.getTime()));
      expect([completed!.getTime() >= lastPart, completed!.getTime() <= Date.now() + 1_000]).toEqual([true, true]);
    } finally {
      await replica.close();
    }
  });
});
