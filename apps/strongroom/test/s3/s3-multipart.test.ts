import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  HeadObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { checksumOf, encodeChecksum } from '@strongroom/checksums';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { codeOf, startS3Harness, type S3Harness } from './s3-harness';

describe('S3 multipart uploads through the gateway', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: 'a/1', Body: 'a/1' }));
  }, 60_000);
  afterAll(() => harness.close());

  test('multipart: upload, copy a range into a part, list, complete; abort', async () => {
    const part1 = Buffer.alloc(5 * 1024 * 1024, 1);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'big', ContentType: 'application/x-big' }));
    const uploaded = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'big', UploadId, PartNumber: 1, Body: part1 }));
    const copied = await s3.send(new UploadPartCopyCommand({ Bucket: 'listing', Key: 'big', UploadId, PartNumber: 2, CopySource: 'listing/a/1', CopySourceRange: 'bytes=0-1' }));
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'listing' }));
    expect(uploads.Uploads?.map((upload) => [upload.Key, upload.UploadId])).toEqual([['big', UploadId]]);
    // An upload-id-marker without a key-marker is ignored, and not echoed.
    const unmarked = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'listing', UploadIdMarker: UploadId }));
    expect([unmarked.UploadIdMarker, unmarked.Uploads?.length]).toEqual(['', 1]);
    const marked = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'listing', KeyMarker: 'big', UploadIdMarker: UploadId }));
    expect([marked.UploadIdMarker, marked.Uploads]).toEqual([UploadId, undefined]);
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'big', UploadId }));
    expect(parts.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([[1, part1.length], [2, 2]]);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'listing',
        Key: 'big',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: uploaded.ETag }, { PartNumber: 2, ETag: copied.CopyPartResult?.ETag }] },
      }),
    );
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'big' }))).Body!.transformToByteArray());
    expect(body.equals(Buffer.concat([part1, Buffer.from('a/')]))).toBe(true);
    const part = await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'big', PartNumber: 2 }));
    expect([await part.Body!.transformToString(), part.PartsCount]).toEqual(['a/', 2]);
    // A completed upload is gone: ListParts (LocalStack's AWS-validated test_multipart_and_list_parts) and Abort
    // (S3's answer reported in minio/minio#2250 and supabase/storage#1199) are NoSuchUpload; the object stays.
    await expect(s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'big', UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    await expect(s3.send(new AbortMultipartUploadCommand({ Bucket: 'listing', Key: 'big', UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'big' }))).ETag).toBe(done.ETag);
    const aborted = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'gone' }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'listing', Key: 'gone', UploadId: aborted.UploadId }));
    await expect(s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'gone', UploadId: aborted.UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });

  test('uploads page through common prefixes: a page that ends at one names it as NextKeyMarker; max-uploads 0 lists nothing, one above 1000 is answered as 1000', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads-paged' }));
    for (const Key of ['dir/1', 'dir/2', 'next']) await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads-paged', Key }));
    const list = (input: { Delimiter?: string; MaxUploads?: number; KeyMarker?: string }) => s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-paged', ...input }));
    // S3's reference: NextKeyMarker is the key-marker of the next request (S3 itself was seen to send it empty here, leaving no way on).
    const first = await list({ Delimiter: '/', MaxUploads: 1 });
    expect([first.CommonPrefixes, first.IsTruncated, first.NextKeyMarker, first.NextUploadIdMarker, first.Prefix]).toEqual([[{ Prefix: 'dir/' }], true, 'dir/', '', undefined]);
    const second = await list({ Delimiter: '/', MaxUploads: 1, KeyMarker: first.NextKeyMarker });
    expect([second.CommonPrefixes, second.Uploads?.map((upload) => upload.Key), second.IsTruncated]).toEqual([undefined, ['next'], false]);
    const empty = await list({ MaxUploads: 0 });
    expect([empty.MaxUploads, empty.Uploads ?? [], empty.IsTruncated]).toEqual([0, [], false]);
    const capped = await list({ MaxUploads: 5000 });
    expect([capped.MaxUploads, capped.Uploads?.length, capped.IsTruncated]).toEqual([1000, 3, false]);
  });

  test('a last page of uploads names its last upload as NextKeyMarker and NextUploadIdMarker, none when it listed only common prefixes, as S3 does (LocalStack\'s AWS-validated test_list_multiparts_with_prefix_and_delimiter)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads-last-page' }));
    const started: Record<string, string> = {};
    for (const Key of ['test/foo/bar/123', 'test/foo/bar/456', 'test/bar/foo/123']) started[Key] = (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads-last-page', Key }))).UploadId!;
    const list = (Prefix: string, Delimiter?: string) => s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-last-page', Prefix, EncodingType: 'url', ...(Delimiter === undefined ? {} : { Delimiter }) }));
    for (const [prefix, prefixes] of [['test/', ['test/bar/', 'test/foo/']], ['test/foo/', ['test/foo/bar/']], ['test/foo/bar', ['test/foo/bar/']]] as const) {
      const page = await list(prefix, '/');
      expect([page.CommonPrefixes?.map((common) => common.Prefix), page.Uploads, page.IsTruncated, page.NextKeyMarker, page.NextUploadIdMarker]).toEqual([prefixes, undefined, false, '', '']);
    }
    const uploads = await list('test/foo');
    expect([uploads.Uploads?.map((upload) => upload.Key), uploads.NextKeyMarker, uploads.NextUploadIdMarker]).toEqual([['test/foo/bar/123', 'test/foo/bar/456'], 'test/foo/bar/456', started['test/foo/bar/456']]);
  });

  test('an upload-id-marker of another key than the key-marker is 400 InvalidArgument "Invalid uploadId marker", as S3 answers it', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads-marked' }));
    const started: Record<string, string> = {};
    for (const Key of ['test_b', 'test_c']) started[Key] = (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads-marked', Key }))).UploadId!;
    const answer = await harness.raw({ method: 'GET', path: '/uploads-marked', query: { uploads: '', 'key-marker': 'test_c', 'upload-id-marker': started.test_b! } });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain(`<Message>Invalid uploadId marker</Message><ArgumentName>upload-id-marker</ArgumentName><ArgumentValue>${started.test_b}</ArgumentValue>`);
    const own = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads-marked', KeyMarker: 'test_b', UploadIdMarker: started.test_b }));
    expect(own.Uploads?.map((upload) => upload.Key)).toEqual(['test_c']);
  });

  test.each([
    ['/listing', { uploads: '', 'max-uploads': '-1' }, 'Argument max-uploads must be an integer between 0 and 2147483647', 'max-uploads', '-1'],
    ['/listing/big', { uploadId: 'pending', 'max-parts': '-3' }, 'Argument max-parts must be an integer between 0 and 2147483647', 'max-parts', '-3'],
    ['/listing/big', { uploadId: 'pending', 'part-number-marker': '-42' }, 'Argument part-number-marker must be an integer between 0 and 2147483647', 'part-number-marker', '-42'],
    ['/listing/big', { uploadId: 'pending', 'part-number-marker': '2147483689' }, 'Provided part-number-marker not an integer or within integer range', 'part-number-marker', '2147483689'],
    ['/listing', { uploads: '', 'max-uploads': 'abc' }, 'Provided max-uploads not an integer or within integer range', 'max-uploads', 'abc'],
  ])('GET %s %o is InvalidArgument in S3\'s words', async (path, query, message, name, value) => {
    const answer = await harness.raw({ method: 'GET', path, query });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
    expect(answer.body).toContain(`<Message>${message}</Message><ArgumentName>${name}</ArgumentName><ArgumentValue>${value}</ArgumentValue>`);
  });

  test('ListParts takes an empty part-number-marker or max-parts as absent, as S3 does: the first page of up to 1000', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'empty-params' }));
    await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'empty-params', UploadId, PartNumber: 1, Body: 'data' }));
    for (const name of ['part-number-marker', 'max-parts']) {
      const answer = await harness.raw({ method: 'GET', path: '/listing/empty-params', query: { uploadId: UploadId!, [name]: '' } });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('<PartNumberMarker>0</PartNumberMarker>');
      expect(answer.body).toContain('<MaxParts>1000</MaxParts>');
      expect(answer.body).toContain('<PartNumber>1</PartNumber>');
    }
  });

  test('an empty last part read by its number is 206 with no bytes, never the whole object', async () => {
    const part1 = Buffer.alloc(5 * 1024 * 1024, 2);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'empty-last' }));
    const parts = [];
    for (const [index, Body] of [part1, Buffer.alloc(0)].entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'empty-last', UploadId, PartNumber: index + 1, Body }));
      parts.push({ PartNumber: index + 1, ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'empty-last', UploadId, MultipartUpload: { Parts: parts } }));
    const empty = await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'empty-last', PartNumber: 2 }));
    expect([empty.$metadata.httpStatusCode, empty.ContentLength, empty.ContentRange, empty.PartsCount]).toEqual([206, 0, undefined, 2]);
    expect((await empty.Body!.transformToByteArray()).length).toBe(0);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'empty-last', PartNumber: 2 }));
    expect([head.$metadata.httpStatusCode, head.ContentLength, head.PartsCount]).toEqual([206, 0, 2]);
    const first = await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'empty-last', PartNumber: 1 }));
    expect([first.ContentRange, Buffer.from(await first.Body!.transformToByteArray()).equals(part1)]).toEqual([`bytes 0-${part1.length - 1}/${part1.length}`, true]);
  });

  test('a read by part number counts the completed parts 1 to PartsCount, whatever numbers they were uploaded under, as S3 does', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'gaps' }));
    const bodies = [Buffer.alloc(5 * 1024 * 1024, 4), Buffer.alloc(5 * 1024 * 1024, 5), Buffer.from('seventh')];
    const uploaded: { PartNumber: number; ETag?: string }[] = [];
    for (const [index, PartNumber] of [1, 3, 7].entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'gaps', UploadId, PartNumber, Body: bodies[index] }));
      uploaded.push({ PartNumber, ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'gaps', UploadId, MultipartUpload: { Parts: uploaded } }));
    for (const [index, body] of bodies.entries()) {
      const part = await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'gaps', PartNumber: index + 1 }));
      expect([Buffer.from(await part.Body!.transformToByteArray()).equals(body), part.PartsCount]).toEqual([true, 3]);
    }
    const third = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'gaps', PartNumber: 3 }));
    expect([third.$metadata.httpStatusCode, third.ContentLength, third.PartsCount]).toEqual([206, bodies[2]!.length, 3]);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'gaps', PartNumber: 7 }))).rejects.toMatchObject({
      name: 'InvalidPartNumber',
      $metadata: { httpStatusCode: 416 },
    });
  });

  test('a COMPOSITE upload completes only from parts numbered 1, 2, 3 and on, as AWS documents (CompletedPart: InvalidPartOrder otherwise), so its part numbers are the ones reads count; a FULL_OBJECT upload keeps its gaps', async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 6);
    const uploadThree = async (Key: string, ChecksumType: 'COMPOSITE' | 'FULL_OBJECT') => {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key, ChecksumAlgorithm: 'CRC32', ChecksumType }));
      const parts: { PartNumber: number; ETag?: string; ChecksumCRC32?: string }[] = [];
      for (const PartNumber of [1, 2, 3]) {
        const { ETag, ChecksumCRC32 } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key, UploadId, PartNumber, Body: body, ChecksumAlgorithm: 'CRC32' }));
        parts.push({ PartNumber, ETag, ChecksumCRC32 });
      }
      const complete = (Parts: typeof parts) => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key, UploadId, MultipartUpload: { Parts } }));
      return { parts, complete };
    };
    const composite = await uploadThree('composite-gaps', 'COMPOSITE');
    const [first, second, third] = [composite.parts[0]!, composite.parts[1]!, composite.parts[2]!];
    for (const gapped of [[first, third], [second, third]]) {
      await expect(composite.complete(gapped)).rejects.toMatchObject({ name: 'InvalidPartOrder', $metadata: { httpStatusCode: 400 } });
    }
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'composite-gaps' }))).rejects.toMatchObject({ name: 'NotFound' });
    expect(await composite.complete([first, second])).toMatchObject({ ChecksumType: 'COMPOSITE' });
    const attributes = await s3.send(new GetObjectAttributesCommand({ Bucket: 'listing', Key: 'composite-gaps', ObjectAttributes: ['ObjectParts'] }));
    expect(attributes.ObjectParts?.Parts?.map((part) => part.PartNumber)).toEqual([1, 2]);
    const whole = await uploadThree('full-object-gaps', 'FULL_OBJECT');
    expect(await whole.complete([whole.parts[0]!, whole.parts[2]!])).toMatchObject({ ChecksumType: 'FULL_OBJECT' });
  });

  test('bad part lists get EntityTooSmall, InvalidPart, InvalidPartOrder, a part number beyond 1..10000 InvalidArgument in S3\'s words; unknown uploads NoSuchUpload', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'bad' }));
    const parts: { PartNumber: number; ETag?: string }[] = [];
    for (const PartNumber of [1, 2]) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'bad', UploadId, PartNumber, Body: `part ${PartNumber}` }));
      parts.push({ PartNumber, ETag });
    }
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'bad', UploadId, MultipartUpload: { Parts } }));
    // S3 names the part at fault (unmodelled elements, which the SDK sets on the error), its ETag unquoted, in these words (S3's answers quoted in
    // apache/arrow-rs-object-store#211 and versity/versitygw#1980, #2040; LocalStack's AWS-recorded test_post_object_policy_validation_size).
    await expect(complete(parts)).rejects.toMatchObject({
      name: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
      $metadata: { httpStatusCode: 400 },
      PartNumber: '1',
      ETag: parts[0]!.ETag!.replace(/"/g, ''),
      ProposedSize: '6',
      MinSizeAllowed: '5242880',
    });
    await expect(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])).rejects.toMatchObject({
      name: 'InvalidPart',
      message: "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      UploadId,
      PartNumber: '1',
      ETag: '"00000000000000000000000000000000"',
    });
    // S3's words, not the API reference's (S3's answers quoted in tus/tusd#1315, with its RequestID and HostID, and alexmojaki/s3-stream-upload#33).
    await expect(complete([parts[1]!, parts[0]!])).rejects.toMatchObject({ name: 'InvalidPartOrder', message: 'The list of parts was not in ascending order. Parts must be ordered by part number.' });
    // A completion without a body (the SDK's without MultipartUpload): LocalStack's AWS-validated test_multipart_complete_multipart_too_small.
    await expect(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'bad', UploadId }))).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: 'You must specify at least one part',
      $metadata: { httpStatusCode: 400 },
    });
    // A body that lists no part is MalformedXML, not the no-body answer (S3's answer quoted in apache/arrow-rs-object-store#91; moto's
    // test_complete_multipart_with_empty_partlist; versity/versitygw#1328).
    for (const body of ['<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>', '<CompleteMultipartUpload></CompleteMultipartUpload>']) {
      const empty = await harness.raw({ method: 'POST', path: '/listing/bad', query: { uploadId: UploadId! }, body });
      expect([empty.status, codeOf(empty.body)]).toEqual([400, 'MalformedXML']);
    }
    // An upload created without a checksum algorithm has the checksum type null, as S3 words it: a type on Complete is another; an unknown type is refused.
    const completion = (type: string) =>
      harness.raw({ method: 'POST', path: '/listing/bad', query: { uploadId: UploadId! }, headers: { 'x-amz-checksum-type': type }, body: `<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>${parts[1]!.ETag}</ETag></Part></CompleteMultipartUpload>` });
    const typed = await completion('FULL_OBJECT');
    expect([typed.status, codeOf(typed.body)]).toEqual([400, 'InvalidRequest']);
    expect(typed.body).toContain('<Message>The upload was created using the null checksum mode. The complete request must use the same checksum mode.</Message>');
    const bogus = await completion('BOGUS');
    expect([bogus.status, codeOf(bogus.body)]).toEqual([400, 'InvalidRequest']);
    expect(bogus.body).toContain('<Message>Value for x-amz-checksum-type header is invalid.</Message>');
    for (const PartNumber of [0, 10001, 123456]) {
      await expect(complete([{ PartNumber, ETag: parts[0]!.ETag }])).rejects.toMatchObject({
        name: 'InvalidArgument',
        message: 'Part number must be an integer between 1 and 10000, inclusive',
      });
    }
    await expect(s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'bad' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'bad', UploadId: 'no-such-upload', PartNumber: 1, Body: 'x' }))).rejects.toMatchObject({
      name: 'NoSuchUpload',
      $metadata: { httpStatusCode: 404 },
    });
  });

  test('a part whose Content-MD5 does not match its body is BadDigest naming both digests, the expected one in hex and the calculated one in base64, as S3 answers (its answers quoted in versity/versitygw#2034 and dandi/dandi-cli#1257); the part is not kept', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'md5-part' }));
    const md5 = (text: string) => createHash('md5').update(text).digest();
    const answer = await harness.raw({ method: 'PUT', path: '/listing/md5-part', query: { partNumber: '1', uploadId: UploadId! }, headers: { 'content-md5': md5('other').toString('base64') }, body: 'hello' });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'BadDigest']);
    expect(answer.body).toContain(
      `<Message>The Content-MD5 you specified did not match what we received.</Message><CalculatedDigest>${md5('hello').toString('base64')}</CalculatedDigest><ExpectedDigest>${md5('other').toString('hex')}</ExpectedDigest>`,
    );
    expect((await s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'md5-part', UploadId }))).Parts).toBeUndefined();
  });

  test("parts carry the SDKs' default CRC32, in a header or a trailer, when the upload was created without an algorithm", async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'defaults' }));
    const part1 = Buffer.alloc(5 * 1024 * 1024, 7);
    const streamed = await harness
      .client(undefined, { secure: true })
      .send(new UploadPartCommand({ Bucket: 'listing', Key: 'defaults', UploadId, PartNumber: 1, Body: Readable.from([part1]), ContentLength: part1.length }));
    expect(streamed.ChecksumCRC32).toBe(encodeChecksum(checksumOf('CRC32', part1)));
    const trailerPart = (crc32: string) =>
      harness.raw({
        method: 'PUT',
        path: '/listing/defaults',
        query: { partNumber: '2', uploadId: UploadId! },
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5', 'x-amz-trailer': 'x-amz-checksum-crc32', 'x-amz-sdk-checksum-algorithm': 'CRC32' },
        body: `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${crc32}\r\n\r\n`,
      });
    const wrong = await trailerPart(encodeChecksum(checksumOf('CRC32', Buffer.from('jello'))));
    expect([wrong.status, codeOf(wrong.body)]).toEqual([400, 'BadDigest']);
    const right = await trailerPart(encodeChecksum(checksumOf('CRC32', Buffer.from('hello'))));
    // S3's UploadPart answers the part's checksum without a checksum type (its UploadPartOutput has none): the type is the upload's.
    expect([right.status, right.headers['x-amz-checksum-crc32'], right.headers['x-amz-checksum-type']]).toEqual([200, encodeChecksum(checksumOf('CRC32', Buffer.from('hello'))), undefined]);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'listing',
        Key: 'defaults',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: streamed.ETag }, { PartNumber: 2, ETag: right.headers.etag as string }] },
      }),
    );
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'defaults' }))).Body!.transformToByteArray());
    expect(body.equals(Buffer.concat([part1, Buffer.from('hello')]))).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'defaults', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([undefined, undefined]);
  });

  test('a part copy range that does not fit its source is answered as S3 answers it (LocalStack\'s AWS-validated test_upload_part_copy_range); a part checksum of another algorithm than the upload\'s is InvalidRequest', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'strict', ChecksumAlgorithm: 'SHA256' }));
    const copy = (CopySourceRange: string) => s3.send(new UploadPartCopyCommand({ Bucket: 'listing', Key: 'strict', UploadId, PartNumber: 1, CopySource: 'listing/a/1', CopySourceRange }));
    // Ending past the 3-byte source: InvalidArgument naming the range.
    await expect(copy('bytes=0-3')).rejects.toMatchObject({
      name: 'InvalidArgument',
      message: 'Range specified is not valid for source object of size: 3',
      ArgumentName: 'x-amz-copy-source-range',
      ArgumentValue: 'bytes=0-3',
      $metadata: { httpStatusCode: 400 },
    });
    // Starting past it (S3's answer to bytes=100-200 of 10 bytes), or at its size, where no first byte exists either.
    for (const range of ['bytes=100-200', 'bytes=3-5']) {
      await expect(copy(range)).rejects.toMatchObject({ name: 'InvalidRequest', message: 'The specified copy range is invalid for the source object size', $metadata: { httpStatusCode: 400 } });
    }
    for (const range of ['0-1', 'bytes=1-0', 'bytes=-1-', 'bytes=0--1', 'bytes=0-1,1-2', 'bytes=-', 'bytes=-0', 'bytes=1-', 'bytes=-2']) {
      await expect(copy(range)).rejects.toMatchObject({
        name: 'InvalidArgument',
        message: 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
        ArgumentName: 'x-amz-copy-source-range',
        ArgumentValue: range,
      });
    }
    const otherAlgorithm = s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'strict', UploadId, PartNumber: 1, Body: 'part', ChecksumAlgorithm: 'CRC32' }));
    await expect(otherAlgorithm).rejects.toMatchObject({ name: 'InvalidRequest', message: 'Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32' });
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'listing', Key: 'strict', UploadId }));
  });

  test('a full-object CRC32 upload: the client\'s whole-object checksum and checksum type on Complete, and a part checksum of another algorithm, are checked; HEAD reports it', async () => {
    const { UploadId, ChecksumType } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'full', ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' }));
    expect(ChecksumType).toBe('FULL_OBJECT');
    const parts = [Buffer.alloc(5 * 1024 * 1024, 3), Buffer.from('tail')];
    const uploaded: { PartNumber: number; ETag?: string; ChecksumCRC32?: string }[] = [];
    for (const [index, Body] of parts.entries()) {
      const { ETag, ChecksumCRC32 } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'full', UploadId, PartNumber: index + 1, Body, ChecksumAlgorithm: 'CRC32' }));
      uploaded.push({ PartNumber: index + 1, ETag, ChecksumCRC32 });
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'listing', Key: 'full', UploadId }));
    expect([listed.ChecksumAlgorithm, listed.ChecksumType]).toEqual(['CRC32', 'FULL_OBJECT']);
    const whole = encodeChecksum(checksumOf('CRC32', Buffer.concat(parts)));
    const complete = (ChecksumCRC32: string) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'full', UploadId, ChecksumCRC32, ChecksumType: 'FULL_OBJECT', MultipartUpload: { Parts: uploaded } }));
    await expect(complete(encodeChecksum(checksumOf('CRC32', Buffer.from('other'))))).rejects.toMatchObject({
      name: 'BadDigest',
      message: 'The crc32 you specified did not match the calculated checksum.',
    });
    await expect(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'full', UploadId, ChecksumType: 'COMPOSITE', MultipartUpload: { Parts: uploaded } }))).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: 'The upload was created using the FULL_OBJECT checksum mode. The complete request must use the same checksum mode.',
    });
    const otherAlgorithm = [{ PartNumber: 1, ETag: uploaded[0]!.ETag, ChecksumSHA1: encodeChecksum(checksumOf('SHA1', parts[0]!)) }, uploaded[1]!];
    await expect(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'full', UploadId, MultipartUpload: { Parts: otherAlgorithm } }))).rejects.toMatchObject({
      name: 'BadDigest',
      message: 'The sha1 you specified for part 1 did not match what we received.',
    });
    // A wrong part checksum is InvalidPart, as on S3, even when the whole-object checksum is right: the parts are checked first.
    const wrongPart = [{ ...uploaded[0]!, ChecksumCRC32: encodeChecksum(checksumOf('CRC32', Buffer.from('other'))) }, uploaded[1]!];
    await expect(
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'full', UploadId, ChecksumCRC32: whole, ChecksumType: 'FULL_OBJECT', MultipartUpload: { Parts: wrongPart } })),
    ).rejects.toMatchObject({ name: 'InvalidPart', PartNumber: '1', ETag: uploaded[0]!.ETag });
    const done = await complete(whole);
    expect([done.ChecksumCRC32, done.ChecksumType]).toEqual([whole, 'FULL_OBJECT']);
    const retried = await complete(whole);
    expect([retried.ETag, retried.ChecksumCRC32]).toEqual([done.ETag, whole]);
    await expect(complete(encodeChecksum(checksumOf('CRC32', Buffer.from('other'))))).rejects.toMatchObject({ name: 'BadDigest' });
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'full', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([whole, 'FULL_OBJECT']);
    const part = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'full', PartNumber: 2, ChecksumMode: 'ENABLED' }));
    expect([part.ContentLength, part.ChecksumCRC32]).toEqual([4, uploaded[1]!.ChecksumCRC32]);
    const range = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'full', Range: 'bytes=0-9', ChecksumMode: 'ENABLED' }));
    expect([range.ContentLength, range.ChecksumCRC32]).toEqual([10, undefined]);
  });

  test('an object checksum on Complete that is not the upload\'s is BadDigest naming the upload\'s algorithm, as S3 answers it (LocalStack\'s AWS-validated test_multipart_parts_checksum_exceptions_full_object); one sent to an upload without a checksum is ignored, and a part checksum in its list is InvalidPart', async () => {
    const Key = 'full-crc32c';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key, ChecksumAlgorithm: 'CRC32C', ChecksumType: 'FULL_OBJECT' }));
    const body = Buffer.from('abc');
    const { ETag, ChecksumCRC32C } = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key, UploadId, PartNumber: 1, Body: body, ChecksumAlgorithm: 'CRC32C' }));
    const MultipartUpload = { Parts: [{ PartNumber: 1, ETag, ChecksumCRC32C }] };
    const mismatch = { name: 'BadDigest', message: 'The crc32c you specified did not match the calculated checksum.', $metadata: { httpStatusCode: 400 } };
    // The right value without x-amz-checksum-type, a value of another algorithm with or without it: all BadDigest.
    for (const checksum of [{ ChecksumCRC32C }, { ChecksumCRC64NVME: encodeChecksum(checksumOf('CRC64NVME', body)) }, { ChecksumCRC32: encodeChecksum(checksumOf('CRC32', body)), ChecksumType: 'FULL_OBJECT' as const }]) {
      await expect(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key, UploadId, MultipartUpload, ...checksum }))).rejects.toMatchObject(mismatch);
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key, UploadId, MultipartUpload, ChecksumCRC32C, ChecksumType: 'FULL_OBJECT' }));
    expect([done.ChecksumCRC32C, done.ChecksumType]).toEqual([ChecksumCRC32C, 'FULL_OBJECT']);

    const plain = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'plain' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'plain', UploadId: plain.UploadId, PartNumber: 1, Body: body }));
    const withChecksum = s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'plain', UploadId: plain.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag, ChecksumCRC32: encodeChecksum(checksumOf('CRC32', body)) }] } }),
    );
    await expect(withChecksum).rejects.toMatchObject({ name: 'InvalidPart', PartNumber: '1', ETag: part.ETag, $metadata: { httpStatusCode: 400 } });
    const ignored = encodeChecksum(checksumOf('CRC32C', Buffer.from('anything else')));
    const completed = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'plain', UploadId: plain.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] }, ChecksumCRC32C: `${ignored}-2` }));
    expect([completed.$metadata.httpStatusCode, completed.ChecksumCRC32C]).toEqual([200, undefined]);
  });
  test('a completed upload is dated when it completes, after a PUT made while it was open, and is current: dates and current version agree (docs/architecture.md says why S3\'s initiation dating is not followed)', async () => {
    const Bucket = 'dated-uploads';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k' }));
    const initiated = (await s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads?.[0]?.Initiated;
    // HTTP dates count whole seconds: each write comes a second after the one before, so that its date shows it.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'made while the upload was open' }));
    const putDate = (await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }))).LastModified!;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key: 'k', UploadId, PartNumber: 1, Body: 'the part' }));
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'k', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } }));

    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
    expect([head.ETag, head.VersionId]).toEqual([done.ETag, done.VersionId]);
    expect(head.LastModified!.getTime()).toBeGreaterThan(putDate.getTime());
    expect(putDate.getTime()).toBeGreaterThan(initiated!.getTime());
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    expect(versions.Versions?.map((version) => [version.VersionId, version.IsLatest])).toEqual([
      [done.VersionId, true],
      [put.VersionId, false],
    ]);
    expect(versions.Versions![0]!.LastModified!.getTime()).toBeGreaterThan(versions.Versions![1]!.LastModified!.getTime());
  });
  test("CopyObject of a multipart object makes a new single-part object: the MD5 of its bytes as ETag, no -N, no parts (S3's answer: localstack/localstack#3729, minio/minio#2934; API Reference, Object: a Copy's ETag is the MD5 of its data)", async () => {
    const parts = [Buffer.alloc(5 * 1024 * 1024, 3), Buffer.from('tail')];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'listing', Key: 'multi-source' }));
    const uploaded = [];
    for (const [index, Body] of parts.entries()) uploaded.push(await s3.send(new UploadPartCommand({ Bucket: 'listing', Key: 'multi-source', UploadId, PartNumber: index + 1, Body })));
    const completed = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'listing', Key: 'multi-source', UploadId, MultipartUpload: { Parts: uploaded.map(({ ETag }, index) => ({ ETag, PartNumber: index + 1 })) } }),
    );
    expect(completed.ETag).toMatch(/-2"$/);
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'listing', Key: 'multi-copy', CopySource: 'listing/multi-source' }));
    const md5 = `"${createHash('md5').update(Buffer.concat(parts)).digest('hex')}"`;
    expect(copied.CopyObjectResult?.ETag).toBe(md5);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'listing', Key: 'multi-copy', PartNumber: 1 }));
    expect([head.ETag, head.PartsCount, head.ContentLength]).toEqual([md5, undefined, 5 * 1024 * 1024 + 4]);
    const attributes = await s3.send(new GetObjectAttributesCommand({ Bucket: 'listing', Key: 'multi-copy', ObjectAttributes: ['ETag', 'ObjectParts'] }));
    expect([attributes.ETag, attributes.ObjectParts]).toEqual([md5.slice(1, -1), undefined]);
    const body = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'multi-copy' }))).Body!.transformToByteArray());
    expect(body.equals(Buffer.concat(parts))).toBe(true);
  });
});
