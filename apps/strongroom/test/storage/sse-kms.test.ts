import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { as, createBucket, expectReason, getObject, OTHER, OWNER, putObject, startStorageHarness, type StorageHarness } from './storage-harness';

const KMS = storageV1.SseAlgorithm.AWS_KMS;
const AES256 = storageV1.SseAlgorithm.AES256;

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('storage SSE-KMS: named and default keys, context, bucket keys, default encryption, re-wrap, rotation', () => {
  let harness: StorageHarness;
  let keyArn: string;
  let otherKeyArn: string;
  let kmsBucketId: string;
  const owner = { accountId: OWNER, arn: '' };
  beforeAll(async () => {
    harness = await startStorageHarness();
    keyArn = (await harness.kms.createKey({ principal: owner, description: 'objects' })).keyMetadata!.arn;
    otherKeyArn = (await harness.kms.createKey({ principal: owner, description: 'other objects' })).keyMetadata!.arn;
    await harness.kms.createAlias({ principal: owner, aliasName: 'alias/objects', targetKeyId: keyArn });
    kmsBucketId = (await createBucket(harness.client, 'kms')).bucketId;
  });
  afterAll(() => harness.close());

  /** KMS calls by operation whose context names `arn`. */
  const kmsCalls = async (arn: string) => {
    const { rows } = await harness.database.pool.query<{ operation: string; count: string }>(
      `SELECT operation, count(*) FROM kms.audit_events WHERE encryption_context->>'aws:s3:arn' = $1 AND outcome = 'OK' GROUP BY operation`,
      [arn],
    );
    return Object.fromEntries(rows.map((row) => [row.operation, Number(row.count)]));
  };
  const stored = async (bucket: string, key: string) => {
    const { rows } = await harness.database.pool.query(
      `SELECT v.sse_type, v.kms_key_arn, v.kms_key_version, v.bucket_key_id, v.blob_id, v.etag, v.encryption_context
         FROM storage.object_versions v JOIN storage.buckets b USING (bucket_id) WHERE b.name = $1 AND v.key = $2 AND v.is_latest`,
      [bucket, key],
    );
    return rows[0] as { sse_type: string; kms_key_arn: string; kms_key_version: number; bucket_key_id: string | null; blob_id: string; etag: string };
  };

  test('PUT with a named key, an alias or the default key: KMS data key under the object context, opaque ETag, reads back (their answers without the context, as S3)', async () => {
    const body = randomBytes(100_000);
    const context = { project: 'strongroom' };
    const named = await putObject(harness.client, 'kms', 'named', body, { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn, encryptionContext: context }) });
    expect(named.encryption).toEqual({ algorithm: KMS, kmsKeyArn: keyArn, encryptionContext: { ...context, 'aws:s3:arn': 'arn:aws:s3:::kms/named' }, bucketKeyEnabled: false });
    expect(named.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(named.etag).not.toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const aliased = await putObject(harness.client, 'kms', 'aliased', body, { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: 'alias/objects' }) });
    expect(aliased.encryption?.kmsKeyArn).toBe(keyArn);
    const byDefault = await putObject(harness.client, 'kms', 'default-key', body, { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS }) });
    expect(byDefault.encryption?.kmsKeyArn).toMatch(/^arn:aws:kms:us-east-1:111111111111:key\//);
    expect(byDefault.encryption?.kmsKeyArn).not.toBe(keyArn);

    for (const key of ['named', 'aliased', 'default-key']) {
      const fetched = await getObject(harness.client, { bucket: 'kms', key });
      expect(fetched.body.equals(body)).toBe(true);
      expect(fetched.metadata.object?.encryption?.algorithm).toBe(KMS);
    }
    expect(await kmsCalls('arn:aws:s3:::kms/named')).toEqual({ GenerateDataKey: 1, Decrypt: 1 });
    // Reads answer the encryption without its context, as S3's HeadObject and GetObject do.
    const read = { algorithm: KMS, kmsKeyArn: keyArn, encryptionContext: {}, bucketKeyEnabled: false };
    expect((await harness.client.headObject({ requester: as.root(OWNER), bucket: 'kms', key: 'named' })).object?.encryption).toEqual(read);
    expect((await getObject(harness.client, { bucket: 'kms', key: 'named' })).metadata.object?.encryption).toEqual(read);
    expect((await harness.client.getObjectAttributes({ requester: as.root(OWNER), bucket: 'kms', key: 'named' })).object?.encryption).toEqual(read);
    expect(await stored('kms', 'named')).toMatchObject({ sse_type: 'aws:kms', kms_key_arn: keyArn, kms_key_version: 1, bucket_key_id: null });
    const { rows } = await harness.database.pool.query(`SELECT principal_arn, encryption_context FROM kms.audit_events WHERE operation = 'GenerateDataKey' AND encryption_context->>'aws:s3:arn' = 'arn:aws:s3:::kms/named'`);
    expect(rows[0].encryption_context).toEqual({ project: 'strongroom', 'aws:s3:arn': 'arn:aws:s3:::kms/named' });
  });

  test('an SSE-KMS object is written and read over TLS only, by an account principal: S3 refuses plain HTTP and anonymous requests', async () => {
    const overHttp = (requester: storageV1.Requester): storageV1.Requester => ({ ...requester, context: { 'aws:SecureTransport': { values: ['false'] } } });
    const overTls = (requester: storageV1.Requester): storageV1.Requester => ({ ...requester, context: { 'aws:SecureTransport': { values: ['true'] } } });
    const kmsOptions = storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn });
    const refused = await expectReason(putObject(harness.client, 'kms', 'insecure', Buffer.from('x'), { requester: overHttp(as.root(OWNER)), options: kmsOptions }), ErrorReason.INVALID_ARGUMENT);
    expect(refused.message).toBe('Requests specifying Server Side Encryption with AWS KMS managed keys must be made over a secure connection.');
    await putObject(harness.client, 'kms', 'transport', Buffer.from('sealed'), { requester: overTls(as.root(OWNER)), options: kmsOptions });
    await expectReason(getObject(harness.client, { bucket: 'kms', key: 'transport', requester: overHttp(as.root(OWNER)) }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(harness.client.headObject({ requester: overHttp(as.root(OWNER)), bucket: 'kms', key: 'transport' }), ErrorReason.INVALID_ARGUMENT);
    expect((await getObject(harness.client, { bucket: 'kms', key: 'transport', requester: overTls(as.root(OWNER)) })).body.toString()).toBe('sealed');
    expect((await getObject(harness.client, { bucket: 'kms', key: 'transport' })).body.toString()).toBe('sealed');
    const { rows } = await harness.database.pool.query(`SELECT key FROM storage.object_versions WHERE key = 'insecure'`);
    expect(rows).toEqual([]);
  });

  test('KMS failures: not found, disabled, another account without a grant, one of the KMS\'s own keys; nothing is left behind', async () => {
    const disabled = (await harness.kms.createKey({ principal: owner })).keyMetadata!.arn;
    await harness.kms.disableKey({ principal: owner, keyId: disabled });
    const blobsBefore = filesUnder(harness.storage.blobDirectory).length;
    const put = (key: string, kmsKeyId: string, requester = as.root(OWNER)) =>
      putObject(harness.client, 'kms', key, randomBytes(10), { requester, options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId }) });
    await expectReason(put('missing', 'alias/nope'), ErrorReason.KEY_NOT_FOUND);
    await expectReason(put('missing', `arn:aws:kms:us-east-1:${OWNER}:key/00000000-0000-4000-8000-000000000000`), ErrorReason.KEY_NOT_FOUND);
    await expectReason(put('disabled', disabled), ErrorReason.KEY_DISABLED);
    const serviceKeyArn = `arn:aws:kms:us-east-1:000000000000:key/${(await harness.kms.describeKey({ principal: { accountId: '000000000000', arn: '' }, keyId: 'alias/strongroom/sse-s3' })).keyMetadata!.keyId}`;
    for (const serviceKey of ['alias/strongroom/sse-s3', 'alias/strongroom/access-key-secrets', 'arn:aws:kms:us-east-1:000000000000:alias/strongroom/sse-s3', serviceKeyArn]) {
      await expectReason(put('missing', serviceKey), ErrorReason.KEY_NOT_FOUND);
    }
    await harness.policy.putBucketPolicy({
      principal: owner,
      bucketId: kmsBucketId,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::kms/*' }] }),
    });
    const denied = await expectReason(put('foreign', keyArn, as.root(OTHER)), ErrorReason.ACCESS_DENIED);
    expect(denied.message).toMatch(/KMS/);
    const { rows } = await harness.database.pool.query(`SELECT key FROM storage.object_versions WHERE key IN ('missing', 'disabled', 'foreign')`);
    expect(rows).toEqual([]);
    expect(filesUnder(harness.storage.blobDirectory).length).toBe(blobsBefore);
  });

  test('a context or key id KMS would refuse is INVALID_ARGUMENT, with a bucket key (which never sends the context to KMS) too; nothing is stored', async () => {
    const put = (key: string, options: Partial<storageV1.WriteOptions>) =>
      putObject(harness.client, 'kms', key, randomBytes(10), { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn, ...options }) });
    for (const bucketKeyEnabled of [false, true]) {
      await expectReason(put('bad-context', { bucketKeyEnabled, encryptionContext: { app: 'a\u0000b' } }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(put('bad-context', { bucketKeyEnabled, encryptionContext: { '': 'x' } }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(put('bad-context', { bucketKeyEnabled, encryptionContext: { app: 'x'.repeat(8192) } }), ErrorReason.INVALID_ARGUMENT);
      await expectReason(put('bad-context', { bucketKeyEnabled, encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::elsewhere/x' } }), ErrorReason.INVALID_ARGUMENT);
    }
    await expectReason(put('bad-key', { kmsKeyId: 'k'.repeat(2049) }), ErrorReason.INVALID_ARGUMENT);
    for (const [options, field] of [
      [{ kmsKeyId: '', encryptionContext: { app: 'a' } }, 'options.encryption_context'],
      [{ kmsKeyId: keyArn }, 'options.kms_key_id'],
    ] as const) {
      const refused = await expectReason(put('sse-s3', { ...options, sseAlgorithm: storageV1.SseAlgorithm.AES256 }), ErrorReason.INVALID_ARGUMENT);
      expect(refused.fieldViolations[0]?.field).toBe(field);
    }
    await expectReason(put('bad-key', { kmsKeyId: 'alias/a\u0000b' }), ErrorReason.INVALID_ARGUMENT);
    const { rows } = await harness.database.pool.query(`SELECT key FROM storage.object_versions WHERE key IN ('bad-context', 'bad-key')`);
    expect(rows).toEqual([]);
    const encryption = (kmsMasterKeyId: string) => ({ algorithm: KMS, kmsMasterKeyId, bucketKeyEnabled: false, sseCBlocked: true });
    for (const kmsMasterKeyId of ['k'.repeat(2049), 'alias/a\u0000b']) {
      await expectReason(harness.client.putBucketEncryption({ requester: as.root(OWNER), bucket: 'kms', encryption: encryption(kmsMasterKeyId) }), ErrorReason.INVALID_ARGUMENT);
    }
  });

  test('bucket keys: 1,000 PUTs cost one GenerateDataKey (without: one each, over 200); a GET at most one Decrypt', async () => {
    await createBucket(harness.client, 'bk-on');
    await createBucket(harness.client, 'bk-off');
    const options = (bucketKeyEnabled: boolean) => ({ options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn, bucketKeyEnabled }) });
    const on = [];
    for (let batch = 0; batch < 1000; batch += 50) {
      on.push(...(await Promise.all(Array.from({ length: 50 }, (_, i) => putObject(harness.client, 'bk-on', `k${batch + i}`, randomBytes(64), options(true))))));
    }
    expect(on).toHaveLength(1000);
    expect(on.every((put) => put.encryption?.bucketKeyEnabled === true)).toBe(true);
    expect(await kmsCalls('arn:aws:s3:::bk-on')).toEqual({ GenerateDataKey: 1 });
    await Promise.all(Array.from({ length: 200 }, (_, i) => putObject(harness.client, 'bk-off', `k${i}`, randomBytes(64), options(false))));
    const { rows } = await harness.database.pool.query(
      `SELECT count(*)::int AS n FROM kms.audit_events WHERE operation = 'GenerateDataKey' AND encryption_context->>'aws:s3:arn' LIKE 'arn:aws:s3:::bk-off/%'`,
    );
    expect(rows[0].n).toBe(200);

    const replica = await harness.startReplica();
    for (let i = 0; i < 20; i++) await getObject(replica.client, { bucket: 'bk-on', key: `k${i}` });
    expect(await kmsCalls('arn:aws:s3:::bk-on')).toEqual({ GenerateDataKey: 1, Decrypt: 1 });
    await getObject(replica.client, { bucket: 'bk-off', key: 'k7' });
    expect(await kmsCalls('arn:aws:s3:::bk-off/k7')).toEqual({ GenerateDataKey: 1, Decrypt: 1 });
    await replica.close();
  });

  test('default bucket encryption: SSE-S3 until set; later PUTs follow it; headers override; delete restores SSE-S3', async () => {
    await createBucket(harness.client, 'defaulted');
    const requester = as.root(OWNER);
    expect((await harness.client.getBucketEncryption({ requester, bucket: 'defaulted' })).encryption).toEqual({ algorithm: AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: true });
    await expectReason(
      harness.client.putBucketEncryption({ requester, bucket: 'defaulted', encryption: { algorithm: AES256, kmsMasterKeyId: keyArn, bucketKeyEnabled: false } }),
      ErrorReason.INVALID_ARGUMENT,
    );
    await harness.client.putBucketEncryption({ requester, bucket: 'defaulted', encryption: { algorithm: KMS, kmsMasterKeyId: otherKeyArn, bucketKeyEnabled: true } });
    expect((await harness.client.getBucketEncryption({ requester, bucket: 'defaulted' })).encryption).toEqual({ algorithm: KMS, kmsMasterKeyId: otherKeyArn, bucketKeyEnabled: true, sseCBlocked: false });
    const plain = await putObject(harness.client, 'defaulted', 'plain', Buffer.from('x'));
    expect(plain.encryption).toMatchObject({ algorithm: KMS, kmsKeyArn: otherKeyArn, bucketKeyEnabled: true });
    const overridden = await putObject(harness.client, 'defaulted', 'aes', Buffer.from('x'), { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: AES256 }) });
    expect(overridden.encryption?.algorithm).toBe(AES256);
    expect(overridden.etag).toBe(`"${createHash('md5').update('x').digest('hex')}"`);
    await harness.client.deleteBucketEncryption({ requester, bucket: 'defaulted' });
    expect((await putObject(harness.client, 'defaulted', 'after', Buffer.from('x'))).encryption?.algorithm).toBe(AES256);
    expect((await getObject(harness.client, { bucket: 'defaulted', key: 'plain' })).body.toString()).toBe('x');
  });

  test('CopyObject changes keys without moving data: same blob, same bytes, decrypts; an SSE-S3 source\'s MD5 ETag becomes opaque, an SSE-KMS one stays; onto itself naming its own key, however spelled, is a re-wrap', async () => {
    const body = randomBytes(200_000);
    await putObject(harness.client, 'kms', 'rekey', body);
    const before = await stored('kms', 'rekey');
    const fileBefore = readFileSync(join(harness.storage.blobDirectory, before.blob_id.slice(0, 2), before.blob_id));
    const copy = (kmsKeyId: string) =>
      harness.client.copyObject({
        requester: as.root(OWNER),
        bucket: 'kms',
        key: 'rekey',
        sourceBucket: 'kms',
        sourceKey: 'rekey',
        sourceVersionId: '',
        options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId }),
      });
    const toKms = await copy(keyArn);
    expect(toKms.encryption).toMatchObject({ algorithm: KMS, kmsKeyArn: keyArn });
    expect(before.etag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(toKms.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(toKms.etag).not.toBe(before.etag);
    const toOther = await copy(otherKeyArn);
    expect(toOther.etag).toBe(toKms.etag);
    const after = await stored('kms', 'rekey');
    expect(after).toMatchObject({ sse_type: 'aws:kms', kms_key_arn: otherKeyArn, blob_id: before.blob_id, etag: toKms.etag });
    expect(readFileSync(join(harness.storage.blobDirectory, after.blob_id.slice(0, 2), after.blob_id)).equals(fileBefore)).toBe(true);
    expect((await getObject(harness.client, { bucket: 'kms', key: 'rekey' })).body.equals(body)).toBe(true);
    // Naming the encryption is a change even when it names the key the object already has, however
    // spelled, as in S3 (LocalStack's AWS-validated test_s3_copy_object_in_place_with_encryption):
    // a re-wrap that keeps the blob and the ETag.
    const otherKeyId = otherKeyArn.split('/').pop()!;
    await harness.kms.createAlias({ principal: owner, aliasName: 'alias/other-objects', targetKeyId: otherKeyArn });
    for (const spelling of [otherKeyArn, otherKeyId, 'alias/other-objects']) {
      expect(await copy(spelling)).toMatchObject({ etag: toKms.etag, encryption: { kmsKeyArn: otherKeyArn } });
      expect(await stored('kms', 'rekey')).toMatchObject({ blob_id: before.blob_id, kms_key_arn: otherKeyArn });
    }
    expect((await copy('alias/objects')).encryption).toMatchObject({ kmsKeyArn: keyArn });
  });

  test('a copy onto itself that names no encryption goes through under a default the owner set (S3 applies it as if named); under one stored before owners\' settings were marked it changes nothing when the default is the key the object has, however the default names it', async () => {
    const requester = as.root(OWNER);
    const keyId = keyArn.split('/').pop()!;
    const copyOntoItself = (bucket: string) => harness.client.copyObject({ requester, bucket, key: 'k', sourceBucket: bucket, sourceKey: 'k', sourceVersionId: '' });
    for (const [bucket, kmsMasterKeyId] of [['by-alias', 'alias/objects'], ['by-key-id', keyId]] as const) {
      await createBucket(harness.client, bucket);
      await harness.client.putBucketEncryption({ requester, bucket, encryption: { algorithm: KMS, kmsMasterKeyId, bucketKeyEnabled: false } });
      expect((await putObject(harness.client, bucket, 'k', Buffer.from('x'))).encryption?.kmsKeyArn).toBe(keyArn);
      expect((await copyOntoItself(bucket)).encryption?.kmsKeyArn).toBe(keyArn);
      // The configuration as stored before owners' settings were marked, announced as storage announces bucket changes.
      await harness.database.pool.query(
        `WITH changed AS (UPDATE storage.buckets SET encryption = encryption - 'setByOwner' WHERE name = $1 RETURNING name)
         SELECT pg_notify('storage_bucket_changes', changed.name) FROM changed`,
        [bucket],
      );
      const changedAt = Date.now();
      while (await copyOntoItself(bucket).then(() => true, () => false)) expect(Date.now() - changedAt).toBeLessThan(1000);
      const refused = await expectReason(copyOntoItself(bucket), ErrorReason.INVALID_REQUEST);
      expect(refused.message).toMatch(/^This copy request is illegal because it is trying to copy an object to itself/);
    }
  });

  test('CopyObject from SSE-KMS to SSE-S3 re-seals the data: the copy\'s ETag is the MD5 of its bytes, its checksum kept, its blob its own', async () => {
    const body = randomBytes(150_000);
    const requester = as.root(OWNER);
    const source = await putObject(harness.client, 'kms', 'kms-source', body, {
      options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn, checksumAlgorithm: storageV1.ChecksumAlgorithm.CRC32 }),
    });
    const copied = await harness.client.copyObject({
      requester,
      bucket: 'kms',
      key: 'to-sse-s3',
      sourceBucket: 'kms',
      sourceKey: 'kms-source',
      sourceVersionId: '',
      options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: AES256 }),
    });
    expect(copied.encryption?.algorithm).toBe(AES256);
    expect(copied.etag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(copied.checksum).toEqual(source.checksum);
    expect((await stored('kms', 'to-sse-s3')).blob_id).not.toBe((await stored('kms', 'kms-source')).blob_id);
    expect((await getObject(harness.client, { bucket: 'kms', key: 'to-sse-s3' })).body.equals(body)).toBe(true);
  });

  test('KMS key rotation touches no object: old versions still read, new ones use the new key version', async () => {
    await putObject(harness.client, 'kms', 'before-rotation', Buffer.from('old'), { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn }) });
    await harness.kms.rotateKeyOnDemand({ principal: owner, keyId: keyArn });
    await putObject(harness.client, 'kms', 'after-rotation', Buffer.from('new'), { options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn }) });
    expect((await stored('kms', 'before-rotation')).kms_key_version).toBe(1);
    expect((await stored('kms', 'after-rotation')).kms_key_version).toBe(2);
    expect((await getObject(harness.client, { bucket: 'kms', key: 'before-rotation' })).body.toString()).toBe('old');
    expect((await getObject(harness.client, { bucket: 'kms', key: 'after-rotation' })).body.toString()).toBe('new');
  });

  test('an SSE-KMS multipart upload: one data key, each part its own stream; ranges across part boundaries; parts and completion answered without the context, as S3', async () => {
    const requester = as.root(OWNER);
    const created = await harness.client.createMultipartUpload({ requester, bucket: 'kms', key: 'parts', options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn }) });
    expect(created.encryption).toMatchObject({ algorithm: KMS, kmsKeyArn: keyArn });
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(5 * 1024 * 1024), randomBytes(70_000)];
    const etags: string[] = [];
    for (const [index, data] of parts.entries()) {
      const uploaded = await harness.client.uploadPart(
        Readable.from([
          { part: { $case: 'header' as const, value: storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'kms', key: 'parts', uploadId: created.uploadId, partNumber: index + 1, contentLength: data.length }) } },
          { part: { $case: 'data' as const, value: data } },
        ]),
      );
      etags.push(uploaded.etag);
      expect(uploaded.encryption).toEqual({ algorithm: KMS, kmsKeyArn: keyArn, encryptionContext: {}, bucketKeyEnabled: false });
      expect(uploaded.etag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(uploaded.etag).not.toBe(`"${createHash('md5').update(data).digest('hex')}"`);
    }
    const completed = await harness.client.completeMultipartUpload({
      requester,
      bucket: 'kms',
      key: 'parts',
      uploadId: created.uploadId,
      parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })),
    });
    expect(completed.encryption).toEqual({ algorithm: KMS, kmsKeyArn: keyArn, encryptionContext: {}, bucketKeyEnabled: false });
    const whole = Buffer.concat(parts);
    const boundary = parts[0]!.length;
    for (const [first, last] of [[boundary - 10, boundary + 10], [boundary - 1, 2 * boundary + 5], [0, whole.length - 1], [2 * boundary - 3, whole.length - 1]] as const) {
      const fetched = await getObject(harness.client, { bucket: 'kms', key: 'parts', range: { first, last } });
      expect(fetched.body.equals(whole.subarray(first, last + 1))).toBe(true);
    }
    expect(await kmsCalls('arn:aws:s3:::kms/parts')).toMatchObject({ GenerateDataKey: 1 });
  });

  test('a multipart SSE-S3 object copied into SSE-KMS is a new single-part object whose ETag is no MD5, neither the whole\'s nor its parts\'', async () => {
    const requester = as.root(OWNER);
    const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
    const created = await harness.client.createMultipartUpload({ requester, bucket: 'kms', key: 'plain-parts', options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: AES256 }) });
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];
    const listed: storageV1.CompletedPart[] = [];
    for (const [index, data] of parts.entries()) {
      const header = storageV1.UploadPartHeader.fromPartial({ requester, bucket: 'kms', key: 'plain-parts', uploadId: created.uploadId, partNumber: index + 1, contentLength: data.length });
      const uploaded = await harness.client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: header } }, { part: { $case: 'data' as const, value: data } }]));
      expect(uploaded.etag).toBe(`"${md5(data)}"`);
      listed.push({ partNumber: index + 1, etag: uploaded.etag });
    }
    const source = await harness.client.completeMultipartUpload({ requester, bucket: 'kms', key: 'plain-parts', uploadId: created.uploadId, parts: listed });
    const copied = await harness.client.copyObject({
      requester,
      sourceBucket: 'kms',
      sourceKey: 'plain-parts',
      bucket: 'kms',
      key: 'sealed-parts',
      options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: KMS, kmsKeyId: keyArn }),
    });
    expect(copied.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(copied.etag).not.toBe(source.etag);
    expect(copied.etag).not.toBe(`"${md5(Buffer.concat(parts))}"`);
    const { rows } = await harness.database.pool.query<{ part_layout: unknown }>(
      `SELECT v.part_layout FROM storage.object_versions v JOIN storage.buckets b USING (bucket_id) WHERE b.name = 'kms' AND v.key = 'sealed-parts' AND v.is_latest`,
    );
    expect(rows).toEqual([{ part_layout: null }]);
    expect((await getObject(harness.client, { bucket: 'kms', key: 'sealed-parts' })).body.equals(Buffer.concat(parts))).toBe(true);
  });
});
