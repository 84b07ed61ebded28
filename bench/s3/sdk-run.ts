import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { BenchContext } from '../lib/bench-case';
import { measureClosedLoop, type MeasureWindow, type S3Measurement, type S3Operation } from './s3-measure';
import { BENCH_BUCKET, type S3Target } from './s3-targets';

/** The one SDK-driven measurement: 4 KiB PUTs at this concurrency, for realism beside the lean client. */
export const SDK_RUN = { operation: 'PUT 4 KiB', concurrency: 8 } as const satisfies { operation: S3Operation; concurrency: number };

/**
 * Measures {@link SDK_RUN} against `target` with `@aws-sdk/client-s3` as an
 * application would use it: default settings (keep-alive agent, the SDK's
 * default request checksums, so aws-chunked bodies with a CRC32 trailer),
 * path-style addressing, each call a new key.
 */
export async function measureSdkRun(context: BenchContext, target: S3Target, payload: Buffer, window: MeasureWindow): Promise<S3Measurement> {
  context.progress(`s3: ${SDK_RUN.operation} at concurrency ${SDK_RUN.concurrency} on ${target.name} with the AWS SDK`);
  const { accessKeyId, secretAccessKey, region } = target.credentials;
  const client = new S3Client({ endpoint: target.endpoint, region, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey } });
  let next = 0;
  const operation = () => client.send(new PutObjectCommand({ Bucket: BENCH_BUCKET, Key: `put/sdk/${next++}`, Body: payload }));
  try {
    const measured = await measureClosedLoop(operation, SDK_RUN.concurrency, window, target.pid);
    return { operation: SDK_RUN.operation, path: 'Strongroom, AWS SDK', concurrency: SDK_RUN.concurrency, bytesPerCall: payload.length, ...measured };
  } finally {
    client.destroy();
  }
}
