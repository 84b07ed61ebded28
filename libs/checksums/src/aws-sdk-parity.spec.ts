import { PutObjectCommand, S3Client, type ChecksumAlgorithm as SdkChecksumAlgorithm } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { checksumOf } from './checksum';
import { S3_CHECKSUM_ALGORITHMS } from './checksum-algorithm';
import { encodeChecksum } from './checksum-encoding';

/**
 * The checksum header `@aws-sdk/client-s3` puts on a PutObject of `body`,
 * computed by the SDK's own flexible-checksums code. The request never
 * leaves the process: a stub handler records it and answers 200.
 */
async function sdkChecksumHeader(algorithm: SdkChecksumAlgorithm, body: Uint8Array): Promise<string | undefined> {
  let headers: Record<string, string> = {};
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: {
      handle: (request: { headers: Record<string, string> }) => {
        headers = request.headers;
        return Promise.resolve({ response: { statusCode: 200, headers: {}, body: Readable.from([]) } });
      },
    } as never,
  });
  await client.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'key', Body: body, ChecksumAlgorithm: algorithm }));
  client.destroy();
  return headers[`x-amz-checksum-${algorithm.toLowerCase()}`];
}

const bodies: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['"123456789"', Buffer.from('123456789')],
  ['one byte', Buffer.from([0xff])],
  ['17 random bytes', randomBytes(17)],
  ['1 MiB + 3 random bytes', randomBytes(1024 * 1024 + 3)],
];

describe.each(S3_CHECKSUM_ALGORITHMS)('%s matches @aws-sdk/client-s3', (algorithm) => {
  it.each(bodies)('for a body that is %s', async (_what, body) => {
    const header = await sdkChecksumHeader(algorithm, body);
    expect(header).toBeDefined();
    expect(encodeChecksum(checksumOf(algorithm, body))).toBe(header);
  });
});
