import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadOrCreateLocalCertificate, startGateway, TrustedProxies, type RunningGateway } from '@strongroom/gateway';
import { checksumOf } from '@strongroom/checksums';
import { createLogger } from '@strongroom/observability';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { blobFiles } from '../storage/blob-files';
import type { StorageReplica } from '../storage/storage-harness';
import { bucketPolicy, codeOf, startS3Harness, type S3Harness } from './s3-harness';

const MiB = 1024 * 1024;
const key = randomBytes(32);
const wrong = randomBytes(32);
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64');
/** The SDK's SSE-C parameters (it computes the key MD5 itself). */
const ssec = (secret: Buffer) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: secret.toString('base64') });
const copySourceSsec = (secret: Buffer) => ({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: secret.toString('base64') });
/** SSE-S3 as the default, with no word on SSE-C: the bucket's block stays as it is. */
const sseS3Default = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const } };
/** SSE-S3 as the default, and SSE-C allowed. */
const allowSseC = { ...sseS3Default, BlockedEncryptionTypes: { EncryptionType: ['NONE' as const] } };

async function failure(call: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof S3ServiceException) return { status: error.$metadata.httpStatusCode ?? 0, code: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Rewrites the request headers of one command after the SDK built them (signed afterwards). */
function tampered<C extends { middlewareStack: { add: (...args: never[]) => void } }>(command: C, mutate: (headers: Record<string, string>) => void): C {
  const add = command.middlewareStack.add as unknown as (middleware: unknown, options: unknown) => void;
  add(
    (next: (args: { request: { headers: Record<string, string> } }) => Promise<unknown>) => (args: { request: { headers: Record<string, string> } }) => {
      mutate(args.request.headers);
      return next(args);
    },
    { step: 'build', priority: 'low' },
  );
  return command;
}

describe('S3 SSE-C over HTTPS with @aws-sdk/client-s3', () => {
  let harness: S3Harness;
  let s3: S3Client;
  let logged: string[];
  let legacy: { replica: StorageReplica; gateway: RunningGateway; client: S3Client; certDir: string };

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client(undefined, { secure: true });
    logged = [];
    const capture = (name: string) => createLogger({ name, level: 'trace', destination: { write: (line: string) => logged.push(line) } });
    const replica = await harness.backend.startReplica({ legacyBucketDefaults: true, logger: capture('storage') });
    const certDir = mkdtempSync(join(tmpdir(), 'strongroom-ssec-cert-'));
    const certificate = await loadOrCreateLocalCertificate(certDir, 'localhost');
    const gateway = await startGateway({
      storage: replica.client,
      policy: harness.backend.policy,
      kms: harness.backend.kms,
      config: { region: 'us-east-1', httpAddress: '127.0.0.1:0', httpsAddress: '127.0.0.1:0', domain: 'localhost', trustedProxies: TrustedProxies.parse('') },
      tls: certificate,
      logger: capture('gateway'),
    });
    const client = new S3Client({
      endpoint: `https://localhost:${gateway.httpsPort}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: harness.owner.accessKeyId, secretAccessKey: harness.owner.secretAccessKey },
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: certificate.cert }) }),
    });
    legacy = { replica, gateway, client, certDir };
    await s3.send(new CreateBucketCommand({ Bucket: 'ssec' }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'ssec', ServerSideEncryptionConfiguration: { Rules: [allowSseC] } }));
  });
  afterAll(async () => {
    legacy.client.destroy();
    await legacy.gateway.close();
    await legacy.replica.close();
    rmSync(legacy.certDir, { recursive: true, force: true });
    await harness.close();
  });

  test('PUT, GET, HEAD, range GET: S3 echoes algorithm and key MD5, never the SSE header; the ETag is not the MD5', async () => {
    const body = randomBytes(150_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: 'ssec', Key: 'one', Body: body, ...ssec(key) }));
    expect(put.SSECustomerAlgorithm).toBe('AES256');
    expect(put.SSECustomerKeyMD5).toBe(md5(key));
    expect(put.ServerSideEncryption).toBeUndefined();
    expect(put.ETag).not.toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'one', ...ssec(key) }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(got.SSECustomerKeyMD5).toBe(md5(key));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'ssec', Key: 'one', ...ssec(key) }));
    expect([head.SSECustomerAlgorithm, head.SSECustomerKeyMD5, head.ContentLength]).toEqual(['AES256', md5(key), body.length]);
    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'one', Range: 'bytes=65530-70000', ...ssec(key) }));
    expect(Buffer.from(await ranged.Body!.transformToByteArray()).equals(body.subarray(65530, 70001))).toBe(true);
  });

  test('SSE-C with the SDK default checksums: a streamed body goes aws-chunked with a checksum trailer, and the checksum is kept', async () => {
    const body = randomBytes(200_000);
    const command = new PutObjectCommand({ Bucket: 'ssec', Key: 'trailer', Body: Readable.from([body.subarray(0, 70_000), body.subarray(70_000)]), ContentLength: body.length, ChecksumAlgorithm: 'CRC32', ...ssec(key) });
    const sent: Record<string, string> = {};
    const add = command.middlewareStack.add.bind(command.middlewareStack) as unknown as (middleware: unknown, options: unknown) => void;
    add(
      (next: (args: { request: { headers: Record<string, string> } }) => Promise<unknown>) => (args: { request: { headers: Record<string, string> } }) => {
        Object.assign(sent, args.request.headers);
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const put = await s3.send(command);
    expect([sent['content-encoding'], sent['x-amz-trailer']]).toEqual(['aws-chunked', 'x-amz-checksum-crc32']);
    const crc32 = checksumOf('CRC32', body).toString('base64');
    expect(put.ChecksumCRC32).toBe(crc32);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'ssec', Key: 'trailer', ChecksumMode: 'ENABLED', ...ssec(key) }));
    expect([head.ChecksumCRC32, head.SSECustomerKeyMD5]).toEqual([crc32, md5(key)]);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'trailer', ...ssec(key) }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  test('no key: 400 InvalidRequest; wrong key: 403 AccessDenied; plain HTTP: 400 InvalidRequest', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'ssec', Key: 'guarded', Body: 'secret', ...ssec(key) }));
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'guarded' })))).toMatchObject({ status: 400, code: 'InvalidRequest' });
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: 'ssec', Key: 'guarded' })))).status).toBe(400);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'guarded', ...ssec(wrong) })))).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket: 'ssec', Key: 'guarded', ...ssec(wrong) })))).status).toBe(403);
    const plain = harness.client();
    const insecure = await failure(plain.send(new PutObjectCommand({ Bucket: 'ssec', Key: 'http', Body: 'x', ...ssec(key) })));
    expect(insecure).toMatchObject({ status: 400, code: 'InvalidRequest' });
    expect(insecure.message).toContain('secure connection');
    expect((await failure(plain.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'guarded', ...ssec(key) })))).status).toBe(400);
  });

  test('a SignatureDoesNotMatch answer shows the canonical request without the SSE-C keys it signed', async () => {
    const raw = key.toString('base64');
    const headers = {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': raw,
      'x-amz-server-side-encryption-customer-key-md5': createHash('md5').update(key).digest('base64'),
      'x-amz-copy-source-server-side-encryption-customer-key': raw,
    };
    const answer = await harness.raw({ method: 'GET', path: '/ssec/guarded', headers, account: { ...harness.owner, secretAccessKey: 'not the secret' } });
    expect([answer.status, codeOf(answer.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(answer.body).toContain('x-amz-server-side-encryption-customer-key:[redacted]');
    expect(answer.body).not.toContain(raw);
    expect(answer.body).not.toContain(Buffer.from(raw).toString('hex').replace(/(..)(?!$)/g, '$1 '));
  });

  test("every validation error, with S3's codes and messages", async () => {
    const put = (mutate: (headers: Record<string, string>) => void) =>
      failure(s3.send(tampered(new PutObjectCommand({ Bucket: 'ssec', Key: 'bad', Body: 'x', ...ssec(key) }), mutate)));
    const prefix = 'x-amz-server-side-encryption-customer';
    expect(await put((h) => delete h[`${prefix}-key`])).toMatchObject({ status: 400, code: 'InvalidArgument', message: expect.stringContaining('appropriate secret key') });
    expect(await put((h) => delete h[`${prefix}-algorithm`])).toMatchObject({ status: 400, code: 'InvalidArgument', message: expect.stringContaining('valid encryption algorithm') });
    expect(await put((h) => (h[`${prefix}-algorithm`] = 'AES128'))).toMatchObject({ status: 400, code: 'InvalidEncryptionAlgorithmError' });
    const short = randomBytes(16);
    expect(
      await put((h) => {
        h[`${prefix}-key`] = short.toString('base64');
        h[`${prefix}-key-md5`] = md5(short);
      }),
    ).toMatchObject({ status: 400, code: 'InvalidArgument', message: 'The secret key was invalid for the specified algorithm.' });
    expect(await put((h) => (h[`${prefix}-key-md5`] = md5(wrong)))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
      message: 'The calculated MD5 hash of the key did not match the hash that was provided.',
    });
    expect(await put((h) => delete h[`${prefix}-key-md5`])).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'ssec', Key: 'bad', Body: 'x', ServerSideEncryption: 'AES256', ...ssec(key) })))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
      message: 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
    });
    expect((await failure(s3.send(new PutObjectCommand({ Bucket: 'ssec', Key: 'bad', Body: 'x', ServerSideEncryption: 'aws:kms', ...ssec(key) })))).status).toBe(400);
  });

  test('new buckets block SSE-C (403 AccessDenied) until PutBucketEncryption lifts it with NONE (a rule without BlockedEncryptionTypes keeps the block as it is); the legacy defaults allow it', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'fresh' }));
    const config = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'fresh' }));
    expect(config.ServerSideEncryptionConfiguration?.Rules?.[0]?.BlockedEncryptionTypes?.EncryptionType).toEqual(['SSE-C']);
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'k', Body: 'x', ...ssec(key) })))).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect((await failure(s3.send(new CreateMultipartUploadCommand({ Bucket: 'fresh', Key: 'k', ...ssec(key) })))).status).toBe(403);
    const kmsDefault = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const }, BucketKeyEnabled: true };
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'fresh', ServerSideEncryptionConfiguration: { Rules: [kmsDefault] } }));
    const kept = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'fresh' }));
    expect(kept.ServerSideEncryptionConfiguration?.Rules?.[0]).toMatchObject({ ...kmsDefault, BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } });
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'k', Body: 'x', ...ssec(key) })))).toMatchObject({ status: 403, code: 'AccessDenied' });
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'fresh', ServerSideEncryptionConfiguration: { Rules: [allowSseC] } }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'fresh', ServerSideEncryptionConfiguration: { Rules: [sseS3Default] } }));
    await s3.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'k', Body: 'x', ...ssec(key) }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'fresh', ServerSideEncryptionConfiguration: { Rules: [{ ...sseS3Default, BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } }] } }));
    expect((await failure(s3.send(new PutObjectCommand({ Bucket: 'fresh', Key: 'k2', Body: 'x', ...ssec(key) })))).status).toBe(403);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'fresh', Key: 'k', ...ssec(key) }))).ContentLength).toBe(1);

    await legacy.client.send(new CreateBucketCommand({ Bucket: 'legacy' }));
    expect((await legacy.client.send(new GetBucketEncryptionCommand({ Bucket: 'legacy' }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.BlockedEncryptionTypes).toBeUndefined();
    await legacy.client.send(new PutObjectCommand({ Bucket: 'legacy', Key: 'k', Body: 'legacy', ...ssec(key) }));
    expect(await failure(legacy.client.send(new GetObjectCommand({ Bucket: 'legacy', Key: 'k', ...ssec(wrong) })))).toMatchObject({ status: 403 });
  });

  test('multipart (UploadPart must bring the key, UploadPartCopy from an SSE-C source), range across parts, CopyObject both ways', async () => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'ssec', Key: 'multi', ...ssec(key) }));
    expect(created.SSECustomerKeyMD5).toBe(md5(key));
    const first = randomBytes(5 * MiB);
    const second = randomBytes(200_000);
    expect(await failure(s3.send(new UploadPartCommand({ Bucket: 'ssec', Key: 'multi', UploadId: created.UploadId, PartNumber: 1, Body: first })))).toMatchObject({
      status: 400,
      code: 'InvalidRequest',
    });
    expect((await failure(s3.send(new UploadPartCommand({ Bucket: 'ssec', Key: 'multi', UploadId: created.UploadId, PartNumber: 1, Body: first, ...ssec(wrong) })))).status).toBe(403);
    const one = await s3.send(new UploadPartCommand({ Bucket: 'ssec', Key: 'multi', UploadId: created.UploadId, PartNumber: 1, Body: first, ...ssec(key) }));
    expect(one.SSECustomerKeyMD5).toBe(md5(key));
    await s3.send(new PutObjectCommand({ Bucket: 'ssec', Key: 'part-source', Body: second, ...ssec(wrong) }));
    const two = await s3.send(
      new UploadPartCopyCommand({ Bucket: 'ssec', Key: 'multi', UploadId: created.UploadId, PartNumber: 2, CopySource: 'ssec/part-source', ...ssec(key), ...copySourceSsec(wrong) }),
    );
    expect(two.SSECustomerKeyMD5).toBe(md5(key));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'ssec',
        Key: 'multi',
        UploadId: created.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.CopyPartResult?.ETag }] },
        ...ssec(key),
      }),
    );
    const whole = Buffer.concat([first, second]);
    const across = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'multi', Range: `bytes=${5 * MiB - 10}-${5 * MiB + 10}`, ...ssec(key) }));
    expect(Buffer.from(await across.Body!.transformToByteArray()).equals(whole.subarray(5 * MiB - 10, 5 * MiB + 11))).toBe(true);

    const toS3 = await s3.send(new CopyObjectCommand({ Bucket: 'ssec', Key: 'plain-copy', CopySource: 'ssec/multi', ...copySourceSsec(key) }));
    expect(toS3.ServerSideEncryption).toBe('AES256');
    const plain = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'plain-copy' }));
    expect(Buffer.from(await plain.Body!.transformToByteArray()).equals(whole)).toBe(true);
    expect((await failure(s3.send(new CopyObjectCommand({ Bucket: 'ssec', Key: 'x', CopySource: 'ssec/multi' })))).status).toBe(400);
    const back = await s3.send(new CopyObjectCommand({ Bucket: 'ssec', Key: 'ssec-copy', CopySource: 'ssec/plain-copy', ...ssec(wrong) }));
    expect(back.SSECustomerKeyMD5).toBe(md5(wrong));
    const read = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'ssec-copy', ...ssec(wrong) }));
    expect(Buffer.from(await read.Body!.transformToByteArray()).equals(whole)).toBe(true);
    const rotated = await s3.send(new CopyObjectCommand({ Bucket: 'ssec', Key: 'ssec-copy', CopySource: 'ssec/ssec-copy', ...copySourceSsec(wrong), ...ssec(key) }));
    expect(rotated.CopyObjectResult?.ETag).not.toBe(back.CopyObjectResult?.ETag);
    const reread = await s3.send(new GetObjectCommand({ Bucket: 'ssec', Key: 'ssec-copy', ...ssec(key) }));
    expect(Buffer.from(await reread.Body!.transformToByteArray()).equals(whole)).toBe(true);
  });

  test('an SSE-C upload with a checksum algorithm: ListParts and Complete need its key, since they answer checksums of the plaintext; without an algorithm, ListParts needs none', async () => {
    const abc = Buffer.from('abc');
    const abcSha256 = createHash('sha256').update(abc).digest('base64');
    const summed = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'ssec', Key: 'summed', ChecksumAlgorithm: 'SHA256', ...ssec(key) }));
    const upload = { Bucket: 'ssec', Key: 'summed', UploadId: summed.UploadId };
    const part = await s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: abc, ChecksumSHA256: abcSha256, ...ssec(key) }));
    expect(await failure(s3.send(new ListPartsCommand(upload)))).toMatchObject({ status: 400, code: 'InvalidRequest' });
    expect((await failure(s3.send(new ListPartsCommand({ ...upload, ...ssec(wrong) })))).status).toBe(403);
    expect((await s3.send(new ListPartsCommand({ ...upload, ...ssec(key) }))).Parts?.[0]?.ChecksumSHA256).toBe(abcSha256);
    const completion = { ...upload, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag, ChecksumSHA256: abcSha256 }] } };
    expect(await failure(s3.send(new CompleteMultipartUploadCommand(completion)))).toMatchObject({ status: 400, code: 'InvalidRequest' });
    expect((await failure(s3.send(new CompleteMultipartUploadCommand({ ...completion, ...ssec(wrong) })))).status).toBe(403);
    expect((await s3.send(new CompleteMultipartUploadCommand({ ...completion, ...ssec(key) }))).ChecksumSHA256).toMatch(/-1$/);
    // A retried Complete, answered from the object made, needs the key as well.
    expect(await failure(s3.send(new CompleteMultipartUploadCommand(completion)))).toMatchObject({ status: 400, code: 'InvalidRequest' });

    const unsummed = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'ssec', Key: 'unsummed', ...ssec(key) }));
    await s3.send(new UploadPartCommand({ Bucket: 'ssec', Key: 'unsummed', UploadId: unsummed.UploadId, PartNumber: 1, Body: abc, ...ssec(key) }));
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'ssec', Key: 'unsummed', UploadId: unsummed.UploadId }));
    expect(listed.Parts?.map((listedPart) => [listedPart.PartNumber, listedPart.ChecksumSHA256, listedPart.ChecksumCRC32])).toEqual([[1, undefined, undefined]]);
  });

  test("S3's policy requiring SSE-C lets every step of an SSE-C multipart upload through (each carries the key) and stops one without", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'ssec-only' }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'ssec-only', ServerSideEncryptionConfiguration: { Rules: [allowSseC] } }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'ssec-only',
        Policy: bucketPolicy({
          Sid: 'RequireSSEC',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::ssec-only/*',
          Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'true' } },
        }),
      }),
    );
    expect((await failure(s3.send(new CreateMultipartUploadCommand({ Bucket: 'ssec-only', Key: 'plain' })))).status).toBe(403);
    await s3.send(new PutObjectCommand({ Bucket: 'ssec-only', Key: 'source', Body: randomBytes(1000), ...ssec(key) }));
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'ssec-only', Key: 'multi', ...ssec(key) }));
    const upload = { Bucket: 'ssec-only', Key: 'multi', UploadId: created.UploadId };
    const one = await s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: randomBytes(5 * MiB), ...ssec(key) }));
    const two = await s3.send(new UploadPartCopyCommand({ ...upload, PartNumber: 2, CopySource: 'ssec-only/source', ...ssec(key), ...copySourceSsec(key) }));
    const parts = { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.CopyPartResult?.ETag }] };
    expect((await failure(s3.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: parts })))).status).toBe(403);
    await s3.send(new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: parts, ...ssec(key) }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'ssec-only', Key: 'multi', ...ssec(key) }))).ContentLength).toBe(5 * MiB + 1000);
  });

  test('the customer keys (raw, hex, base64) appear in no table row of any schema and no log line', async () => {
    await legacy.client.send(new PutObjectCommand({ Bucket: 'legacy', Key: 'tampered', Body: randomBytes(1000), ...ssec(key) }));
    const { rows: blobs } = await harness.backend.database.pool.query<{ blob_id: string }>(`SELECT blob_id FROM storage.object_versions WHERE key = 'tampered'`);
    const path = join(legacy.replica.storage.blobDirectory, blobFiles(legacy.replica.storage.blobDirectory).find((file) => file.includes(blobs[0]!.blob_id))!);
    const sealed = readFileSync(path);
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 20) ^ 1, sealed.length - 20);
    writeFileSync(path, sealed);
    expect((await failure(legacy.client.send(new GetObjectCommand({ Bucket: 'legacy', Key: 'tampered', ...ssec(key) })))).status).toBe(500);
    const pool = harness.backend.database.pool;
    const { rows: tables } = await pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const needles = [key, wrong].flatMap((secret) => [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url')].map((needle) => needle.toLowerCase()));
    for (const table of tables) {
      const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`);
      for (const { row } of rows) for (const needle of needles) expect(row.toLowerCase().includes(needle)).toBe(false);
    }
    expect(logged.length).toBeGreaterThan(0);
    const text = logged.join('\n');
    for (const secret of [key, wrong]) for (const needle of [secret.toString('hex'), secret.toString('base64'), secret.toString('latin1')]) expect(text.includes(needle)).toBe(false);
  });
});
