import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { bucketPolicy, OWNER, type S3Harness, startS3Harness } from './s3-harness';

async function failure(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const failed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, status: failed.$metadata?.httpStatusCode, message: failed.message };
  }
  throw new Error('the call succeeded');
}

describe('S3 encryption through the gateway: SSE-KMS headers, default bucket encryption, policies that require encryption', () => {
  let harness: S3Harness;
  let s3: S3Client;
  let keyArn: string;
  let otherKeyArn: string;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client(undefined, { secure: true });
    const principal = { accountId: OWNER, arn: '' };
    keyArn = (await harness.backend.kms.createKey({ principal })).keyMetadata!.arn;
    otherKeyArn = (await harness.backend.kms.createKey({ principal })).keyMetadata!.arn;
    await s3.send(new CreateBucketCommand({ Bucket: 'sealed' }));
  }, 60_000);
  afterAll(() => harness.close());

  test('PUT, GET and HEAD with SSE-KMS return S3 headers; the ETag is not the MD5; SSE headers on a GET are 400', async () => {
    const body = Buffer.from('kms protected');
    const context = Buffer.from(JSON.stringify({ team: 'vault' })).toString('base64');
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'sealed', Key: 'doc', Body: body, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, SSEKMSEncryptionContext: context, BucketKeyEnabled: true }),
    );
    expect(put).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true });
    // With a bucket key the KMS sees the bucket's ARN, not the object's, and S3 reports that one.
    expect(JSON.parse(Buffer.from(put.SSEKMSEncryptionContext!, 'base64').toString())).toEqual({ team: 'vault', 'aws:s3:arn': 'arn:aws:s3:::sealed' });
    expect(put.ETag).not.toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sealed', Key: 'doc' }));
    expect(got).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn, BucketKeyEnabled: true });
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'sealed', Key: 'doc' }));
    expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    const raw = await harness.raw({ method: 'GET', path: '/sealed/doc', headers: { 'x-amz-server-side-encryption': 'aws:kms' } });
    expect(raw.status).toBe(400);
    expect(raw.body).toContain('<Code>InvalidArgument</Code>');
    await s3.send(new PutObjectCommand({ Bucket: 'sealed', Key: 'sse-s3', Body: 'plain', ServerSideEncryption: 'AES256' }));
    for (const method of ['GET', 'HEAD']) {
      const onSseS3 = await harness.raw({ method, path: '/sealed/sse-s3', headers: { 'x-amz-server-side-encryption': 'AES256' } });
      expect(onSseS3.status).toBe(400);
    }
  });

  test('UploadPart and UploadPartCopy with SSE headers are 400 InvalidArgument, as in S3 (the upload chose its encryption), and store no part', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sealed', Key: 'parts', ServerSideEncryption: 'AES256' }));
    const query = { partNumber: '1', uploadId: UploadId! };
    const part = await harness.raw({ method: 'PUT', path: '/sealed/parts', query, headers: { 'x-amz-server-side-encryption': 'AES256' }, body: 'part' });
    const copied = await harness.raw({ method: 'PUT', path: '/sealed/parts', query, headers: { 'x-amz-server-side-encryption-aws-kms-key-id': keyArn, 'x-amz-copy-source': '/sealed/doc' } });
    for (const [answer, name, value] of [[part, 'x-amz-server-side-encryption', 'AES256'], [copied, 'x-amz-server-side-encryption-aws-kms-key-id', keyArn]] as const) {
      expect(answer.status).toBe(400);
      expect(answer.body).toContain('<Code>InvalidArgument</Code><Message>x-amz-server-side-encryption header is not supported for this operation.</Message>');
      expect(answer.body).toContain(`<ArgumentName>${name}</ArgumentName><ArgumentValue>${value}</ArgumentValue>`);
    }
    expect((await s3.send(new ListPartsCommand({ Bucket: 'sealed', Key: 'parts', UploadId }))).Parts ?? []).toEqual([]);
  });

  test('SSE-KMS needs TLS, as in S3: over plain HTTP a KMS PUT is refused and stores nothing, and a KMS object is not read', async () => {
    const plain = harness.client();
    const put = await failure(plain.send(new PutObjectCommand({ Bucket: 'sealed', Key: 'plain-kms', Body: 'x', ServerSideEncryption: 'aws:kms' })));
    expect(put).toMatchObject({ name: 'InvalidArgument', status: 400, message: 'Requests specifying Server Side Encryption with AWS KMS managed keys must be made over a secure connection.' });
    expect(await failure(plain.send(new GetObjectCommand({ Bucket: 'sealed', Key: 'doc' })))).toMatchObject({ name: 'InvalidArgument', status: 400 });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'sealed', Key: 'plain-kms' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  test('every request on an SSE-KMS object needs TLS, as in S3: GetObjectAttributes, CompleteMultipartUpload, a conditional GET and the GET of an empty object over plain HTTP are refused like GET and HEAD, and complete nothing', async () => {
    const plain = harness.client();
    const secureOnly = { name: 'InvalidArgument', status: 400, message: 'Requests specifying Server Side Encryption with AWS KMS managed keys must be made over a secure connection.' };
    await s3.send(new PutObjectCommand({ Bucket: 'sealed', Key: 'attributes', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    expect(await failure(plain.send(new HeadObjectCommand({ Bucket: 'sealed', Key: 'attributes' })))).toMatchObject({ status: 400 });
    const { ETag: attributesEtag } = await s3.send(new HeadObjectCommand({ Bucket: 'sealed', Key: 'attributes' }));
    expect(await failure(plain.send(new GetObjectCommand({ Bucket: 'sealed', Key: 'attributes', IfNoneMatch: attributesEtag })))).toMatchObject(secureOnly);
    await s3.send(new PutObjectCommand({ Bucket: 'sealed', Key: 'empty-kms', Body: '', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    expect(await failure(plain.send(new GetObjectCommand({ Bucket: 'sealed', Key: 'empty-kms' })))).toMatchObject(secureOnly);
    expect(await failure(plain.send(new GetObjectAttributesCommand({ Bucket: 'sealed', Key: 'attributes', ObjectAttributes: ['ObjectSize'] })))).toMatchObject(secureOnly);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sealed', Key: 'plain-complete', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'sealed', Key: 'plain-complete', UploadId, PartNumber: 1, Body: 'only part' }));
    const complete = new CompleteMultipartUploadCommand({ Bucket: 'sealed', Key: 'plain-complete', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } });
    expect(await failure(plain.send(complete))).toMatchObject(secureOnly);
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'sealed', Key: 'plain-complete' }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(await s3.send(complete)).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
  });

  test('an SSE-KMS upload is listed and added to only over TLS, as in S3 (ListParts of such an upload needs kms:Decrypt): ListParts and UploadPart over plain HTTP are refused and store no part; an SSE-S3 upload is listed over HTTP', async () => {
    const plain = harness.client();
    const secureOnly = { name: 'InvalidArgument', status: 400, message: 'Requests specifying Server Side Encryption with AWS KMS managed keys must be made over a secure connection.' };
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sealed', Key: 'plain-parts', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    await s3.send(new UploadPartCommand({ Bucket: 'sealed', Key: 'plain-parts', UploadId, PartNumber: 1, Body: 'over tls' }));
    expect(await failure(plain.send(new ListPartsCommand({ Bucket: 'sealed', Key: 'plain-parts', UploadId })))).toMatchObject(secureOnly);
    expect(await failure(plain.send(new UploadPartCommand({ Bucket: 'sealed', Key: 'plain-parts', UploadId, PartNumber: 2, Body: 'over http' })))).toMatchObject(secureOnly);
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'sealed', Key: 'plain-parts', UploadId }));
    expect(listed.Parts?.map((part) => part.PartNumber)).toEqual([1]);
    const sseS3 = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sealed', Key: 'plain-sse-s3', ServerSideEncryption: 'AES256' }));
    expect((await plain.send(new ListPartsCommand({ Bucket: 'sealed', Key: 'plain-sse-s3', UploadId: sseS3.UploadId }))).Parts ?? []).toEqual([]);
  });

  test('validation: AES256 with a key id, a key id alone, a bad context; an unknown key is KMS.NotFoundException', async () => {
    const send = (headers: Record<string, string>) => harness.raw({ method: 'PUT', path: '/sealed/bad', headers, body: 'x' });
    const cases: Record<string, string>[] = [
      { 'x-amz-server-side-encryption': 'AES256', 'x-amz-server-side-encryption-aws-kms-key-id': keyArn },
      { 'x-amz-server-side-encryption-aws-kms-key-id': keyArn },
      { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-context': 'bm90IGpzb24=' },
      { 'x-amz-server-side-encryption': 'aes:kms' },
    ];
    for (const headers of cases) {
      const response = await send(headers);
      expect([response.status, /<Code>(\w+)<\/Code>/.exec(response.body)?.[1]]).toEqual([400, 'InvalidArgument']);
    }
    const missing = await failure(s3.send(new PutObjectCommand({ Bucket: 'sealed', Key: 'bad', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/none' })));
    expect(missing).toMatchObject({ name: 'KMS.NotFoundException', status: 400 });
  });

  test('default bucket encryption: AES256 until set, then aws:kms for PUTs without headers; headers override; SigV4 over HTTP or HTTPS', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'defaulted' }));
    const initial = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'defaulted' }));
    expect(initial.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    const invalid = await failure(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'defaulted',
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: keyArn } }] },
        }),
      ),
    );
    expect(invalid).toMatchObject({ name: 'InvalidArgument', status: 400 });
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'defaulted',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: otherKeyArn }, BucketKeyEnabled: true }] },
      }),
    );
    const configured = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'defaulted' }));
    expect(configured.ServerSideEncryptionConfiguration?.Rules?.[0]).toEqual({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: otherKeyArn },
      BucketKeyEnabled: true,
      BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
    });
    expect(await s3.send(new PutObjectCommand({ Bucket: 'defaulted', Key: 'a', Body: 'a' }))).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: otherKeyArn, BucketKeyEnabled: true });
    expect(await s3.send(new PutObjectCommand({ Bucket: 'defaulted', Key: 'b', Body: 'b', ServerSideEncryption: 'AES256' }))).toMatchObject({ ServerSideEncryption: 'AES256' });
    const plain = await harness.raw({ method: 'GET', path: '/defaulted', query: { encryption: '' } });
    expect(plain.status).toBe(200);
    expect(plain.body).toContain(`<KMSMasterKeyID>${otherKeyArn}</KMSMasterKeyID>`);
    const unsigned = await harness.raw({ method: 'GET', path: '/defaulted', query: { encryption: '' }, account: null });
    expect([unsigned.status, /<Code>(\w+)<\/Code>/.exec(unsigned.body)?.[1]]).toEqual([400, 'InvalidRequest']);
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'defaulted' }));
    expect(await s3.send(new PutObjectCommand({ Bucket: 'defaulted', Key: 'c', Body: 'c' }))).toMatchObject({ ServerSideEncryption: 'AES256' });
  });

  test('a copy onto itself that names no change goes through once the owner set a default encryption, as in S3 (which applies it as if named), and is InvalidRequest again after DeleteBucketEncryption', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'in-place' }));
    const inPlace = (key: string) => new CopyObjectCommand({ Bucket: 'in-place', Key: key, CopySource: `in-place/${key}` });
    const setDefault = (rule: { SSEAlgorithm: 'AES256' | 'aws:kms'; KMSMasterKeyID?: string }) =>
      s3.send(new PutBucketEncryptionCommand({ Bucket: 'in-place', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: rule, BucketKeyEnabled: false }] } }));
    await s3.send(new PutObjectCommand({ Bucket: 'in-place', Key: 'sse-s3', Body: 'same' }));
    expect(await failure(s3.send(inPlace('sse-s3')))).toMatchObject({ name: 'InvalidRequest', status: 400 });
    await setDefault({ SSEAlgorithm: 'AES256' });
    expect(await s3.send(inPlace('sse-s3'))).toMatchObject({ ServerSideEncryption: 'AES256' });
    await setDefault({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn });
    await s3.send(new PutObjectCommand({ Bucket: 'in-place', Key: 'sse-kms', Body: 'same' }));
    expect(await s3.send(inPlace('sse-kms'))).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    expect(Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'in-place', Key: 'sse-kms' }))).Body!.transformToByteArray()).toString()).toBe('same');
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'in-place' }));
    expect(await failure(s3.send(inPlace('sse-s3')))).toMatchObject({ name: 'InvalidRequest', status: 400 });
  });

  test('the encryption configuration APIs need no TLS: put, get and delete over plain HTTP, with a signed payload; a put needs Content-MD5 or a checksum; an element S3 does not know is MalformedXML', async () => {
    const overHttp = harness.client();
    await overHttp.send(new CreateBucketCommand({ Bucket: 'plain-http-config' }));
    const configuration = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: keyArn } }] };
    await overHttp.send(new PutBucketEncryptionCommand({ Bucket: 'plain-http-config', ServerSideEncryptionConfiguration: configuration }));
    const got = await overHttp.send(new GetBucketEncryptionCommand({ Bucket: 'plain-http-config' }));
    expect(got.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn });
    await overHttp.send(new DeleteBucketEncryptionCommand({ Bucket: 'plain-http-config' }));
    const reset = await overHttp.send(new GetBucketEncryptionCommand({ Bucket: 'plain-http-config' }));
    expect(reset.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
    const body = '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>';
    const md5 = createHash('md5').update(body).digest('base64');
    const unsignedPayload = await harness.raw({ method: 'PUT', path: '/plain-http-config', query: { encryption: '' }, body, payloadHash: 'UNSIGNED-PAYLOAD', headers: { 'content-md5': md5 } });
    expect([unsignedPayload.status, /<Code>(\w+)<\/Code>/.exec(unsignedPayload.body)?.[1]]).toEqual([400, 'InvalidRequest']);
    const signedPayload = await harness.raw({ method: 'PUT', path: '/plain-http-config', query: { encryption: '' }, body, headers: { 'content-md5': md5 } });
    expect(signedPayload.status).toBe(200);
    const noDigest = await harness.raw({ method: 'PUT', path: '/plain-http-config', query: { encryption: '' }, body });
    expect([noDigest.status, /<Code>(\w+)<\/Code>/.exec(noDigest.body)?.[1]]).toEqual([400, 'InvalidRequest']);
    expect(noDigest.body).toContain('<Message>Missing required header for this request: Content-MD5 OR x-amz-checksum-*</Message>');
    const unknownElements: readonly (readonly [string, string])[] = [
      ['<SSEAlgorithm>AES256</SSEAlgorithm>', '<Foo>1</Foo>'],
      ['</ApplyServerSideEncryptionByDefault>', '<Foo>1</Foo>'],
      ['</Rule>', '<Blocked/>'],
    ];
    for (const [inside, element] of unknownElements) {
      const unknown = body.replace(inside, `${inside}${element}`);
      const refused = await harness.raw({ method: 'PUT', path: '/plain-http-config', query: { encryption: '' }, body: unknown, headers: { 'content-md5': createHash('md5').update(unknown).digest('base64') } });
      expect([refused.status, /<Code>(\w+)<\/Code>/.exec(refused.body)?.[1]]).toEqual([400, 'MalformedXML']);
    }
  });

  test("the AWS documentation's policies work verbatim: deny unencrypted uploads, require this KMS key", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'strict' }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'strict',
        Policy: bucketPolicy(
          {
            Sid: 'DenyIncorrectEncryptionHeader',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::strict/*',
            Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
          },
          { Sid: 'DenyUnEncryptedObjectUploads', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::strict/*', Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } } },
          {
            Sid: 'RequireThisKey',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::strict/*',
            Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn } },
          },
        ),
      }),
    );
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'k', Body: 'x' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'k', Body: 'x', ServerSideEncryption: 'AES256' })))).toMatchObject({ status: 403 });
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: otherKeyArn })))).toMatchObject({ status: 403 });
    expect(await s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }))).toMatchObject({ ServerSideEncryption: 'aws:kms' });
  });

  test('CopyObject from SSE-S3 to SSE-KMS gets an opaque ETag, not the MD5, and back to SSE-S3 the MD5 again; an SSE-KMS multipart object (UploadPart and UploadPartCopy answer its encryption) reads by ranges across parts', async () => {
    const body = randomBytes(10_000);
    const source = await s3.send(new PutObjectCommand({ Bucket: 'sealed', Key: 'plain', Body: body }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'sealed', Key: 'plain', CopySource: 'sealed/plain', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    expect(copied).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    expect(copied.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(copied.CopyObjectResult?.ETag).not.toBe(source.ETag);
    const back = await s3.send(new CopyObjectCommand({ Bucket: 'sealed', Key: 'plain', CopySource: 'sealed/plain', ServerSideEncryption: 'AES256' }));
    expect(back).toMatchObject({ ServerSideEncryption: 'AES256', CopyObjectResult: { ETag: `"${createHash('md5').update(body).digest('hex')}"` } });
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'sealed', Key: 'plain' }))).ETag).toBe(source.ETag);

    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sealed', Key: 'big', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn }));
    expect(created).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    const parts = [randomBytes(5 * 1024 * 1024), body.subarray(0, 1234)];
    const one = await s3.send(new UploadPartCommand({ Bucket: 'sealed', Key: 'big', UploadId: created.UploadId, PartNumber: 1, Body: parts[0] }));
    expect(one).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    const two = await s3.send(new UploadPartCopyCommand({ Bucket: 'sealed', Key: 'big', UploadId: created.UploadId, PartNumber: 2, CopySource: 'sealed/plain', CopySourceRange: 'bytes=0-1233' }));
    expect(two).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    const uploaded = [
      { PartNumber: 1, ETag: one.ETag },
      { PartNumber: 2, ETag: two.CopyPartResult?.ETag },
    ];
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'sealed', Key: 'big', UploadId: created.UploadId, MultipartUpload: { Parts: uploaded } }));
    expect(done).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyArn });
    const whole = Buffer.concat(parts);
    const first = parts[0]!.length - 100;
    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'sealed', Key: 'big', Range: `bytes=${first}-${first + 499}` }));
    expect(Buffer.from(await ranged.Body!.transformToByteArray()).equals(whole.subarray(first, first + 500))).toBe(true);
  });
});
