import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { countingReplica } from './counting-replica';
import { as, createBucket, expectReason, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

/** Keys in UTF-8 byte order (U+FB00 sorts before U+1F600, unlike in UTF-16). */
const KEYS = ['a', 'a/b', 'a/c/d', 'a/c/e', 'b/', 'b/x', 'b/y/z', 'c', 'd/e/f', 'd/e/g', 'e', 'é/1', 'é/2', 'ﬀ', '😀/x', '😀/y'];

describe('storage listing: prefixes, delimiters, common prefixes, pages, byte order', () => {
  let harness: StorageHarness;
  const requester = as.root(OWNER);
  beforeAll(async () => {
    harness = await startStorageHarness();
    await createBucket(harness.client, 'listing');
    for (const key of [...KEYS].reverse()) await putObject(harness.client, 'listing', key, Buffer.from(key));
    await createBucket(harness.client, 'markers');
    await harness.client.putBucketVersioning({ requester, bucket: 'markers', status: storageV1.VersioningStatus.ENABLED });
    for (const key of ['live', 'gone', 'zzz']) await putObject(harness.client, 'markers', key, Buffer.from(key));
    await harness.client.deleteObject({ requester, bucket: 'markers', key: 'gone' });
  });
  afterAll(() => harness.close());

  const list = (request: Partial<storageV1.ListObjectsRequest>) => harness.client.listObjects({ requester, bucket: 'listing', maxKeys: 1000, ...request });

  /** Walks every page and returns the keys and common prefixes in the order they came. */
  async function walk(request: Partial<storageV1.ListObjectsRequest>, maxKeys: number): Promise<string[]> {
    const seen: string[] = [];
    let startAfter = request.startAfter ?? '';
    for (let page = 0; page < 50; page++) {
      const result = await list({ ...request, maxKeys, startAfter });
      const entries = [...result.contents.map((o) => o.key), ...result.commonPrefixes.map((p) => `${p}*`)].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
      expect(entries.length).toBeLessThanOrEqual(maxKeys);
      seen.push(...entries);
      if (!result.isTruncated) return seen;
      expect(result.nextStartAfter).not.toBe('');
      startAfter = result.nextStartAfter;
    }
    throw new Error('listing did not end');
  }

  test('keys come in UTF-8 byte order; prefixes select exactly the keys under them', async () => {
    expect((await list({})).contents.map((o) => o.key)).toEqual(KEYS);
    expect((await list({ prefix: 'a/' })).contents.map((o) => o.key)).toEqual(['a/b', 'a/c/d', 'a/c/e']);
    expect((await list({ prefix: 'é' })).contents.map((o) => o.key)).toEqual(['é/1', 'é/2']);
    expect((await list({ prefix: '😀' })).contents.map((o) => o.key)).toEqual(['😀/x', '😀/y']);
    expect((await list({ prefix: 'nothing' })).contents).toEqual([]);
  });

  test('a delimiter rolls keys up into common prefixes, each listed once', async () => {
    const top = await list({ delimiter: '/' });
    expect(top.contents.map((o) => o.key)).toEqual(['a', 'c', 'e', 'ﬀ']);
    expect(top.commonPrefixes).toEqual(['a/', 'b/', 'd/', 'é/', '😀/']);
    const nested = await list({ prefix: 'a/', delimiter: '/' });
    expect(nested.contents.map((o) => o.key)).toEqual(['a/b']);
    expect(nested.commonPrefixes).toEqual(['a/c/']);
    const multi = await list({ delimiter: 'e/' });
    expect(multi.commonPrefixes).toEqual(['d/e/']);
  });

  test('pages of every size list every key and common prefix exactly once, across common prefixes', async () => {
    const all = await walk({ delimiter: '/' }, 1000);
    expect(all).toEqual(['a', 'a/*', 'b/*', 'c', 'd/*', 'e', 'é/*', 'ﬀ', '😀/*']);
    for (const size of [1, 2, 3]) expect(await walk({ delimiter: '/' }, size)).toEqual(all);
    for (const size of [1, 4]) expect(await walk({}, size)).toEqual(KEYS);
    expect(await walk({ prefix: 'd/', delimiter: '/' }, 1)).toEqual(['d/e/*']);
  });

  test('start_after skips keys and common prefixes at or before it, including one it falls inside', async () => {
    expect((await list({ startAfter: 'c' })).contents.map((o) => o.key)).toEqual(KEYS.slice(KEYS.indexOf('c') + 1));
    const inside = await list({ delimiter: '/', startAfter: 'a/c/d' });
    expect(inside.contents.map((o) => o.key)).toEqual(['c', 'e', 'ﬀ']);
    expect(inside.commonPrefixes).toEqual(['b/', 'd/', 'é/', '😀/']);
    expect((await list({ prefix: 'b/', startAfter: 'a' })).contents.map((o) => o.key)).toEqual(['b/', 'b/x', 'b/y/z']);
  });

  test('a delimiter listing seeks past each common prefix: it reads one row of each, not every key under it, and lists each once', async () => {
    await createBucket(harness.client, 'directories');
    const keys = ['d0/', 'd1/\u{10FFFF}', 'd1/\u{10FFFF}x', 'd2/x/y', 'top'];
    for (const dir of ['d0', 'd1', 'd2']) for (let i = 0; i < 30; i++) keys.push(`${dir}/f${String(i).padStart(2, '0')}`);
    for (const key of keys) await putObject(harness.client, 'directories', key, Buffer.from(''));
    const { replica, rowsRead } = await countingReplica(harness, /^storage\.list-(current|all)-versions/, 'storage.object_versions');
    try {
      const page = await replica.client.listObjects({ requester, bucket: 'directories', delimiter: '/', maxKeys: 1000 });
      expect([page.commonPrefixes, page.contents.map((o) => o.key)]).toEqual([['d0/', 'd1/', 'd2/'], ['top']]);
      expect(rowsRead()).toBe(4);
      for (const maxKeys of [1, 2]) {
        const seen: string[] = [];
        let startAfter = '';
        for (let more = true; more; ) {
          const next = await replica.client.listObjects({ requester, bucket: 'directories', delimiter: '/', maxKeys, startAfter });
          seen.push(...next.commonPrefixes, ...next.contents.map((o) => o.key));
          [more, startAfter] = [next.isTruncated, next.nextStartAfter];
        }
        expect(seen).toEqual(['d0/', 'd1/', 'd2/', 'top']);
      }
      const nested = await replica.client.listObjects({ requester, bucket: 'directories', prefix: 'd1/', delimiter: '\u{10FFFF}', maxKeys: 1000 });
      expect([nested.commonPrefixes, nested.contents.length]).toEqual([['d1/\u{10FFFF}'], 30]);
    } finally {
      await replica.close();
    }
  });

  test('a delimiter version listing seeks past each common prefix too, and pages through versions and delete markers in order', async () => {
    await createBucket(harness.client, 'version-directories');
    await harness.client.putBucketVersioning({ requester, bucket: 'version-directories', status: storageV1.VersioningStatus.ENABLED });
    for (const dir of ['d0', 'd1']) for (let i = 0; i < 10; i++) for (const body of ['one', 'two']) await putObject(harness.client, 'version-directories', `${dir}/f${i}`, Buffer.from(body));
    for (const body of ['one', 'two']) await putObject(harness.client, 'version-directories', 'top', Buffer.from(body));
    await harness.client.deleteObject({ requester, bucket: 'version-directories', key: 'top' });
    const everything = await harness.client.listObjectVersions({ requester, bucket: 'version-directories', prefix: 'top', maxKeys: 1000 });
    const topVersions = everything.versions.map((v) => [v.versionId, v.deleteMarker]);
    expect(topVersions.map(([, marker]) => marker)).toEqual([true, false, false]);
    const { replica, rowsRead } = await countingReplica(harness, /^storage\.list-(current|all)-versions/, 'storage.object_versions');
    try {
      const page = await replica.client.listObjectVersions({ requester, bucket: 'version-directories', delimiter: '/', maxKeys: 1000 });
      expect([page.commonPrefixes, page.versions.map((v) => [v.versionId, v.deleteMarker])]).toEqual([['d0/', 'd1/'], topVersions]);
      expect(rowsRead()).toBe(5);
      const seen: unknown[] = [];
      let [keyMarker, versionIdMarker] = ['', ''];
      for (let more = true; more; ) {
        const next = await replica.client.listObjectVersions({ requester, bucket: 'version-directories', delimiter: '/', maxKeys: 1, keyMarker, versionIdMarker });
        seen.push(...next.commonPrefixes, ...next.versions.map((v) => [v.versionId, v.deleteMarker]));
        [more, keyMarker, versionIdMarker] = [next.isTruncated, next.nextKeyMarker, next.nextVersionIdMarker];
      }
      expect(seen).toEqual(['d0/', 'd1/', ...topVersions]);
    } finally {
      await replica.close();
    }
  });

  test('a delimiter upload listing seeks past each common prefix too: it reads one entry of each, not every upload under it', async () => {
    await createBucket(harness.client, 'upload-directories');
    const start = async (key: string) => (await harness.client.createMultipartUpload({ requester, bucket: 'upload-directories', key })).uploadId;
    const top = [await start('top'), await start('top')];
    for (const dir of ['d0', 'd1', 'd2']) for (let i = 0; i < 50; i++) await start(`${dir}/f${String(i).padStart(2, '0')}`);
    const { replica, rowsRead, entriesRead } = await countingReplica(harness, /^storage\.list-uploads/, 'storage.multipart_uploads');
    const list = (request: Partial<storageV1.ListMultipartUploadsRequest>) =>
      replica.client.listMultipartUploads({ requester, bucket: 'upload-directories', delimiter: '/', maxUploads: 1000, ...request });
    try {
      const page = await list({});
      expect([page.commonPrefixes, page.uploads.map((upload) => upload.uploadId), page.isTruncated]).toEqual([['d0/', 'd1/', 'd2/'], top, false]);
      // One index entry a step of the walk, then each of the 5 rows by its id; every one of the 152 uploads before.
      expect([rowsRead(), entriesRead()]).toEqual([5, 10]);
      for (const maxUploads of [1, 2]) {
        const seen: string[] = [];
        let [keyMarker, uploadIdMarker] = ['', ''];
        for (let more = true; more; ) {
          const next = await list({ maxUploads, keyMarker, uploadIdMarker });
          seen.push(...next.commonPrefixes, ...next.uploads.map((upload) => upload.uploadId));
          [more, keyMarker, uploadIdMarker] = [next.isTruncated, next.nextKeyMarker, next.nextUploadIdMarker];
        }
        expect(seen).toEqual(['d0/', 'd1/', 'd2/', ...top]);
      }
      // A key marker within a common prefix passes over the prefix, as S3 does (AWS-validated LocalStack snapshot list-multiparts-manual-first-file).
      const inside = await list({ keyMarker: 'd0/f10', maxUploads: 1 });
      expect([inside.commonPrefixes, inside.isTruncated, inside.nextKeyMarker]).toEqual([['d1/'], true, 'd1/']);
    } finally {
      await replica.close();
    }
  });

  test('an unset max_keys lists a full page (1000), as S3 does; empty_page lists nothing; above 1000 it is capped; delete markers are not listed', async () => {
    expect((await harness.client.listObjects({ requester, bucket: 'listing' })).contents).toHaveLength(KEYS.length);
    expect((await harness.client.listObjectVersions({ requester, bucket: 'listing' })).versions).toHaveLength(KEYS.length);
    expect(await list({ emptyPage: true })).toEqual({ contents: [], commonPrefixes: [], isTruncated: false, nextStartAfter: '' });
    expect(await harness.client.listObjectVersions({ requester, bucket: 'listing', maxKeys: 5, emptyPage: true })).toMatchObject({ versions: [], isTruncated: false });
    expect((await list({ maxKeys: 5000 })).contents).toHaveLength(KEYS.length);
    const listed = await harness.client.listObjects({ requester, bucket: 'markers', maxKeys: 1000 });
    expect(listed.contents.map((o) => o.key)).toEqual(['live', 'zzz']);
    expect(listed.contents[0]).toMatchObject({ versionId: expect.stringMatching(/^[0-9a-f]{48}$/), isLatest: true, size: 4, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
  });

  test('a client emptying versions page by page: a marker version deleted since its page resumes at its key, skipping nothing', async () => {
    for (let i = 0; i < 3; i++) await putObject(harness.client, 'markers', 'drained', Buffer.from(`v${i}`));
    await putObject(harness.client, 'markers', 'drained-next', Buffer.from('after'));
    const remaining: string[] = [];
    let markers = { keyMarker: '', versionIdMarker: '' };
    for (let page = 0; page < 10; page++) {
      const listed = await harness.client.listObjectVersions({ requester, bucket: 'markers', prefix: 'drained', maxKeys: 1, ...markers });
      for (const version of listed.versions) {
        remaining.push(version.key);
        await harness.client.deleteObject({ requester, bucket: 'markers', key: version.key, versionId: version.versionId });
      }
      if (!listed.isTruncated) break;
      markers = { keyMarker: listed.nextKeyMarker, versionIdMarker: listed.nextVersionIdMarker };
    }
    expect(remaining).toEqual(['drained', 'drained', 'drained', 'drained-next']);
    expect((await harness.client.listObjectVersions({ requester, bucket: 'markers', prefix: 'drained' })).versions).toEqual([]);
  });

  test('a client aborting uploads page by page: a marker upload gone since its page resumes at its key, skipping nothing', async () => {
    const started = [];
    for (const key of ['hot', 'hot', 'hot', 'later']) started.push((await harness.client.createMultipartUpload({ requester, bucket: 'markers', key })).uploadId);
    const aborted: string[] = [];
    let markers = { keyMarker: '', uploadIdMarker: '' };
    for (let page = 0; page < 10; page++) {
      const listed = await harness.client.listMultipartUploads({ requester, bucket: 'markers', maxUploads: 1, ...markers });
      for (const upload of listed.uploads) {
        aborted.push(upload.uploadId);
        await harness.client.abortMultipartUpload({ requester, bucket: 'markers', key: upload.key, uploadId: upload.uploadId });
      }
      if (!listed.isTruncated) break;
      markers = { keyMarker: listed.nextKeyMarker, uploadIdMarker: listed.nextUploadIdMarker };
    }
    expect(aborted).toEqual(started);
  });

  test('an upload-id-marker aborted since the page before: the listing resumes after its place, listing no upload twice, while its tombstone lasts (a day)', async () => {
    for (const key of ['kept', 'kept', 'kept', 'kept-next']) await harness.client.createMultipartUpload({ requester, bucket: 'markers', key });
    const page = (keyMarker: string, uploadIdMarker: string, maxUploads = 1000) =>
      harness.client.listMultipartUploads({ requester, bucket: 'markers', prefix: 'kept', keyMarker, uploadIdMarker, maxUploads });
    // Uploads started in one millisecond are ordered by id: take the order the listing gives.
    const started = (await page('', '')).uploads.map((upload) => upload.uploadId);
    expect(started).toHaveLength(4);
    const first = await page('', '', 2);
    expect(first.uploads.map((upload) => upload.uploadId)).toEqual(started.slice(0, 2));
    // A tool that keeps the oldest upload aborts the page's last before it asks for the next page.
    await harness.client.abortMultipartUpload({ requester, bucket: 'markers', key: 'kept', uploadId: first.nextUploadIdMarker });
    const second = await page(first.nextKeyMarker, first.nextUploadIdMarker);
    expect(second.uploads.map((upload) => upload.uploadId)).toEqual(started.slice(2));

    await harness.database.pool.query(`UPDATE storage.upload_tombstones SET deleted_at = now() - interval '2 days' WHERE upload_id = $1`, [first.nextUploadIdMarker]);
    expect((await harness.storage.sweep()).tombstonesPurged).toBe(1);
    const expired = await page(first.nextKeyMarker, first.nextUploadIdMarker);
    expect(expired.uploads.map((upload) => upload.uploadId)).toEqual([started[0], ...started.slice(2)]);
  });

  test('an upload marker before the prefix lists only the prefix, whether its upload exists or not', async () => {
    const before = await harness.client.createMultipartUpload({ requester, bucket: 'markers', key: 'a-before' });
    await harness.client.createMultipartUpload({ requester, bucket: 'markers', key: 'b-outside' });
    await harness.client.createMultipartUpload({ requester, bucket: 'markers', key: 'm/inside' });
    for (const uploadIdMarker of [before.uploadId, '00000000-0000-4000-8000-000000000000']) {
      const listed = await harness.client.listMultipartUploads({ requester, bucket: 'markers', prefix: 'm/', keyMarker: 'a-before', uploadIdMarker, maxUploads: 1000 });
      expect(listed.uploads.map((upload) => upload.key)).toEqual(['m/inside']);
    }
  });

  test('listing needs s3:ListBucket', async () => {
    await expectReason(harness.client.listObjects({ requester: as.root(OTHER), bucket: 'listing' }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.listObjectVersions({ requester: as.anonymous(), bucket: 'listing' }), ErrorReason.ACCESS_DENIED);
  });

  test('s3:prefix, s3:delimiter and s3:max-keys are in the policy context only where the request states them: an empty prefix with prefix_stated, a page size or empty_page', async () => {
    const { bucket } = await harness.client.createBucket({ requester, bucket: 'stated-keys' });
    const denyWithout = (key: string) => ({ Effect: 'Deny', Principal: '*', Action: ['s3:ListBucket', 's3:ListBucketVersions'], Resource: 'arn:aws:s3:::stated-keys', Condition: { Null: { [key]: 'true' } } });
    const policy = { Version: '2012-10-17', Statement: ['s3:prefix', 's3:delimiter', 's3:max-keys'].map(denyWithout) };
    await harness.policy.putBucketPolicy({ principal: { accountId: OWNER, arn: '' }, bucketId: bucket!.bucketId, policy: JSON.stringify(policy) });
    const stated = { requester, bucket: 'stated-keys', prefixStated: true, delimiterStated: true };
    expect((await harness.client.listObjects({ ...stated, maxKeys: 10 })).contents).toEqual([]);
    expect((await harness.client.listObjectVersions({ ...stated, emptyPage: true })).versions).toEqual([]);
    expect((await harness.client.listObjects({ requester, bucket: 'stated-keys', prefix: 'a/', delimiter: '/', maxKeys: 10 })).contents).toEqual([]);
    await expectReason(harness.client.listObjects({ ...stated }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.listObjects({ ...stated, prefixStated: false, maxKeys: 10 }), ErrorReason.ACCESS_DENIED);
    await expectReason(harness.client.listObjectVersions({ ...stated, delimiterStated: false, maxKeys: 10 }), ErrorReason.ACCESS_DENIED);
  });
});
