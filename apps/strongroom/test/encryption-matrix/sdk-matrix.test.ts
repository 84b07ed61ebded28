import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { checkCell, type CellRun, type WriteResponse } from './check-cell';
import { knownBug } from './known-bugs';
import { CUSTOMER_KEY, PART_SIZE, RANGE, SOURCE_BUCKET, SOURCE_KEY, allCells, bodyOf, bucketOf, keyOf, nameOf, requestParameters, type Cell, type MatrixKeys } from './matrix-cells';
import { startMatrixStack, type MatrixStack } from './matrix-stack';

/** The SDK's SSE-C parameters (it encodes the key and adds its MD5). */
const ssec = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: CUSTOMER_KEY };

/** Writes and reads one cell with @aws-sdk/client-s3. */
async function runCell(s3: S3Client, cell: Cell, keys: MatrixKeys): Promise<CellRun> {
  const Bucket = bucketOf(cell.column);
  const Key = keyOf(cell);
  const sse = requestParameters(cell.row, keys);
  const read = cell.row === 'SSE-C' ? ssec : {};
  const body = bodyOf(cell);
  const writes: WriteResponse[] = [];
  const record = <T extends object>(call: string, response: T): T => {
    writes.push({ call, response: response as Record<string, unknown> });
    return response;
  };
  if (cell.operation === 'single PUT' || cell.operation === 'range GET') {
    record('PutObject', await s3.send(new PutObjectCommand({ Bucket, Key, Body: body, ...sse })));
  } else if (cell.operation === 'copy') {
    record('CopyObject', await s3.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${SOURCE_BUCKET}/${SOURCE_KEY}`, ...sse })));
  } else {
    const { UploadId } = record('CreateMultipartUpload', await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...sse })));
    const parts = [body.subarray(0, PART_SIZE), body.subarray(PART_SIZE)];
    const uploaded = [];
    for (const [index, Body] of parts.entries()) {
      const part = record('UploadPart', await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: index + 1, Body, ...read })));
      uploaded.push({ PartNumber: index + 1, ETag: part.ETag });
    }
    record('CompleteMultipartUpload', await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: uploaded }, ...read })));
  }
  const head = await s3.send(new HeadObjectCommand({ Bucket, Key, ...read }));
  const Range = cell.operation === 'range GET' ? `bytes=${RANGE.first}-${RANGE.last}` : undefined;
  const { Body, ...got } = await s3.send(new GetObjectCommand({ Bucket, Key, Range, ...read }));
  return { writes, head: { ...head }, get: { response: got, body: Buffer.from(await Body!.transformToByteArray()) } };
}

describe('encryption matrix over HTTPS with @aws-sdk/client-s3: all 96 cells', () => {
  let stack: MatrixStack;

  beforeAll(async () => {
    stack = await startMatrixStack();
  }, 60_000);
  afterAll(() => stack?.close());

  const cells = allCells();
  console.log(`@aws-sdk/client-s3 runs ${cells.length} cells:\n${cells.map(nameOf).join('\n')}`);
  for (const cell of cells) {
    const bug = knownBug('sdk', cell);
    (bug === undefined ? test : test.failing)(`${nameOf(cell)}${bug === undefined ? '' : ` (known bug: ${bug})`}`, async () => {
      checkCell(cell, await runCell(stack.s3, cell, stack.keys), stack.keys);
    });
  }

  test('a bucket policy that requires SSE-C (S3-SPEC 5.3), verbatim: a PUT without SSE-C is 403 AccessDenied, with SSE-C it is stored', async () => {
    await stack.s3.send(new CreateBucketCommand({ Bucket: 'matrix-requires-ssec' }));
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RequireSSEC',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::matrix-requires-ssec/*',
          Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': true } },
        },
      ],
    };
    await stack.s3.send(new PutBucketPolicyCommand({ Bucket: 'matrix-requires-ssec', Policy: JSON.stringify(policy) }));
    for (const sse of [{}, { ServerSideEncryption: 'AES256' as const }, { ServerSideEncryption: 'aws:kms' as const }]) {
      const denied = await stack.s3.send(new PutObjectCommand({ Bucket: 'matrix-requires-ssec', Key: 'k', Body: 'plain', ...sse })).then(
        () => undefined,
        (error: unknown) => (error instanceof S3ServiceException ? { status: error.$metadata.httpStatusCode, code: error.name } : error),
      );
      expect({ sse, denied }).toEqual({ sse, denied: { status: 403, code: 'AccessDenied' } });
    }
    const stored = await stack.s3.send(new PutObjectCommand({ Bucket: 'matrix-requires-ssec', Key: 'k', Body: 'sealed', ...ssec }));
    expect([stored.SSECustomerAlgorithm, stored.ServerSideEncryption]).toEqual(['AES256', undefined]);
    const got = await stack.s3.send(new GetObjectCommand({ Bucket: 'matrix-requires-ssec', Key: 'k', ...ssec }));
    expect(await got.Body!.transformToString()).toBe('sealed');
  });
});
