import { DATA_ACCEPTED_HEADER, ErrorReason, storageV1 } from '@strongroom/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const md5 = (data: Buffer) => createHash('md5').update(data).digest();
const SEGMENT = 64 * 1024;

describe('storage objects: put and get, validation, conditional requests, ranges', () => {
  let harness: StorageHarness;
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'objects');
  });
  afterAll(() => harness.close());

  test('round trips of every size around the segment boundaries, in many chunks; the ETag is the quoted MD5', async () => {
    for (const size of [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 17, 1024 * 1024 + 3]) {
      const body = randomBytes(size);
      const chunks = [body.subarray(0, size >> 1), body.subarray(size >> 1)];
      const put = await putObject(harness.client, 'objects', `sizes/${size}`, chunks, {
        options: storageV1.WriteOptions.fromPartial({ headers: { contentType: 'application/x-test', cacheControl: 'no-cache' }, userMetadata: { Color: 'blue' } }),
      });
      expect(put).toMatchObject({ etag: `"${md5(body).toString('hex')}"`, versionId: '', size, encryption: { algorithm: storageV1.SseAlgorithm.AES256 } });
      const got = await getObject(harness.client, { bucket: 'objects', key: `sizes/${size}` });
      expect(got.body.equals(body)).toBe(true);
      expect(got.metadata.partial).toBe(false);
      expect(got.metadata.object).toMatchObject({ size, etag: put.etag, isLatest: true, storageClass: 'STANDARD', userMetadata: { color: 'blue' } });
      expect(got.metadata.object?.headers).toMatchObject({ contentType: 'application/x-test', cacheControl: 'no-cache' });
      if (size > 1024 * 1024) expect(got.messages).toBeGreaterThan(1);
    }
  });

  test('keys are opaque names: dots, double slashes and non-ASCII round-trip and never name a file', async () => {
    const keys = ['../escape', 'a//b', '/leading', 'ünïcødé/ключ', '日本語のキー', 'emoji-😀', 'with space', '%2e%2e'];
    for (const key of keys) await putObject(harness.client, 'objects', key, Buffer.from(`body of ${key}`));
    for (const key of keys) expect((await getObject(harness.client, { bucket: 'objects', key })).body.toString()).toBe(`body of ${key}`);
    const files = blobFiles(harness.storage.blobDirectory);
    expect(files.every((file) => /^([0-9a-f]{2}\/[0-9a-f-]{36}|tmp\/.*)$/.test(file))).toBe(true);
  });

  test('bad input: KEY_TOO_LONG, METADATA_TOO_LARGE, ENTITY_TOO_LARGE, INVALID_DIGEST, BAD_DIGEST, INVALID_STORAGE_CLASS, TOO_MANY_TAGS, INVALID_TAG, headers that could never be answered', async () => {
    const body = Buffer.from('hello');
    await expectReason(putObject(harness.client, 'objects', 'k'.repeat(1025), body), ErrorReason.KEY_TOO_LONG);
    await putObject(harness.client, 'objects', 'é'.repeat(512), body);
    await expectReason(putObject(harness.client, 'objects', '', body), ErrorReason.INVALID_ARGUMENT);
    await expectReason(putObject(harness.client, 'objects', 'm', body, { options: storageV1.WriteOptions.fromPartial({ userMetadata: { big: 'x'.repeat(2046) } }) }), ErrorReason.METADATA_TOO_LARGE);
    await putObject(harness.client, 'objects', 'm', body, { options: storageV1.WriteOptions.fromPartial({ userMetadata: { big: 'x'.repeat(2045) } }) });
    await expectReason(putObject(harness.client, 'objects', 'huge', body, { contentLength: 5 * 1024 ** 3 + 1 }), ErrorReason.ENTITY_TOO_LARGE);
    await expectReason(putObject(harness.client, 'objects', 'd', body, { contentMd5: 'not-base64' }), ErrorReason.INVALID_DIGEST);
    await expectReason(putObject(harness.client, 'objects', 'd', body, { contentMd5: md5(Buffer.from('other')).toString('base64') }), ErrorReason.BAD_DIGEST);
    await putObject(harness.client, 'objects', 'd', body, { contentMd5: md5(body).toString('base64') });
    await expectReason(putObject(harness.client, 'objects', 's', body, { options: storageV1.WriteOptions.fromPartial({ storageClass: 'GLACIER' }) }), ErrorReason.INVALID_STORAGE_CLASS);
    const tags = Array.from({ length: 11 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
    await expectReason(putObject(harness.client, 'objects', 't', body, { options: storageV1.WriteOptions.fromPartial({ tags }) }), ErrorReason.TOO_MANY_TAGS);
    const tooLong = [{ key: '\u{20000}'.repeat(65), value: 'v' }]; // 65 characters, 130 UTF-16 units: S3 counts the units
    await expectReason(putObject(harness.client, 'objects', 't', body, { options: storageV1.WriteOptions.fromPartial({ tags: tooLong }) }), ErrorReason.INVALID_TAG);
    const headerText = [
      { userMetadata: { note: 'a\r\nb' } },
      { userMetadata: { note: 'del\u007f' } },
      { userMetadata: { 'two words': 'x' } },
      { headers: { contentType: 'text/plain; charset=\u65e5' } },
      { headers: { contentType: 'text/plain', cacheControl: 'x'.repeat(8183) } },
    ];
    for (const options of headerText) {
      await expectReason(putObject(harness.client, 'objects', 'h', body, { options: storageV1.WriteOptions.fromPartial(options) }), ErrorReason.INVALID_ARGUMENT);
    }
    await putObject(harness.client, 'objects', 'h', body, { options: storageV1.WriteOptions.fromPartial({ userMetadata: { note: 'tab\there, caf\u00e9' } }) });
    await putObject(harness.client, 'objects', 'h8k', body, { options: storageV1.WriteOptions.fromPartial({ headers: { contentType: 'text/plain', cacheControl: 'x'.repeat(8182) } }) });
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'd-missing' }), ErrorReason.NO_SUCH_KEY);
    await expectReason(putObject(harness.client, 'no-such-bucket', 'k', body), ErrorReason.BUCKET_NOT_FOUND);
  });

  test('a request no decoder accepts (an integer beyond 2^53) is INVALID_ARGUMENT, streamed or not, and stores nothing', async () => {
    const refused = await expectReason(putObject(harness.client, 'objects', 'beyond', Buffer.from('x'), { contentLength: 2 ** 60 }), ErrorReason.INVALID_ARGUMENT);
    expect(refused.message).toBe('the request to /strongroom.storage.v1.StorageService/PutObject is not a valid message: Value is larger than Number.MAX_SAFE_INTEGER');
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'beyond' }), ErrorReason.NO_SUCH_KEY);
    await putObject(harness.client, 'objects', 'beyond', Buffer.from('x'));
    await expectReason(getObject(harness.client, { bucket: 'objects', key: 'beyond', range: { first: 2 ** 60 } }), ErrorReason.INVALID_ARGUMENT);
    expect((await getObject(harness.client, { bucket: 'objects', key: 'beyond', range: { first: 0 } })).body.toString()).toBe('x');
  });

  test('a GetObject cancelled after its first messages closes the blob file at once, not when garbage is collected', async () => {
    await putObject(harness.client, 'objects', 'abandoned', randomBytes(4 * 1024 * 1024));
    const blobFilesOpen = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          const target = readlinkSync(`/proc/self/fd/${fd}`);
          return target.startsWith(harness.storage.blobDirectory) && /\/[0-9a-f-]{36}$/.test(target);
        } catch {
          return false;
        }
      }).length;
    for (let round = 0; round < 3; round++) {
      const abort = new AbortController();
      const messages = harness.client.getObject({ requester: as.root(OWNER), bucket: 'objects', key: 'abandoned' }, { signal: abort.signal })[Symbol.asyncIterator]();
      await messages.next();
      await messages.next();
      abort.abort();
      await messages.next().catch(() => undefined);
    }
    for (let waited = 0; blobFilesOpen() > 0 && waited < 2000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(blobFilesOpen()).toBe(0);
  });

  test('metadata values are Unicode text: CJK and emoji are stored and returned verbatim, counted in UTF-8 bytes', async () => {
    const userMetadata = { name: '日本語のメタデータ', emoji: 'emoji 😀', mixed: 'caf\u00e9 \u2603\tok' };
    await putObject(harness.client, 'objects', 'unicode-metadata', Buffer.from('x'), { options: storageV1.WriteOptions.fromPartial({ userMetadata }) });
    expect((await getObject(harness.client, { bucket: 'objects', key: 'unicode-metadata' })).metadata.object?.userMetadata).toEqual(userMetadata);
    expect((await harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'unicode-metadata' })).object?.userMetadata).toEqual(userMetadata);
    const fits = { n: '日'.repeat(682) + 'x' };
    await putObject(harness.client, 'objects', 'unicode-limit', Buffer.from('x'), { options: storageV1.WriteOptions.fromPartial({ userMetadata: fits }) });
    const over = { n: '日'.repeat(683) };
    await expectReason(putObject(harness.client, 'objects', 'unicode-limit', Buffer.from('x'), { options: storageV1.WriteOptions.fromPartial({ userMetadata: over }) }), ErrorReason.METADATA_TOO_LARGE);
  });

  test('additional checksums: verified up front or from the trailer, stored and returned; BAD_DIGEST on mismatch', async () => {
    const body = Buffer.from('The quick brown fox jumps over the lazy dog');
    const crc32 = { algorithm: storageV1.ChecksumAlgorithm.CRC32, value: 'QU+jOQ==', type: storageV1.ChecksumType.UNSPECIFIED };
    const sha256 = createHash('sha256').update(body).digest('base64');
    const put = await putObject(harness.client, 'objects', 'crc', body, { checksum: crc32 });
    expect(put.checksum).toEqual({ algorithm: storageV1.ChecksumAlgorithm.CRC32, value: 'QU+jOQ==', type: storageV1.ChecksumType.FULL_OBJECT });
    expect((await harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'crc' })).object?.checksum?.value).toBe('QU+jOQ==');
    await expectReason(putObject(harness.client, 'objects', 'crc-bad', body, { checksum: { ...crc32, value: 'AAAAAA==' } }), ErrorReason.BAD_DIGEST);
    await expectReason(putObject(harness.client, 'objects', 'crc-bad', body, { checksum: { ...crc32, value: 'nope' } }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(putObject(harness.client, 'objects', 'crc-composite', body, { checksum: { ...crc32, type: storageV1.ChecksumType.COMPOSITE } }), ErrorReason.INVALID_ARGUMENT);
    const announced = storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.SHA256 });
    const trailer = (value: string) => ({ checksum: { algorithm: storageV1.ChecksumAlgorithm.SHA256, value, type: storageV1.ChecksumType.UNSPECIFIED } });
    const trailed = await putObject(harness.client, 'objects', 'sha', body, { options: announced }, trailer(sha256));
    expect(trailed.checksum?.value).toBe(sha256);
    await expectReason(putObject(harness.client, 'objects', 'sha-bad', body, { options: announced }, trailer(createHash('sha256').update('x').digest('base64'))), ErrorReason.BAD_DIGEST);
    await expectReason(putObject(harness.client, 'objects', 'sha-bad', body, {}, trailer(sha256)), ErrorReason.INVALID_ARGUMENT);
    await expectReason(putObject(harness.client, 'objects', 'sha-composite', body, { options: announced }, { checksum: { ...trailer(sha256).checksum, type: storageV1.ChecksumType.COMPOSITE } }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'crc-composite' }), ErrorReason.NO_SUCH_KEY);
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'sha-composite' }), ErrorReason.NO_SUCH_KEY);
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'sha-bad' }), ErrorReason.NO_SUCH_KEY);
  });

  test('a checksum algorithm or type the server does not know is INVALID_ARGUMENT wherever it is named, never taken as none', async () => {
    const requester = as.root(OWNER);
    const unknownAlgorithm = 99 as storageV1.ChecksumAlgorithm;
    const unknownType = 99 as storageV1.ChecksumType;
    await putObject(harness.client, 'objects', 'to-copy', Buffer.from('copy me'));
    await expectReason(putObject(harness.client, 'objects', 'announced', Buffer.from('x'), { checksum: { algorithm: unknownAlgorithm, value: '', type: 0 } }), ErrorReason.INVALID_ARGUMENT);
    const copyOptions = storageV1.WriteOptions.fromPartial({ checksumAlgorithm: unknownAlgorithm });
    await expectReason(harness.client.copyObject({ requester, sourceBucket: 'objects', sourceKey: 'to-copy', bucket: 'objects', key: 'copied', options: copyOptions }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(harness.client.createMultipartUpload({ requester, bucket: 'objects', key: 'typed', checksumType: unknownType }), ErrorReason.INVALID_ARGUMENT);
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'objects', key: 'completed' });
    const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'objects', key: 'completed', uploadId, partNumber: 1, contentLength: 1 });
    const { etag } = await harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: header } }, { part: { $case: 'data' as const, value: Buffer.from('x') } }]));
    const checksum = { algorithm: storageV1.ChecksumAlgorithm.UNSPECIFIED, value: '', type: unknownType };
    await expectReason(harness.client.completeMultipartUpload({ requester, bucket: 'objects', key: 'completed', uploadId, parts: [{ partNumber: 1, etag }], checksum }), ErrorReason.INVALID_ARGUMENT);
    const algorithmOnly = { algorithm: unknownAlgorithm, value: '', type: storageV1.ChecksumType.UNSPECIFIED };
    await expectReason(harness.client.completeMultipartUpload({ requester, bucket: 'objects', key: 'completed', uploadId, parts: [{ partNumber: 1, etag }], checksum: algorithmOnly }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(harness.client.completeMultipartUpload({ requester, bucket: 'objects', key: 'completed', uploadId, parts: [{ partNumber: 1, etag, checksum: algorithmOnly }] }), ErrorReason.INVALID_ARGUMENT);
    for (const key of ['announced', 'copied', 'completed']) await expectReason(harness.client.headObject({ requester, bucket: 'objects', key }), ErrorReason.NO_SUCH_KEY);
  });

  test('a copy source bucket name that is empty or holds a NUL is INVALID_ARGUMENT naming source_bucket, as the destination is named bucket; nothing is written', async () => {
    const requester = as.root(OWNER);
    await putObject(harness.client, 'objects', 'named-source', Buffer.from('source'));
    const { uploadId } = await harness.client.createMultipartUpload({ requester, bucket: 'objects', key: 'named-copy' });
    for (const sourceBucket of ['', 'obj\u0000ects']) {
      const copies = [
        () => harness.client.copyObject({ requester, sourceBucket, sourceKey: 'named-source', bucket: 'objects', key: 'named-copy' }),
        () => harness.client.uploadPartCopy({ requester, sourceBucket, sourceKey: 'named-source', bucket: 'objects', key: 'named-copy', uploadId, partNumber: 1 }),
      ];
      for (const copy of copies) expect((await expectReason(copy(), ErrorReason.INVALID_ARGUMENT)).fieldViolations.map((violation) => violation.field)).toEqual(['source_bucket']);
    }
    await expectReason(harness.client.headObject({ requester, bucket: 'objects', key: 'named-copy' }), ErrorReason.NO_SUCH_KEY);
    expect((await harness.client.listParts({ requester, bucket: 'objects', key: 'named-copy', uploadId })).parts).toEqual([]);
  });

  test('a body cut short, too long, or cancelled leaves no version and, after a sweep, no file', async () => {
    const before = blobFiles(harness.storage.blobDirectory);
    const body = randomBytes(3 * SEGMENT);
    await expectReason(putObject(harness.client, 'objects', 'cut', body, { contentLength: body.length + 10 }), ErrorReason.INCOMPLETE_BODY);
    await expectReason(putObject(harness.client, 'objects', 'long', body, { contentLength: body.length - 10 }), ErrorReason.INVALID_ARGUMENT);
    expect(blobFiles(harness.storage.blobDirectory)).toEqual(before);
    const abort = new AbortController();
    async function* slow(): AsyncGenerator<storageV1.PutObjectRequest> {
      yield { part: { $case: 'header', value: storageV1.PutObjectHeader.fromPartial({ requester: as.root(OWNER), bucket: 'objects', key: 'cancelled', contentLength: body.length }) } };
      yield { part: { $case: 'data', value: body.subarray(0, SEGMENT) } };
      await new Promise((resolve) => setTimeout(resolve, 100));
      abort.abort();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await expect(harness.client.putObject(slow(), { signal: abort.signal })).rejects.toThrow();
    for (const key of ['cut', 'long', 'cancelled']) await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key }), ErrorReason.NO_SUCH_KEY);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.storage.sweep({ graceMs: 0 });
    expect(blobFiles(harness.storage.blobDirectory)).toEqual(before);
  });

  test('conditional writes: If-None-Match * and If-Match; date conditions are refused, not ignored', async () => {
    await putObject(harness.client, 'objects', 'cond', Buffer.from('one'), { preconditions: { ifMatch: '', ifNoneMatch: '*' } });
    await expectReason(putObject(harness.client, 'objects', 'cond', Buffer.from('two'), { preconditions: { ifMatch: '', ifNoneMatch: '*' } }), ErrorReason.PRECONDITION_FAILED);
    const etag = `"${md5(Buffer.from('one')).toString('hex')}"`;
    await expectReason(putObject(harness.client, 'objects', 'cond', Buffer.from('two'), { preconditions: { ifMatch: '"0000"', ifNoneMatch: '' } }), ErrorReason.PRECONDITION_FAILED);
    await putObject(harness.client, 'objects', 'cond', Buffer.from('two'), { preconditions: { ifMatch: etag, ifNoneMatch: '' } });
    await expectReason(putObject(harness.client, 'objects', 'cond-missing', Buffer.from('x'), { preconditions: { ifMatch: etag, ifNoneMatch: '' } }), ErrorReason.NO_SUCH_KEY);
    expect((await getObject(harness.client, { bucket: 'objects', key: 'cond' })).body.toString()).toBe('two');
    const unsupported = [
      [{ ifMatch: '', ifNoneMatch: etag }, 'If-None-Match'],
      [{ ifMatch: '', ifNoneMatch: '"*"' }, 'If-None-Match'],
      [{ ifMatch: '*', ifNoneMatch: '' }, 'If-Match'],
      [{ ifMatch: etag, ifNoneMatch: '*' }, 'If-Match,If-None-Match'],
    ] as const;
    for (const [preconditions, header] of unsupported) {
      for (const key of ['cond', 'cond-new']) {
        const refused = await expectReason(putObject(harness.client, 'objects', key, Buffer.from('three'), { preconditions }), ErrorReason.CONDITION_NOT_IMPLEMENTED);
        expect(refused.metadata.header).toBe(header);
      }
      const copy = harness.client.copyObject({ requester: as.root(OWNER), bucket: 'objects', key: 'cond-new', sourceBucket: 'objects', sourceKey: 'cond', preconditions });
      await expectReason(copy, ErrorReason.CONDITION_NOT_IMPLEMENTED);
    }
    const future = new Date(Date.now() + 3_600_000);
    for (const dated of [{ ifMatch: '', ifNoneMatch: '', ifModifiedSince: future }, { ifMatch: etag, ifNoneMatch: '', ifUnmodifiedSince: new Date(0) }]) {
      await expectReason(putObject(harness.client, 'objects', 'cond', Buffer.from('dated'), { preconditions: dated }), ErrorReason.INVALID_ARGUMENT);
      const copy = harness.client.copyObject({ requester: as.root(OWNER), bucket: 'objects', key: 'cond-new', sourceBucket: 'objects', sourceKey: 'cond', preconditions: dated });
      await expectReason(copy, ErrorReason.INVALID_ARGUMENT);
    }
    expect((await getObject(harness.client, { bucket: 'objects', key: 'cond' })).body.toString()).toBe('two');
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'cond-new' }), ErrorReason.NO_SUCH_KEY);

    const files = blobFiles(harness.storage.blobDirectory).length;
    const racing = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => putObject(harness.client, 'objects', 'race', Buffer.from(`writer ${i}`), { preconditions: { ifMatch: '', ifNoneMatch: '*' } })),
    );
    expect(racing.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of racing) if (result.status === 'rejected') expect((result.reason as { reasonName: string }).reasonName).toBe('PRECONDITION_FAILED');
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(files + 1);
  });

  test('conditional reads in S3 order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since', async () => {
    const put = await putObject(harness.client, 'objects', 'read-cond', Buffer.from('data'));
    const get = (preconditions: Partial<storageV1.Preconditions>) =>
      getObject(harness.client, { bucket: 'objects', key: 'read-cond', preconditions: { ifMatch: '', ifNoneMatch: '', ...preconditions } });
    const past = new Date(Date.now() - 3_600_000);
    const future = new Date(Date.now() + 3_600_000);
    await get({ ifMatch: put.etag });
    await get({ ifMatch: '*' });
    await expectReason(get({ ifMatch: '"abc"' }), ErrorReason.PRECONDITION_FAILED);
    await expectReason(get({ ifUnmodifiedSince: past }), ErrorReason.PRECONDITION_FAILED);
    await get({ ifMatch: put.etag, ifUnmodifiedSince: past });
    await expectReason(get({ ifNoneMatch: put.etag }), ErrorReason.NOT_MODIFIED);
    await expectReason(get({ ifModifiedSince: new Date() }), ErrorReason.NOT_MODIFIED);
    // A date later than now is invalid (RFC 7232), and S3 ignores it.
    await get({ ifModifiedSince: future });
    await get({ ifModifiedSince: past });
    await expectReason(get({ ifNoneMatch: put.etag, ifModifiedSince: past }), ErrorReason.NOT_MODIFIED);
    await get({ ifNoneMatch: '"other"', ifModifiedSince: future });
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'read-cond', preconditions: { ifMatch: '"x"', ifNoneMatch: '' } }), ErrorReason.PRECONDITION_FAILED);
  });

  test('ranges across segment boundaries, open and suffix ranges, parts; INVALID_RANGE when no byte exists, INVALID_PART_NUMBER for a missing part', async () => {
    const body = randomBytes(3 * SEGMENT + 100);
    await putObject(harness.client, 'objects', 'ranged', body);
    const read = (range: storageV1.ByteRange) => getObject(harness.client, { bucket: 'objects', key: 'ranged', range });
    const cases: [storageV1.ByteRange, number, number][] = [
      [{ first: 0, last: 0 }, 0, 0],
      [{ first: SEGMENT - 1, last: SEGMENT }, SEGMENT - 1, SEGMENT],
      [{ first: SEGMENT - 10, last: 2 * SEGMENT + 10 }, SEGMENT - 10, 2 * SEGMENT + 10],
      [{ first: 2 * SEGMENT, last: 3 * SEGMENT - 1 }, 2 * SEGMENT, 3 * SEGMENT - 1],
      [{ first: 3 * SEGMENT }, 3 * SEGMENT, body.length - 1],
      [{ first: 100, last: 10 * SEGMENT }, 100, body.length - 1],
      [{ suffixLength: 150 }, body.length - 150, body.length - 1],
      [{ suffixLength: 10 * SEGMENT }, 0, body.length - 1],
    ];
    for (const [range, first, last] of cases) {
      const got = await read(range);
      expect(got.metadata).toMatchObject({ partial: true, rangeFirst: first, rangeLast: last });
      expect(got.body.equals(body.subarray(first, last + 1))).toBe(true);
    }
    await expectReason(read({ first: body.length }), ErrorReason.INVALID_RANGE);
    await expectReason(read({ suffixLength: 0 }), ErrorReason.INVALID_RANGE);
    await expectReason(read({ first: 10, last: 5 }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(read({ first: 0, last: 1, ifRangeEtag: '"x"', ifRangeDate: new Date() }), ErrorReason.INVALID_ARGUMENT);
    const part = await getObject(harness.client, { bucket: 'objects', key: 'ranged', partNumber: 1 });
    expect(part.body.equals(body)).toBe(true);
    await expectReason(getObject(harness.client, { bucket: 'objects', key: 'ranged', partNumber: 2 }), ErrorReason.INVALID_PART_NUMBER);
    await putObject(harness.client, 'objects', 'empty', Buffer.alloc(0));
    await expectReason(getObject(harness.client, { bucket: 'objects', key: 'empty', range: { first: 0 } }), ErrorReason.INVALID_RANGE);
  });

  test('reads by another account are denied; a missing key is ACCESS_DENIED to whoever may not list the bucket', async () => {
    await putObject(harness.client, 'objects', 'secret', Buffer.from('s'));
    await expectReason(getObject(harness.client, { bucket: 'objects', key: 'secret', requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await expectReason(getObject(harness.client, { bucket: 'objects', key: 'secret', requester: as.anonymous() }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.headObject({ requester: as.root(OTHER), bucket: 'objects', key: 'nothing-here' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'nothing-here' }), ErrorReason.NO_SUCH_KEY);
    await expectReason(putObject(harness.client, 'objects', 'intruder', Buffer.from('x'), { requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.deleteObject({ requester: as.root(OTHER), bucket: 'objects', key: 'secret' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.ownerOnlyClient.headObject({ requester: as.root(OTHER), bucket: 'objects', key: 'secret' }), ErrorReason.PRINCIPAL_NOT_ALLOWED);
    expect((await harness.ownerOnlyClient.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'secret' })).object?.size).toBe(1);
  });

  test("a user id stated by a tenant's credential is dropped (only the gateway knows which user a key authenticated): the user is whoever has the name", async () => {
    const principal = { accountId: OWNER, arn: '' };
    await harness.policy.createUser({ principal, userName: 'reader' });
    const reads = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::objects/*' }] });
    await harness.policy.putUserPolicy({ principal, userName: 'reader', policyName: 'reads', policyDocument: reads });
    await putObject(harness.client, 'objects', 'readable', Buffer.from('r'));
    const stated = as.user(OWNER, 'reader');
    if (stated.principal?.kind?.$case === 'aws') stated.principal.kind.value.userId = 'AIDANOSUCHUSER000000';
    expect((await harness.ownerOnlyClient.headObject({ requester: stated, bucket: 'objects', key: 'readable' })).object?.size).toBe(1);
    await expectReason(harness.client.headObject({ requester: stated, bucket: 'objects', key: 'readable' }), ErrorReason.ACCESS_DENIED);
  });

  test('confirm_before_data: the accepted header comes once the write is authorized, before any data is read; a refusal comes instead', async () => {
    const body = Buffer.from('sent only once accepted');
    const write = (requester: storageV1.Requester, key: string) => {
      let accepted: (value: boolean) => void = () => undefined;
      const acceptance = new Promise<boolean>((resolve) => (accepted = resolve));
      async function* messages(): AsyncGenerator<storageV1.PutObjectRequest> {
        const header = storageV1.PutObjectHeader.fromPartial({ requester, bucket: 'objects', key, contentLength: body.length, confirmBeforeData: true });
        yield { part: { $case: 'header', value: header } };
        if (!(await acceptance)) return;
        yield { part: { $case: 'data', value: body } };
      }
      const call = harness.client.putObject(messages(), { onHeader: (headers) => accepted(headers.get(DATA_ACCEPTED_HEADER) === '1') });
      return { call: call.finally(() => accepted(false)), acceptance };
    };
    const allowed = write(as.root(OWNER), 'confirmed');
    expect(await allowed.acceptance).toBe(true);
    expect((await allowed.call).etag).toBe(`"${md5(body).toString('hex')}"`);
    expect((await getObject(harness.client, { bucket: 'objects', key: 'confirmed' })).body.equals(body)).toBe(true);

    const refused = write(as.root(OTHER), 'refused');
    await expectReason(refused.call, ErrorReason.ACCESS_DENIED);
    expect(await refused.acceptance).toBe(false);
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'refused' }), ErrorReason.NO_SUCH_KEY);
  });

  test('a stream message that sets no part, or a second header, is INVALID_ARGUMENT saying which, and stores nothing', async () => {
    const header = storageV1.PutObjectHeader.fromPartial({ requester: as.root(OWNER), bucket: 'objects', key: 'malformed-stream', contentLength: 2 });
    const opening = { part: { $case: 'header' as const, value: header } };
    const empty = await expectReason(harness.client.putObject(Readable.from([opening, { part: undefined }])), ErrorReason.INVALID_ARGUMENT);
    expect(empty.message).toBe('part: a message sets none of header, data and trailer');
    const twice = await expectReason(harness.client.putObject(Readable.from([opening, opening])), ErrorReason.INVALID_ARGUMENT);
    expect(twice.message).toContain('only the first message is a header');
    await expectReason(harness.client.headObject({ requester: as.root(OWNER), bucket: 'objects', key: 'malformed-stream' }), ErrorReason.NO_SUCH_KEY);
  });

  test('length_unknown: the object is every byte that arrives, whatever content_length says', async () => {
    const body = randomBytes(3 * SEGMENT + 5);
    const put = await putObject(harness.client, 'objects', 'unknown-length', [body.subarray(0, 1000), body.subarray(1000)], { contentLength: 0, lengthUnknown: true });
    expect(put).toMatchObject({ size: body.length, etag: `"${md5(body).toString('hex')}"` });
    expect((await getObject(harness.client, { bucket: 'objects', key: 'unknown-length' })).body.equals(body)).toBe(true);
  });
});
