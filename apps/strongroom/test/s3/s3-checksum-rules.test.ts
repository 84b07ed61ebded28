import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketTaggingCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  ListObjectVersionsCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { S3_CHECKSUM_ALGORITHMS, checksumOf, encodeChecksum } from '@strongroom/checksums';
import { createHash } from 'node:crypto';
import { codeOf, startS3Harness, type S3Harness } from './s3-harness';

const BODY = Buffer.from('checksummed');
const CRC32 = encodeChecksum(checksumOf('CRC32', BODY));

describe('S3 checksum rules through the gateway, as S3 answers them (found by an audit)', () => {
  let harness: S3Harness;
  let s3: S3Client;

  beforeAll(async () => {
    harness = await startS3Harness();
    s3 = harness.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'sums' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sums', Key: 'kept', Body: BODY, ChecksumAlgorithm: 'CRC32' }));
  }, 60_000);
  afterAll(() => harness.close());

  const put = (key: string, headers: Record<string, string>, extra: { payloadHash?: string; body?: string } = {}) =>
    harness.raw({ method: 'PUT', path: `/sums/${key}`, headers, body: extra.body ?? BODY, ...(extra.payloadHash === undefined ? {} : { payloadHash: extra.payloadHash }) });
  const absent = async (key: string) => expect((await harness.raw({ method: 'HEAD', path: `/sums/${key}` })).status).toBe(404);

  test('a checksum in non-canonical base64 (bits set past the digest) is InvalidRequest, not the digest it would decode to', async () => {
    const last = CRC32.at(-3)!;
    const noncanonical = `${CRC32.slice(0, -3)}${String.fromCharCode(last.charCodeAt(0) + 1)}==`;
    expect(Buffer.from(noncanonical, 'base64').equals(Buffer.from(CRC32, 'base64'))).toBe(true);
    const answer = await put('noncanonical', { 'x-amz-checksum-crc32': noncanonical });
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidRequest']);
    expect(answer.body).toContain('<Message>Value for x-amz-checksum-crc32 header is invalid.</Message>');
    await absent('noncanonical');
  });

  test('x-amz-sdk-checksum-algorithm needs the checksum it names, as a header or the declared trailer', async () => {
    const alone = await put('sdk-alone', { 'x-amz-sdk-checksum-algorithm': 'CRC32' });
    expect([alone.status, codeOf(alone.body)]).toEqual([400, 'InvalidRequest']);
    expect(alone.body).toContain('<Message>x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.</Message>');
    const other = await put('sdk-other', { 'x-amz-sdk-checksum-algorithm': 'CRC32C', 'x-amz-checksum-crc32': CRC32 });
    expect(other.body).toContain('<Message>Value for x-amz-sdk-checksum-algorithm header is invalid.</Message>');
    const trailer = await put(
      'sdk-trailer',
      { 'x-amz-sdk-checksum-algorithm': 'CRC32C', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(BODY.length), 'x-amz-trailer': 'x-amz-checksum-crc32' },
      { payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', body: `${BODY.length.toString(16)}\r\n${BODY.toString()}\r\n0\r\nx-amz-checksum-crc32:${CRC32}\r\n\r\n` },
    );
    expect(trailer.body).toContain('<Message>Value for x-amz-sdk-checksum-algorithm header is invalid.</Message>');
    for (const key of ['sdk-alone', 'sdk-other', 'sdk-trailer']) await absent(key);
    expect((await put('sdk-matching', { 'x-amz-sdk-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': CRC32 })).status).toBe(200);
  });

  test('PutObjectTagging and PutBucketTagging check every digest of their body (Content-MD5, a checksum, the SDK\'s algorithm) and keep the tags they had', async () => {
    const kept = [{ Key: 'kept', Value: 'yes' }];
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'sums', Key: 'kept', Tagging: { TagSet: kept } }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'sums', Tagging: { TagSet: kept } }));
    const tagging = '<Tagging><TagSet><Tag><Key>new</Key><Value>no</Value></Tag></TagSet></Tagging>';
    const md5 = (text: string) => createHash('md5').update(text).digest('base64');
    const crc32 = (text: string) => encodeChecksum(checksumOf('CRC32', Buffer.from(text)));
    const refused: [Record<string, string>, string, string][] = [
      [{ 'content-md5': md5('other') }, 'BadDigest', 'The Content-MD5 you specified did not match what we received.'],
      [{ 'content-md5': 'not-an-md5' }, 'InvalidDigest', 'The Content-MD5 you specified was invalid.'],
      [{ 'x-amz-checksum-crc32': crc32('other') }, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.'],
      [{ 'content-md5': md5(tagging), 'x-amz-sdk-checksum-algorithm': 'CRC32' }, 'InvalidRequest', 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.'],
      [{ 'x-amz-sdk-checksum-algorithm': 'CRC32C', 'x-amz-checksum-crc32': crc32(tagging) }, 'InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.'],
    ];
    for (const path of ['/sums/kept', '/sums']) {
      for (const [headers, code, message] of refused) {
        const answer = await harness.raw({ method: 'PUT', path, query: { tagging: '' }, headers, body: tagging });
        expect([path, answer.status, codeOf(answer.body), answer.body.includes(`<Message>${message}</Message>`)]).toEqual([path, 400, code, true]);
      }
    }
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'sums', Key: 'kept' }))).TagSet).toEqual(kept);
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'sums' }))).TagSet).toEqual(kept);
    const matching = { 'x-amz-sdk-checksum-algorithm': 'CRC32', 'x-amz-checksum-crc32': crc32(tagging) };
    expect((await harness.raw({ method: 'PUT', path: '/sums/kept', query: { tagging: '' }, headers: matching, body: tagging })).status).toBe(200);
    expect((await harness.raw({ method: 'PUT', path: '/sums', query: { tagging: '' }, headers: matching, body: tagging })).status).toBe(204);
  });

  test('a checksum header and a checksum trailer at once is InvalidRequest in S3\'s words; a trailer beside an x-amz-checksum-algorithm naming another algorithm is stored, the header ignored', async () => {
    const trailed = (trailer: string, headers: Record<string, string>) =>
      put(
        `trailed-${trailer}`,
        { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(BODY.length), 'x-amz-trailer': `x-amz-checksum-${trailer}`, ...headers },
        { payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', body: `${BODY.length.toString(16)}\r\n${BODY.toString()}\r\n0\r\nx-amz-checksum-${trailer}:${encodeChecksum(checksumOf(trailer === 'crc32' ? 'CRC32' : 'SHA256', BODY))}\r\n\r\n` },
      );
    const both = await trailed('sha256', { 'x-amz-checksum-crc32': CRC32 });
    expect([both.status, codeOf(both.body)]).toEqual([400, 'InvalidRequest']);
    expect(both.body).toContain('<Message>Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.</Message>');
    await absent('trailed-sha256');
    expect((await trailed('crc32', { 'x-amz-checksum-algorithm': 'SHA256' })).status).toBe(200);
    const stored = await harness.raw({ method: 'HEAD', path: '/sums/trailed-crc32', headers: { 'x-amz-checksum-mode': 'ENABLED' } });
    expect([stored.headers['x-amz-checksum-crc32'], stored.headers['x-amz-checksum-sha256']]).toEqual([CRC32, undefined]);
  });

  test('PutObject and UploadPart ignore x-amz-checksum-algorithm, which is not theirs, as S3 does: alone it computes nothing, an unknown algorithm is no error, and beside the checksum of another algorithm that checksum is the one checked and stored', async () => {
    const sha256 = encodeChecksum(checksumOf('SHA256', BODY));
    const checksums = async (key: string) => {
      const head = await harness.raw({ method: 'HEAD', path: `/sums/${key}`, headers: { 'x-amz-checksum-mode': 'ENABLED' } });
      return [head.status, head.headers['x-amz-checksum-sha256'], head.headers['x-amz-checksum-sha1']];
    };
    expect((await put('algorithm-only', { 'x-amz-checksum-algorithm': 'SHA256' })).status).toBe(200);
    expect(await checksums('algorithm-only')).toEqual([200, undefined, undefined]);
    expect((await put('algorithm-unknown', { 'x-amz-checksum-algorithm': 'TEST' })).status).toBe(200);
    expect((await put('algorithm-other', { 'x-amz-checksum-algorithm': 'SHA1', 'x-amz-checksum-sha256': sha256 })).status).toBe(200);
    expect(await checksums('algorithm-other')).toEqual([200, sha256, undefined]);
    const wrong = await put('algorithm-other-wrong', { 'x-amz-checksum-algorithm': 'SHA1', 'x-amz-checksum-sha256': encodeChecksum(checksumOf('SHA256', Buffer.from('other'))) });
    expect([wrong.status, codeOf(wrong.body)]).toEqual([400, 'BadDigest']);
    expect(wrong.body).toContain('<Message>The SHA256 you specified did not match the calculated checksum.</Message>');
    await absent('algorithm-other-wrong');

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sums', Key: 'algorithm-part' }));
    const part = (headers: Record<string, string>) => harness.raw({ method: 'PUT', path: '/sums/algorithm-part', query: { partNumber: '1', uploadId: UploadId! }, headers, body: BODY });
    const unknown = await part({ 'x-amz-checksum-algorithm': 'TEST' });
    expect([unknown.status, unknown.headers['x-amz-checksum-sha256']]).toEqual([200, undefined]);
    const other = await part({ 'x-amz-checksum-algorithm': 'SHA1', 'x-amz-checksum-sha256': sha256 });
    expect([other.status, other.headers['x-amz-checksum-sha256'], other.headers['x-amz-checksum-sha1']]).toEqual([200, sha256, undefined]);
  });

  test('each algorithm\'s checksum header, on PutObject and UploadPart: a value that is no digest of it is InvalidRequest, the digest of other bytes BadDigest naming the algorithm, two checksum headers InvalidRequest; nothing is stored', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sums', Key: 'refused-part' }));
    const writes = {
      put: (headers: Record<string, string>) => put('refused', headers),
      part: (headers: Record<string, string>) => harness.raw({ method: 'PUT', path: '/sums/refused-part', query: { partNumber: '1', uploadId: UploadId! }, headers, body: BODY }),
    };
    for (const [operation, write] of Object.entries(writes)) {
      for (const algorithm of S3_CHECKSUM_ALGORITHMS) {
        const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
        const invalid = await write({ [name]: 'a1b2c3d4' });
        expect([operation, invalid.status, codeOf(invalid.body), invalid.body.includes(`<Message>Value for ${name} header is invalid.</Message>`)]).toEqual([operation, 400, 'InvalidRequest', true]);
        const other = await write({ [name]: encodeChecksum(checksumOf(algorithm, Buffer.from('bad data'))) });
        expect([operation, other.status, codeOf(other.body), other.body.includes(`<Message>The ${algorithm} you specified did not match the calculated checksum.</Message>`)]).toEqual([operation, 400, 'BadDigest', true]);
      }
      const two = await write({ 'x-amz-checksum-crc32': CRC32, 'x-amz-checksum-sha1': encodeChecksum(checksumOf('SHA1', BODY)) });
      expect([operation, two.status, codeOf(two.body), two.body.includes('<Message>Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.</Message>')]).toEqual([operation, 400, 'InvalidRequest', true]);
    }
    await absent('refused');
    expect((await s3.send(new ListPartsCommand({ Bucket: 'sums', Key: 'refused-part', UploadId }))).Parts).toBeUndefined();
  });

  test('an aws-chunked body framed by Transfer-Encoding: chunked rather than a Content-Length is stored (its decoded length announces the payload)', async () => {
    const answer = await put(
      'te-chunked',
      { 'transfer-encoding': 'chunked', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(BODY.length), 'x-amz-trailer': 'x-amz-checksum-crc32' },
      { payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', body: `${BODY.length.toString(16)}\r\n${BODY.toString()}\r\n0\r\nx-amz-checksum-crc32:${CRC32}\r\n\r\n` },
    );
    expect([answer.status, answer.body]).toEqual([200, '']);
    const stored = await harness.raw({ method: 'GET', path: '/sums/te-chunked' });
    expect([stored.status, stored.body]).toEqual([200, BODY.toString()]);
  });

  test('a malformed trailing checksum is InvalidRequest naming the trailing header', async () => {
    const answer = await put(
      'bad-trailer',
      { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(BODY.length), 'x-amz-trailer': 'x-amz-checksum-crc32' },
      { payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', body: `${BODY.length.toString(16)}\r\n${BODY.toString()}\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n` },
    );
    expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidRequest']);
    expect(answer.body).toContain('<Message>Value for x-amz-checksum-crc32 trailing header is invalid.</Message>');
    await absent('bad-trailer');
  });

  test('x-amz-checksum-mode other than ENABLED is InvalidRequest; a range covering the whole object carries the checksum, a smaller one does not', async () => {
    const bad = await harness.raw({ method: 'GET', path: '/sums/kept', headers: { 'x-amz-checksum-mode': 'INVALID' } });
    expect([bad.status, codeOf(bad.body)]).toEqual([400, 'InvalidRequest']);
    expect(bad.body).toContain('<Message>Value for x-amz-checksum-mode header is invalid.</Message>');
    expect((await harness.raw({ method: 'HEAD', path: '/sums/kept', headers: { 'x-amz-checksum-mode': 'INVALID' } })).status).toBe(400);
    const ranged = (range: string) => harness.raw({ method: 'GET', path: '/sums/kept', headers: { 'x-amz-checksum-mode': 'ENABLED', range } });
    const whole = await ranged(`bytes=0-${BODY.length - 1}`);
    expect([whole.status, whole.headers['x-amz-checksum-crc32'], whole.headers['x-amz-checksum-type']]).toEqual([206, CRC32, 'FULL_OBJECT']);
    const part = await ranged('bytes=0-3');
    expect([part.status, part.headers['x-amz-checksum-crc32']]).toEqual([206, undefined]);
  });

  test('listings name each object\'s checksum algorithm and type: ListObjectsV2 and ListObjectVersions', async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'sums', Prefix: 'kept' }));
    expect(listed.Contents?.map((object) => [object.ChecksumAlgorithm, object.ChecksumType])).toEqual([[['CRC32'], 'FULL_OBJECT']]);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'sums', Prefix: 'kept' }));
    expect(versions.Versions?.map((version) => [version.ChecksumAlgorithm, version.ChecksumType])).toEqual([[['CRC32'], 'FULL_OBJECT']]);
  });

  test('CompleteMultipartUpload takes the object checksum with its part count (-N), and a wrong count is BadDigest; a part checksum not in base64, or two, is InvalidArgument', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sums', Key: 'parts', ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' }));
    const parts = [Buffer.alloc(5 * 1024 * 1024, 7), Buffer.from('tail')];
    const uploaded: { PartNumber: number; ETag?: string; ChecksumCRC32?: string }[] = [];
    for (const [index, Body] of parts.entries()) {
      const { ETag, ChecksumCRC32 } = await s3.send(new UploadPartCommand({ Bucket: 'sums', Key: 'parts', UploadId, PartNumber: index + 1, Body, ChecksumAlgorithm: 'CRC32' }));
      uploaded.push({ PartNumber: index + 1, ETag, ChecksumCRC32 });
    }
    const whole = encodeChecksum(checksumOf('CRC32', Buffer.concat(parts)));
    const complete = (ChecksumCRC32: string) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'sums', Key: 'parts', UploadId, ChecksumCRC32, ChecksumType: 'FULL_OBJECT', MultipartUpload: { Parts: uploaded } }));
    await expect(complete(`${whole}-3`)).rejects.toMatchObject({ name: 'BadDigest' });
    const listing = (checksums: string) =>
      `<CompleteMultipartUpload>${uploaded.map(({ PartNumber, ETag }, index) => `<Part><PartNumber>${PartNumber}</PartNumber><ETag>${ETag}</ETag>${index === 0 ? checksums : ''}</Part>`).join('')}</CompleteMultipartUpload>`;
    for (const [checksums, value] of [
      ['<ChecksumCRC32>not base64</ChecksumCRC32>', 'CRC32:not base64;'],
      [`<ChecksumCRC32>${uploaded[0]!.ChecksumCRC32}</ChecksumCRC32><ChecksumSHA1>2jmj7l5rSw0yVb/vlWAYkK/YBwk=</ChecksumSHA1>`, `CRC32:${uploaded[0]!.ChecksumCRC32};SHA1:2jmj7l5rSw0yVb/vlWAYkK/YBwk=;`],
    ]) {
      const answer = await harness.raw({ method: 'POST', path: '/sums/parts', query: { uploadId: UploadId! }, body: listing(checksums!) });
      expect([answer.status, codeOf(answer.body)]).toEqual([400, 'InvalidArgument']);
      expect(answer.body).toContain(`<Message>Invalid Base64 or multiple checksums present in request</Message><ArgumentName>Checksum</ArgumentName><ArgumentValue>${value}</ArgumentValue>`);
    }
    expect((await complete(`${whole}-2`)).ChecksumCRC32).toBe(whole);
  });
});
