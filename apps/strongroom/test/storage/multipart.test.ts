import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { blobFiles } from './blob-files';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness } from './storage-harness';

const MiB = 1024 * 1024;
const md5 = (data: Buffer) => createHash('md5').update(data).digest();
const crc32Of = (data: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out;
};

function uploadPart(
  client: StorageClient,
  uploadId: string,
  partNumber: number,
  body: Buffer,
  header: Partial<storageV1.UploadPartHeader> = {},
  key = 'big',
): Promise<storageV1.UploadPartResponse> {
  const opening = storageV1.UploadPartHeader.fromPartial({ requester: as.root(OWNER), bucket: 'multi', key, uploadId, partNumber, contentLength: body.length, ...header });
  const messages: storageV1.UploadPartRequest[] = [{ part: { $case: 'header', value: opening } }];
  for (let offset = 0; offset < body.length; offset += MiB) messages.push({ part: { $case: 'data', value: body.subarray(offset, offset + MiB) } });
  return client.uploadPart(Readable.from(messages));
}

describe('storage multipart uploads: parts, completion, ETags and checksums, copies, aborts, listings', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'multi');
  });
  afterAll(() => harness.close());

  const create = async (key = 'big', checksumAlgorithm = storageV1.ChecksumAlgorithm.CRC32) =>
    (
      await harness.client.createMultipartUpload({
        requester,
        bucket: 'multi',
        key,
        options: storageV1.WriteOptions.fromPartial({ userMetadata: { kind: 'multi', label: '日本' }, tags: [{ key: 't', value: '1' }], checksumAlgorithm }),
      })
    ).uploadId;

  test('three parts become one object: multipart ETag, composite checksum, ranges across parts, reads by part number; a repeated completion answers as the first', async () => {
    const uploadId = await create();
    expect(uploadId).toMatch(/^[0-9a-f]{64}$/);
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB + 3), randomBytes(1000)];
    const uploaded = [];
    for (const [index, body] of parts.entries()) {
      const checksum = { algorithm: storageV1.ChecksumAlgorithm.CRC32, value: crc32Of(body).toString('base64'), type: storageV1.ChecksumType.UNSPECIFIED };
      uploaded.push(await uploadPart(harness.client, uploadId, index + 1, body, { checksum, contentMd5: md5(body).toString('base64') }));
    }
    expect(uploaded.map((u) => u.etag)).toEqual(parts.map((p) => `"${md5(p).toString('hex')}"`));
    const listed = await harness.client.listParts({ requester, bucket: 'multi', key: 'big', uploadId, maxParts: 2 });
    expect(listed.parts.map((p) => [p.partNumber, p.size])).toEqual([[1, 5 * MiB], [2, 5 * MiB + 3]]);
    expect(listed).toMatchObject({ isTruncated: true, nextPartNumberMarker: 2, upload: { key: 'big', uploadId, checksumAlgorithm: storageV1.ChecksumAlgorithm.CRC32 } });
    const rest = await harness.client.listParts({ requester, bucket: 'multi', key: 'big', uploadId, maxParts: 2, partNumberMarker: 2 });
    expect(rest.parts.map((p) => p.partNumber)).toEqual([3]);
    // No page at all: not truncated, or a client following the marker would ask again forever (as ListObjects with max-keys 0).
    expect(await harness.client.listParts({ requester, bucket: 'multi', key: 'big', uploadId, emptyPage: true })).toMatchObject({ parts: [], isTruncated: false });
    // An unset page size is S3's default, 1000.
    expect((await harness.client.listParts({ requester, bucket: 'multi', key: 'big', uploadId })).parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);

    const completion = {
      requester,
      bucket: 'multi',
      key: 'big',
      uploadId,
      parts: uploaded.map((u, index) => ({ partNumber: index + 1, etag: u.etag, checksum: u.checksum })),
    };
    const completed = await harness.client.completeMultipartUpload(completion);
    expect(await harness.client.completeMultipartUpload(completion)).toEqual(completed);
    await expectReason(harness.client.completeMultipartUpload({ ...completion, parts: completion.parts.slice(0, 2) }), ErrorReason.NO_SUCH_UPLOAD);
    await expectReason(harness.client.completeMultipartUpload({ ...completion, requester: as.root(OTHER) }), ErrorReason.ACCESS_DENIED);
    const expectedEtag = `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-3"`;
    const expectedChecksum = `${crc32Of(Buffer.concat(parts.map(crc32Of))).toString('base64')}-3`;
    expect(completed).toMatchObject({ etag: expectedEtag, versionId: '', checksum: { value: expectedChecksum, type: storageV1.ChecksumType.COMPOSITE } });

    const whole = Buffer.concat(parts);
    const got = await getObject(harness.client, { bucket: 'multi', key: 'big' });
    expect(got.body.equals(whole)).toBe(true);
    expect(got.metadata.object).toMatchObject({ size: whole.length, etag: expectedEtag, partsCount: 3, userMetadata: { kind: 'multi', label: '日本' }, tagCount: 1 });
    const across = await getObject(harness.client, { bucket: 'multi', key: 'big', range: { first: 5 * MiB - 10, last: 10 * MiB + 10 } });
    expect(across.body.equals(whole.subarray(5 * MiB - 10, 10 * MiB + 11))).toBe(true);
    const second = await getObject(harness.client, { bucket: 'multi', key: 'big', partNumber: 2 });
    expect(second.metadata).toMatchObject({ partial: true, rangeFirst: 5 * MiB, rangeLast: 10 * MiB + 2 });
    expect(second.body.equals(parts[1]!)).toBe(true);
    const headPart = await harness.client.headObject({ requester, bucket: 'multi', key: 'big', partNumber: 3 });
    expect([headPart.object?.size, headPart.partial, headPart.rangeFirst, headPart.rangeLast]).toEqual([whole.length, true, 10 * MiB + 3, whole.length - 1]);
    expect(headPart.object?.checksum).toEqual({ algorithm: storageV1.ChecksumAlgorithm.CRC32, value: crc32Of(parts[2]!).toString('base64'), type: storageV1.ChecksumType.COMPOSITE });
    const headRange = await harness.client.headObject({ requester, bucket: 'multi', key: 'big', range: { suffixLength: 10 } });
    expect([headRange.partial, headRange.rangeFirst, headRange.rangeLast]).toEqual([true, whole.length - 10, whole.length - 1]);
    await expectReason(harness.client.headObject({ requester, bucket: 'multi', key: 'big', partNumber: 4 }), ErrorReason.INVALID_PART_NUMBER);
    await expectReason(harness.client.headObject({ requester, bucket: 'multi', key: 'big', range: { first: whole.length } }), ErrorReason.INVALID_RANGE);
    await expectReason(harness.client.listParts({ requester, bucket: 'multi', key: 'big', uploadId }), ErrorReason.NO_SUCH_UPLOAD);

    const { rows } = await harness.database.pool.query<{ streams: number; keys: number }>(
      `SELECT count(DISTINCT p->>'streamId')::int AS streams, count(DISTINCT v.wrapped_data_key)::int AS keys
       FROM storage.object_versions v, jsonb_array_elements(v.part_layout) p WHERE v.key = 'big'`,
    );
    expect(rows).toEqual([{ streams: 3, keys: 1 }]);
    // A copy is a new single-part object, as in S3: the MD5 of its bytes as ETag, no parts, and "a direct checksum of the full
    // object" (checking-object-integrity), its data read and sealed anew.
    const copy = await harness.client.copyObject({ requester, sourceBucket: 'multi', sourceKey: 'big', bucket: 'multi', key: 'big-copy' });
    const fullCrc32 = { algorithm: storageV1.ChecksumAlgorithm.CRC32, value: crc32Of(whole).toString('base64'), type: storageV1.ChecksumType.FULL_OBJECT };
    expect(copy).toMatchObject({ etag: `"${md5(whole).toString('hex')}"`, checksum: fullCrc32 });
    expect((await harness.client.headObject({ requester, bucket: 'multi', key: 'big-copy' })).object).toMatchObject({ checksum: fullCrc32, partsCount: 0 });
    const copied = await harness.database.pool.query<{ part_layout: unknown; own_blob: boolean }>(
      `SELECT c.part_layout, c.blob_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(s.part_layout) p WHERE p->>'blobId' = c.blob_id::text) AS own_blob
       FROM storage.object_versions c, storage.object_versions s WHERE c.key = 'big-copy' AND s.key = 'big'`,
    );
    expect(copied.rows).toEqual([{ part_layout: null, own_blob: true }]);
    expect((await getObject(harness.client, { bucket: 'multi', key: 'big-copy', range: { suffixLength: 2000 } })).body.equals(whole.subarray(-2000))).toBe(true);
    const sha256 = await harness.client.copyObject({
      requester,
      sourceBucket: 'multi',
      sourceKey: 'big',
      bucket: 'multi',
      key: 'big-sha256',
      options: storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.SHA256 }),
    });
    expect(sha256.checksum).toEqual({ algorithm: storageV1.ChecksumAlgorithm.SHA256, value: createHash('sha256').update(whole).digest('base64'), type: storageV1.ChecksumType.FULL_OBJECT });
    await harness.client.deleteObject({ requester, bucket: 'multi', key: 'big' });
    await expectReason(harness.client.completeMultipartUpload(completion), ErrorReason.NO_SUCH_UPLOAD);
  });

  test('completion checks: order, ETags, missing parts, the 5 MiB minimum, checksums; a replaced part releases its blob', async () => {
    const uploadId = await create('checked', storageV1.ChecksumAlgorithm.UNSPECIFIED);
    const small = Buffer.from('small part');
    const one = await uploadPart(harness.client, uploadId, 1, small, {}, 'checked');
    const before = blobFiles(harness.storage.blobDirectory).length;
    const two = await uploadPart(harness.client, uploadId, 2, Buffer.from('first try'), {}, 'checked');
    const replaced = await uploadPart(harness.client, uploadId, 2, Buffer.from('second try'), {}, 'checked');
    expect(replaced.etag).not.toBe(two.etag);
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(before + 1);
    const complete = (parts: storageV1.CompletedPart[]) => harness.client.completeMultipartUpload({ requester, bucket: 'multi', key: 'checked', uploadId, parts });
    await expectReason(complete([{ partNumber: 2, etag: replaced.etag }, { partNumber: 1, etag: one.etag }]), ErrorReason.INVALID_PART_ORDER);
    await expectReason(complete([{ partNumber: 1, etag: one.etag }, { partNumber: 1, etag: one.etag }]), ErrorReason.INVALID_PART_ORDER);
    await expectReason(complete([{ partNumber: 1, etag: one.etag }, { partNumber: 2, etag: two.etag }]), ErrorReason.INVALID_PART);
    await expectReason(complete([{ partNumber: 1, etag: one.etag }, { partNumber: 3, etag: one.etag }]), ErrorReason.INVALID_PART);
    await expectReason(complete([{ partNumber: 1, etag: one.etag }, { partNumber: 2, etag: replaced.etag }]), ErrorReason.ENTITY_TOO_SMALL);
    await expectReason(complete([]), ErrorReason.INVALID_ARGUMENT);
    await expectReason(uploadPart(harness.client, uploadId, 0, small, {}, 'checked'), ErrorReason.INVALID_ARGUMENT);
    await expectReason(uploadPart(harness.client, uploadId, 10_001, small, {}, 'checked'), ErrorReason.INVALID_ARGUMENT);
    const composite = { algorithm: storageV1.ChecksumAlgorithm.CRC32, value: crc32Of(small).toString('base64'), type: storageV1.ChecksumType.COMPOSITE };
    await expectReason(uploadPart(harness.client, uploadId, 3, small, { checksum: composite }, 'checked'), ErrorReason.INVALID_ARGUMENT);
    await expectReason(uploadPart(harness.client, uploadId, 3, small, { contentMd5: md5(Buffer.from('x')).toString('base64') }, 'checked'), ErrorReason.BAD_DIGEST);
    await expectReason(uploadPart(harness.client, uploadId, 3, small, { contentLength: small.length + 1 }, 'checked'), ErrorReason.INCOMPLETE_BODY);
    await expectReason(uploadPart(harness.client, 'no-such-upload', 1, small, {}, 'checked'), ErrorReason.NO_SUCH_UPLOAD);
    await expectReason(uploadPart(harness.client, uploadId, 1, small, {}, 'other-key'), ErrorReason.NO_SUCH_UPLOAD);
    await expectReason(uploadPart(harness.client, uploadId, 1, small, { requester: as.root(OTHER) }, 'checked'), ErrorReason.ACCESS_DENIED);
    const done = await complete([{ partNumber: 2, etag: replaced.etag }]);
    expect(done.etag).toBe(`"${md5(md5(Buffer.from('second try'))).toString('hex')}-1"`);
    expect((await getObject(harness.client, { bucket: 'multi', key: 'checked' })).body.toString()).toBe('second try');
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(before);
    expect(await complete([{ partNumber: 2, etag: replaced.etag }])).toEqual(done);
    await expectReason(complete([{ partNumber: 2, etag: two.etag }]), ErrorReason.NO_SUCH_UPLOAD);
  });

  test('checksum types: a full-object CRC32 combined from the parts, checked against the one the client sends; types S3 does not allow refused', async () => {
    const { uploadId, checksumType } = await harness.client.createMultipartUpload({
      requester,
      bucket: 'multi',
      key: 'full',
      options: storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.CRC32 }),
      checksumType: storageV1.ChecksumType.FULL_OBJECT,
    });
    expect(checksumType).toBe(storageV1.ChecksumType.FULL_OBJECT);
    const parts = [randomBytes(5 * MiB), randomBytes(77)];
    const uploaded: storageV1.UploadPartResponse[] = [];
    for (const [index, body] of parts.entries()) {
      const checksum = { algorithm: storageV1.ChecksumAlgorithm.CRC32, value: crc32Of(body).toString('base64'), type: storageV1.ChecksumType.UNSPECIFIED };
      uploaded.push(await uploadPart(harness.client, uploadId, index + 1, body, { checksum }, 'full'));
    }
    const whole = crc32Of(Buffer.concat(parts)).toString('base64');
    const complete = (value: string) =>
      harness.client.completeMultipartUpload({
        requester,
        bucket: 'multi',
        key: 'full',
        uploadId,
        parts: uploaded.map((part, index) => ({ partNumber: index + 1, etag: part.etag })),
        checksum: { algorithm: storageV1.ChecksumAlgorithm.CRC32, value, type: storageV1.ChecksumType.FULL_OBJECT },
      });
    await expectReason(complete(crc32Of(Buffer.from('other')).toString('base64')), ErrorReason.BAD_DIGEST);
    const done = await complete(whole);
    expect(done.checksum).toEqual({ algorithm: storageV1.ChecksumAlgorithm.CRC32, value: whole, type: storageV1.ChecksumType.FULL_OBJECT });
    const refused = (checksumAlgorithm: storageV1.ChecksumAlgorithm, checksumType: storageV1.ChecksumType) =>
      expectReason(
        harness.client.createMultipartUpload({ requester, bucket: 'multi', key: 'refused', options: storageV1.WriteOptions.fromPartial({ checksumAlgorithm }), checksumType }),
        ErrorReason.INVALID_REQUEST,
      );
    await refused(storageV1.ChecksumAlgorithm.SHA256, storageV1.ChecksumType.FULL_OBJECT);
    await refused(storageV1.ChecksumAlgorithm.CRC64NVME, storageV1.ChecksumType.COMPOSITE);
    await refused(storageV1.ChecksumAlgorithm.UNSPECIFIED, storageV1.ChecksumType.COMPOSITE);
  });

  test('a COMPOSITE upload needs every part\'s checksum, on UploadPart and in the completion list; a FULL_OBJECT one computes what is not given', async () => {
    const uploadId = await create('composite-strict');
    const body = randomBytes(1000);
    const missing = await expectReason(uploadPart(harness.client, uploadId, 1, body, {}, 'composite-strict'), ErrorReason.INVALID_REQUEST);
    expect(missing.message).toBe('Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null');
    const checksum = { algorithm: storageV1.ChecksumAlgorithm.CRC32, value: crc32Of(body).toString('base64'), type: storageV1.ChecksumType.UNSPECIFIED };
    const part = await uploadPart(harness.client, uploadId, 1, body, { checksum }, 'composite-strict');
    const unlisted = await expectReason(
      harness.client.completeMultipartUpload({ requester, bucket: 'multi', key: 'composite-strict', uploadId, parts: [{ partNumber: 1, etag: part.etag }] }),
      ErrorReason.INVALID_REQUEST,
    );
    expect(unlisted.message).toBe('The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.');
    await harness.client.completeMultipartUpload({ requester, bucket: 'multi', key: 'composite-strict', uploadId, parts: [{ partNumber: 1, etag: part.etag, checksum }] });

    const full = await harness.client.createMultipartUpload({
      requester,
      bucket: 'multi',
      key: 'full-lenient',
      options: storageV1.WriteOptions.fromPartial({ checksumAlgorithm: storageV1.ChecksumAlgorithm.CRC32 }),
      checksumType: storageV1.ChecksumType.FULL_OBJECT,
    });
    const fullPart = await uploadPart(harness.client, full.uploadId, 1, body, {}, 'full-lenient');
    expect(fullPart.checksum?.value).toBe(checksum.value);
    const done = await harness.client.completeMultipartUpload({ requester, bucket: 'multi', key: 'full-lenient', uploadId: full.uploadId, parts: [{ partNumber: 1, etag: fullPart.etag }] });
    expect(done.checksum?.value).toBe(checksum.value);
  });

  test('UploadPartCopy copies a range of an existing object into a part', async () => {
    const source = randomBytes(300_000);
    await putObject(harness.client, 'multi', 'copy-source', source);
    const uploadId = await create('assembled', storageV1.ChecksumAlgorithm.SHA256);
    const copyPart = (partNumber: number, sourceRange?: storageV1.ByteRange) =>
      harness.client.uploadPartCopy({ requester, bucket: 'multi', key: 'assembled', uploadId, partNumber, sourceBucket: 'multi', sourceKey: 'copy-source', ...(sourceRange ? { sourceRange } : {}) });
    const first = await copyPart(1);
    expect(first).toMatchObject({ etag: `"${md5(source).toString('hex')}"`, sourceVersionId: '', checksum: { value: createHash('sha256').update(source).digest('base64') } });
    await expectReason(copyPart(2, { first: 10, last: source.length }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(copyPart(2, { suffixLength: 10 }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(copyPart(2, { first: 0, last: 9, ifRangeEtag: '"x"' }), ErrorReason.INVALID_ARGUMENT);
    const partial = await copyPart(2, { first: 100, last: 199 });
    expect(partial.etag).toBe(`"${md5(source.subarray(100, 200)).toString('hex')}"`);
    await expectReason(
      harness.client.completeMultipartUpload({
        requester,
        bucket: 'multi',
        key: 'assembled',
        uploadId,
        parts: [
          { partNumber: 1, etag: first.etag, checksum: first.checksum },
          { partNumber: 2, etag: partial.etag, checksum: partial.checksum },
        ],
      }),
      ErrorReason.ENTITY_TOO_SMALL,
    );
    // A COMPOSITE upload's parts are numbered from 1 without gaps: the range copied again as part 1 is the object.
    const ranged = await copyPart(1, { first: 100, last: 199 });
    await harness.client.completeMultipartUpload({ requester, bucket: 'multi', key: 'assembled', uploadId, parts: [{ partNumber: 1, etag: ranged.etag, checksum: ranged.checksum }] });
    expect((await getObject(harness.client, { bucket: 'multi', key: 'assembled' })).body.equals(source.subarray(100, 200))).toBe(true);
  });

  test('UploadPartCopy of more than 5 GiB, the whole source or a range, is INVALID_REQUEST in S3\'s words (not ENTITY_TOO_LARGE), before any byte is read', async () => {
    const FIVE_GIB = 5 * 1024 ** 3;
    await putObject(harness.client, 'multi', 'huge-source', Buffer.from('stands in for more than 5 GiB'));
    // The refusal is decided on the recorded size alone, so the file need not be that long.
    await harness.database.pool.query(
      `UPDATE storage.object_versions v SET size = $1 FROM storage.buckets b WHERE b.bucket_id = v.bucket_id AND b.name = 'multi' AND v.key = 'huge-source' AND v.is_latest`,
      [FIVE_GIB + 2],
    );
    const uploadId = await create('huge-assembled');
    const copyPart = (sourceRange?: storageV1.ByteRange) =>
      harness.client.uploadPartCopy({ requester, bucket: 'multi', key: 'huge-assembled', uploadId, partNumber: 1, sourceBucket: 'multi', sourceKey: 'huge-source', ...(sourceRange ? { sourceRange } : {}) });
    for (const sourceRange of [undefined, { first: 0, last: FIVE_GIB }, { first: 1, last: FIVE_GIB + 1 }]) {
      const refused = await expectReason(copyPart(sourceRange), ErrorReason.INVALID_REQUEST);
      expect(refused.message).toBe(`The specified copy source is larger than the maximum allowable size for a copy source: ${FIVE_GIB}`);
    }
    expect((await harness.client.listParts({ requester, bucket: 'multi', key: 'huge-assembled', uploadId })).parts).toEqual([]);
  });

  test('aborting releases every part; uploads keep a bucket from being deleted; ListMultipartUploads pages by key and upload', async () => {
    await createBucket(harness.client, 'uploads');
    const start = (key: string) => harness.client.createMultipartUpload({ requester, bucket: 'uploads', key }).then((r) => r.uploadId);
    const ids = { a1: await start('a/1'), a1again: await start('a/1'), b: await start('b'), c: await start('c/2') };
    const all = await harness.client.listMultipartUploads({ requester, bucket: 'uploads' });
    expect(all.uploads.map((u) => [u.key, u.uploadId])).toEqual([['a/1', ids.a1], ['a/1', ids.a1again], ['b', ids.b], ['c/2', ids.c]]);
    expect(await harness.client.listMultipartUploads({ requester, bucket: 'uploads', emptyPage: true })).toMatchObject({ uploads: [], isTruncated: false });
    const rolled = await harness.client.listMultipartUploads({ requester, bucket: 'uploads', delimiter: '/', maxUploads: 1000 });
    expect(rolled.commonPrefixes).toEqual(['a/', 'c/']);
    expect(rolled.uploads.map((u) => u.key)).toEqual(['b']);
    const seen: string[] = [];
    let keyMarker = '';
    let uploadIdMarker = '';
    for (let page = 0; page < 10; page++) {
      const result = await harness.client.listMultipartUploads({ requester, bucket: 'uploads', maxUploads: 1, keyMarker, uploadIdMarker });
      seen.push(...result.uploads.map((u) => u.uploadId));
      if (!result.isTruncated) break;
      keyMarker = result.nextKeyMarker;
      uploadIdMarker = result.nextUploadIdMarker;
    }
    expect(seen).toEqual([ids.a1, ids.a1again, ids.b, ids.c]);
    await expectReason(harness.client.listMultipartUploads({ requester: as.root(OTHER), bucket: 'uploads' }), ErrorReason.ACCESS_DENIED);

    const before = blobFiles(harness.storage.blobDirectory).length;
    const body = Buffer.from('part data');
    const opening = (partNumber: number) =>
      storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'uploads', key: 'b', uploadId: ids.b, partNumber, contentLength: body.length });
    for (const partNumber of [1, 2]) await harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: opening(partNumber) } }, { part: { $case: 'data' as const, value: body } }]));
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(before + 2);
    await harness.client.abortMultipartUpload({ requester, bucket: 'uploads', key: 'b', uploadId: ids.b });
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(before);
    await expectReason(harness.client.abortMultipartUpload({ requester, bucket: 'uploads', key: 'b', uploadId: ids.b }), ErrorReason.NO_SUCH_UPLOAD);

    // As in S3, uploads in progress do not keep a bucket from being deleted: they are aborted with it, their parts' blobs removed.
    const partOfC = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'uploads', key: 'c/2', uploadId: ids.c, partNumber: 1, contentLength: body.length });
    await harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: partOfC } }, { part: { $case: 'data' as const, value: body } }]));
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(before + 1);
    await harness.client.deleteBucket({ requester, bucket: 'uploads' });
    expect(blobFiles(harness.storage.blobDirectory).length).toBe(before);
    await createBucket(harness.client, 'uploads');
    expect((await harness.client.listMultipartUploads({ requester, bucket: 'uploads', maxUploads: 1000 })).uploads).toEqual([]);
    await harness.client.deleteBucket({ requester, bucket: 'uploads' });
  });
});
