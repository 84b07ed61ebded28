import { ErrorReason, storageV1 } from '@strongroom/contracts';
import { createLogger } from '@strongroom/observability';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { as, createBucket, expectReason, getObject, OWNER, putObject, startStorageHarness, type StorageClient, type StorageHarness } from './storage-harness';

const MiB = 1024 * 1024;
const CUSTOMER = storageV1.SseAlgorithm.CUSTOMER;

/** An SSE-C key as a request carries it (a fresh object each time: storage zeroes what it decoded). */
function customerKey(key: Buffer, overrides: Partial<storageV1.CustomerKey> = {}): storageV1.CustomerKey {
  return { algorithm: 'AES256', key: Buffer.from(key), keyMd5: createHash('md5').update(key).digest('base64'), ...overrides };
}

function sseC(key: Buffer): { options: storageV1.WriteOptions } {
  return { options: storageV1.WriteOptions.fromPartial({ customerKey: customerKey(key) }) };
}

function uploadPart(client: StorageClient, bucket: string, key: string, uploadId: string, partNumber: number, body: Buffer, header: Partial<storageV1.UploadPartHeader> = {}) {
  const opening = storageV1.UploadPartHeader.fromPartial({ requester: as.root(OWNER), bucket, key, uploadId, partNumber, contentLength: body.length, ...header });
  return client.uploadPart(Readable.from([{ part: { $case: 'header' as const, value: opening } }, { part: { $case: 'data' as const, value: body } }]));
}

describe('storage SSE-C: customer keys wrap the data key, are checked by a salted HMAC and never stored', () => {
  let harness: StorageHarness;
  const lines: string[] = [];
  let client: StorageClient;
  let closeReplica: () => Promise<void>;
  const key = randomBytes(32);
  const wrong = randomBytes(32);
  const requester = as.root(OWNER);

  beforeAll(async () => {
    harness = await startStorageHarness();
    const replica = await harness.startReplica({ logger: createLogger({ name: 'sse-c-test', level: 'trace', destination: { write: (line: string) => lines.push(line) } }) });
    client = replica.client;
    closeReplica = () => replica.close();
    await createBucket(client, 'ssec');
    await client.putBucketEncryption({ requester, bucket: 'ssec', encryption: { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: false } });
  });
  afterAll(async () => {
    await closeReplica();
    await harness.close();
  });

  test('PUT, GET, HEAD and range GET with the key; opaque ETag; no key is InvalidRequest, a wrong one ACCESS_DENIED', async () => {
    const body = randomBytes(200_000);
    const put = await putObject(client, 'ssec', 'one', body, sseC(key));
    expect(put.encryption?.algorithm).toBe(CUSTOMER);
    expect(put.etag).not.toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const fetched = await getObject(client, { bucket: 'ssec', key: 'one', customerKey: customerKey(key) });
    expect(fetched.body.equals(body)).toBe(true);
    expect(fetched.metadata.object?.encryption?.algorithm).toBe(CUSTOMER);
    const ranged = await getObject(client, { bucket: 'ssec', key: 'one', customerKey: customerKey(key), range: { first: 70_000, last: 140_000 } });
    expect(ranged.body.equals(body.subarray(70_000, 140_001))).toBe(true);
    expect((await client.headObject({ requester, bucket: 'ssec', key: 'one', customerKey: customerKey(key) })).object?.size).toBe(body.length);

    await expectReason(getObject(client, { bucket: 'ssec', key: 'one' }), ErrorReason.CUSTOMER_KEY_REQUIRED);
    await expectReason(client.headObject({ requester, bucket: 'ssec', key: 'one' }), ErrorReason.CUSTOMER_KEY_REQUIRED);
    await expectReason(getObject(client, { bucket: 'ssec', key: 'one', customerKey: customerKey(wrong) }), ErrorReason.ACCESS_DENIED);
    await expectReason(client.headObject({ requester, bucket: 'ssec', key: 'one', customerKey: customerKey(wrong) }), ErrorReason.ACCESS_DENIED);
    await putObject(client, 'ssec', 'plain', randomBytes(10));
    await expectReason(getObject(client, { bucket: 'ssec', key: 'plain', customerKey: customerKey(key) }), ErrorReason.CUSTOMER_KEY_NOT_APPLICABLE);
  });

  test('every validation error: algorithm, key length, MD5, SSE-C with another algorithm', async () => {
    const bad = (overrides: Partial<storageV1.CustomerKey>, extra: Partial<storageV1.WriteOptions> = {}) =>
      putObject(client, 'ssec', 'bad', randomBytes(10), { options: storageV1.WriteOptions.fromPartial({ customerKey: customerKey(key, overrides), ...extra }) });
    await expectReason(bad({ algorithm: 'AES128' }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(bad({ algorithm: '' }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(bad({ key: randomBytes(16), keyMd5: createHash('md5').update(randomBytes(16)).digest('base64') }), ErrorReason.INVALID_ARGUMENT);
    await expectReason(bad({ keyMd5: createHash('md5').update(wrong).digest('base64') }), ErrorReason.INVALID_ARGUMENT);
    const noMd5 = await expectReason(bad({ keyMd5: '' }), ErrorReason.INVALID_ARGUMENT);
    expect([noMd5.message, noMd5.fieldViolations[0]?.field]).toEqual([expect.stringContaining('must provide the client calculated MD5'), 'options.customer_key.key_md5']);
    const conflict = await expectReason(bad({}, { sseAlgorithm: storageV1.SseAlgorithm.AES256 }), ErrorReason.INVALID_ARGUMENT);
    expect(conflict.message).toContain('incompatible with the encryption method specified');
    await expectReason(bad({}, { sseAlgorithm: storageV1.SseAlgorithm.AWS_KMS }), ErrorReason.INVALID_ARGUMENT);
  });

  test('a request its caller says came over plain HTTP is INVALID_REQUEST, whatever it does with the key, and stores nothing', async () => {
    const overHttp: storageV1.Requester = { ...requester, context: { 'aws:SecureTransport': { values: ['false'] } } };
    const failure = await expectReason(putObject(client, 'ssec', 'insecure', randomBytes(10), { ...sseC(key), requester: overHttp }), ErrorReason.INVALID_REQUEST);
    expect(failure.message).toBe('Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.');
    await expectReason(client.headObject({ requester, bucket: 'ssec', key: 'insecure' }), ErrorReason.NO_SUCH_KEY);
    await putObject(client, 'ssec', 'secure', randomBytes(10), sseC(key));
    await expectReason(getObject(client, { requester: overHttp, bucket: 'ssec', key: 'secure', customerKey: customerKey(key) }), ErrorReason.INVALID_REQUEST);
    await expectReason(client.headObject({ requester: overHttp, bucket: 'ssec', key: 'secure', customerKey: customerKey(key) }), ErrorReason.INVALID_REQUEST);
    await expectReason(
      client.copyObject({ requester: overHttp, sourceBucket: 'ssec', sourceKey: 'secure', sourceCustomerKey: customerKey(key), bucket: 'ssec', key: 'copied' }),
      ErrorReason.INVALID_REQUEST,
    );
  });

  test('blocked on new buckets by default, allowed after PutBucketEncryption without the block or with the legacy defaults; keep_sse_c_block leaves it as it was', async () => {
    await createBucket(client, 'fresh');
    const config = await client.getBucketEncryption({ requester, bucket: 'fresh' });
    expect(config.encryption).toEqual({ algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: true });
    await expectReason(putObject(client, 'fresh', 'k', randomBytes(10), sseC(key)), ErrorReason.CUSTOMER_KEY_BLOCKED);
    await expectReason(client.createMultipartUpload({ requester, bucket: 'fresh', key: 'm', options: storageV1.WriteOptions.fromPartial({ customerKey: customerKey(key) }) }), ErrorReason.CUSTOMER_KEY_BLOCKED);
    await client.putBucketEncryption({ requester, bucket: 'fresh', encryption: { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: false } });
    await putObject(client, 'fresh', 'k', randomBytes(10), sseC(key));
    await client.putBucketEncryption({ requester, bucket: 'fresh', encryption: { algorithm: storageV1.SseAlgorithm.AES256, kmsMasterKeyId: '', bucketKeyEnabled: false, sseCBlocked: true } });
    expect((await getObject(client, { bucket: 'fresh', key: 'k', customerKey: customerKey(key) })).body.length).toBe(10);
    await client.deleteBucketEncryption({ requester, bucket: 'fresh' });
    expect((await client.getBucketEncryption({ requester, bucket: 'fresh' })).encryption?.sseCBlocked).toBe(true);
    const kmsDefault = { algorithm: storageV1.SseAlgorithm.AWS_KMS, kmsMasterKeyId: '', bucketKeyEnabled: true, sseCBlocked: false };
    await client.putBucketEncryption({ requester, bucket: 'fresh', encryption: kmsDefault, keepSseCBlock: true });
    expect((await client.getBucketEncryption({ requester, bucket: 'fresh' })).encryption).toEqual({ ...kmsDefault, sseCBlocked: true });
    await client.putBucketEncryption({ requester, bucket: 'fresh', encryption: kmsDefault });
    await client.putBucketEncryption({ requester, bucket: 'fresh', encryption: { ...kmsDefault, sseCBlocked: true }, keepSseCBlock: true });
    expect((await client.getBucketEncryption({ requester, bucket: 'fresh' })).encryption?.sseCBlocked).toBe(false);

    const legacy = await harness.startReplica({ legacyBucketDefaults: true });
    try {
      await createBucket(legacy.client, 'legacy');
      expect((await legacy.client.getBucketEncryption({ requester, bucket: 'legacy' })).encryption?.sseCBlocked).toBe(false);
      await putObject(legacy.client, 'legacy', 'k', randomBytes(10), sseC(key));
    } finally {
      await legacy.close();
    }
  });

  test('multipart: one data key, each part its own stream, every part checks the key; range across parts; UploadPartCopy', async () => {
    const { uploadId } = await client.createMultipartUpload({ requester, bucket: 'ssec', key: 'multi', options: storageV1.WriteOptions.fromPartial({ customerKey: customerKey(key) }) });
    const first = randomBytes(5 * MiB);
    const second = randomBytes(300_000);
    await expectReason(uploadPart(client, 'ssec', 'multi', uploadId, 1, first), ErrorReason.CUSTOMER_KEY_REQUIRED);
    await expectReason(uploadPart(client, 'ssec', 'multi', uploadId, 1, first, { customerKey: customerKey(wrong) }), ErrorReason.ACCESS_DENIED);
    const one = await uploadPart(client, 'ssec', 'multi', uploadId, 1, first, { customerKey: customerKey(key) });
    expect(one.encryption?.algorithm).toBe(CUSTOMER);
    await putObject(client, 'ssec', 'source', second, sseC(wrong));
    await expectReason(
      client.uploadPartCopy({ requester, bucket: 'ssec', key: 'multi', uploadId, partNumber: 2, sourceBucket: 'ssec', sourceKey: 'source', customerKey: customerKey(key) }),
      ErrorReason.CUSTOMER_KEY_REQUIRED,
    );
    const two = await client.uploadPartCopy({
      requester,
      bucket: 'ssec',
      key: 'multi',
      uploadId,
      partNumber: 2,
      sourceBucket: 'ssec',
      sourceKey: 'source',
      customerKey: customerKey(key),
      sourceCustomerKey: customerKey(wrong),
    });
    await expectReason(
      client.completeMultipartUpload({ requester, bucket: 'ssec', key: 'multi', uploadId, parts: [{ partNumber: 1, etag: one.etag }, { partNumber: 2, etag: two.etag }], customerKey: customerKey(wrong) }),
      ErrorReason.ACCESS_DENIED,
    );
    const done = await client.completeMultipartUpload({ requester, bucket: 'ssec', key: 'multi', uploadId, parts: [{ partNumber: 1, etag: one.etag }, { partNumber: 2, etag: two.etag }] });
    expect(done.encryption?.algorithm).toBe(CUSTOMER);
    const whole = Buffer.concat([first, second]);
    expect((await getObject(client, { bucket: 'ssec', key: 'multi', customerKey: customerKey(key) })).body.equals(whole)).toBe(true);
    const across = await getObject(client, { bucket: 'ssec', key: 'multi', customerKey: customerKey(key), range: { first: 5 * MiB - 1000, last: 5 * MiB + 1000 } });
    expect(across.body.equals(whole.subarray(5 * MiB - 1000, 5 * MiB + 1001))).toBe(true);
    await expectReason(getObject(client, { bucket: 'ssec', key: 'multi' }), ErrorReason.CUSTOMER_KEY_REQUIRED);
  });

  test('CopyObject SSE-C to SSE-S3 re-seals for the MD5 ETag, SSE-S3 to SSE-KMS shares the ciphertext, to SSE-C and a key change re-seal under a new data key', async () => {
    const body = randomBytes(100_000);
    await putObject(client, 'ssec', 'c-src', body, sseC(key));
    const blobOf = async (name: string) =>
      (await harness.database.pool.query<{ blob_id: string }>(`SELECT blob_id FROM storage.object_versions WHERE key = $1 AND is_latest`, [name])).rows[0]!.blob_id;
    await expectReason(client.copyObject({ requester, sourceBucket: 'ssec', sourceKey: 'c-src', bucket: 'ssec', key: 'c-s3' }), ErrorReason.CUSTOMER_KEY_REQUIRED);
    await expectReason(
      client.copyObject({ requester, sourceBucket: 'ssec', sourceKey: 'c-src', bucket: 'ssec', key: 'c-s3', sourceCustomerKey: customerKey(wrong) }),
      ErrorReason.ACCESS_DENIED,
    );
    const toS3 = await client.copyObject({ requester, sourceBucket: 'ssec', sourceKey: 'c-src', bucket: 'ssec', key: 'c-s3', sourceCustomerKey: customerKey(key) });
    expect(toS3.encryption?.algorithm).toBe(storageV1.SseAlgorithm.AES256);
    expect(toS3.etag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const toKms = await client.copyObject({
      requester,
      sourceBucket: 'ssec',
      sourceKey: 'c-s3',
      bucket: 'ssec',
      key: 'c-kms',
      options: storageV1.WriteOptions.fromPartial({ sseAlgorithm: storageV1.SseAlgorithm.AWS_KMS }),
    });
    expect(toKms.encryption?.algorithm).toBe(storageV1.SseAlgorithm.AWS_KMS);
    const back = await client.copyObject({ requester, sourceBucket: 'ssec', sourceKey: 'c-kms', bucket: 'ssec', key: 'c-back', ...sseC(wrong) });
    expect(back.encryption?.algorithm).toBe(CUSTOMER);
    const blobs = await Promise.all(['c-src', 'c-s3', 'c-kms', 'c-back'].map(blobOf));
    expect(new Set(blobs).size).toBe(3);
    expect(blobs[2]).toBe(blobs[1]);
    expect((await getObject(client, { bucket: 'ssec', key: 'c-s3' })).body.equals(body)).toBe(true);
    expect((await getObject(client, { bucket: 'ssec', key: 'c-back', customerKey: customerKey(wrong) })).body.equals(body)).toBe(true);
    await expectReason(getObject(client, { bucket: 'ssec', key: 'c-back', customerKey: customerKey(key) }), ErrorReason.ACCESS_DENIED);
    const rekeyed = await client.copyObject({ requester, sourceBucket: 'ssec', sourceKey: 'c-back', bucket: 'ssec', key: 'c-back', sourceCustomerKey: customerKey(wrong), ...sseC(key) });
    expect(rekeyed.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(rekeyed.etag).not.toBe(back.etag);
    expect(await blobOf('c-back')).not.toBe(blobs[3]);
    expect((await getObject(client, { bucket: 'ssec', key: 'c-back', customerKey: customerKey(key) })).body.equals(body)).toBe(true);
  });

  test('the customer keys (raw, hex, base64) are in no row of any schema and in no log line', async () => {
    const { rows: tables } = await harness.database.pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(5);
    const needles = [key, wrong].flatMap((secret) => [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url')]);
    let scanned = 0;
    for (const table of tables) {
      const { rows } = await harness.database.pool.query<{ row: string }>(`SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`);
      for (const { row } of rows) {
        scanned += 1;
        for (const needle of needles) expect(row.toLowerCase().includes(needle.toLowerCase())).toBe(false);
      }
    }
    expect(scanned).toBeGreaterThan(10);
    const { rows: checks } = await harness.database.pool.query(`SELECT customer_key_check FROM storage.object_versions WHERE sse_type = 'SSE-C'`);
    expect(checks.length).toBeGreaterThan(0);
    const logged = lines.join('\n');
    for (const secret of [key, wrong]) {
      for (const needle of [secret.toString('hex'), secret.toString('base64'), secret.toString('latin1')]) expect(logged.includes(needle)).toBe(false);
    }
  });
});
