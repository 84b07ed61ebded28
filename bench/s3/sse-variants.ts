import { createHash, randomBytes } from 'node:crypto';
import type { S3CallVariant } from './s3-measure';

/** The encryption variants the s3-encryption case measures, in the order they take turns. */
export type SseVariantName = 'SSE-S3' | 'SSE-KMS, bucket key' | 'SSE-KMS, no bucket key' | 'SSE-C' | 'SSE-S3, plain HTTP';

/** One way of encrypting objects, as the requests ask for it. */
export interface SseVariant extends S3CallVariant {
  readonly name: SseVariantName;
  /** Whether it goes to the HTTPS endpoint (SSE-C must; the others do too, so that ratios compare like with like). */
  readonly https: boolean;
  /** What a PUT's response must say: `x-amz-server-side-encryption` (absent for SSE-C) and the bucket-key header. */
  readonly expect: { readonly algorithm: string | undefined; readonly bucketKey: boolean };
}

const SSE = 'x-amz-server-side-encryption';

/** SSE-C's three request headers for `key` (32 bytes). */
function customerKeyHeaders(key: Buffer): Record<string, string> {
  return {
    [`${SSE}-customer-algorithm`]: 'AES256',
    [`${SSE}-customer-key`]: key.toString('base64'),
    [`${SSE}-customer-key-md5`]: createHash('md5').update(key).digest('base64'),
  };
}

/**
 * The variants, each asked for by request headers (all of them signed) on
 * a bucket whose default is SSE-S3: SSE-S3, SSE-KMS under the customer key
 * `kmsKeyId` with and without an S3 Bucket Key, SSE-C with one random
 * customer key (sent again on every GET), all over HTTPS; and SSE-S3 over
 * plain HTTP, the s3 case's path, to show what TLS costs.
 */
export function sseVariants(kmsKeyId: string): SseVariant[] {
  const kms = (bucketKey: boolean) => ({ [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: kmsKeyId, [`${SSE}-bucket-key-enabled`]: String(bucketKey) });
  const customer = customerKeyHeaders(randomBytes(32));
  const variant = (name: SseVariantName, keyPrefix: string, https: boolean, put: Record<string, string>, get: Record<string, string> | undefined, expect: SseVariant['expect']): SseVariant => ({
    name,
    keyPrefix,
    https,
    put: { headers: put },
    get: get === undefined ? {} : { headers: get },
    expect,
  });
  return [
    variant('SSE-S3', 'sse-s3/', true, { [SSE]: 'AES256' }, undefined, { algorithm: 'AES256', bucketKey: false }),
    variant('SSE-KMS, bucket key', 'sse-kms-bk/', true, kms(true), undefined, { algorithm: 'aws:kms', bucketKey: true }),
    variant('SSE-KMS, no bucket key', 'sse-kms/', true, kms(false), undefined, { algorithm: 'aws:kms', bucketKey: false }),
    variant('SSE-C', 'sse-c/', true, customer, customer, { algorithm: undefined, bucketKey: false }),
    variant('SSE-S3, plain HTTP', 'sse-s3-http/', false, { [SSE]: 'AES256' }, undefined, { algorithm: 'AES256', bucketKey: false }),
  ];
}

/** Throws unless a PUT's response headers say the object was stored as `variant` asks. */
export function checkPutHeaders(variant: SseVariant, headers: Record<string, string | string[] | undefined>): void {
  const algorithm = headers[SSE];
  const bucketKey = headers[`${SSE}-bucket-key-enabled`] === 'true';
  const customer = headers[`${SSE}-customer-algorithm`];
  const customerOk = variant.name !== 'SSE-C' || customer === 'AES256';
  if (algorithm !== variant.expect.algorithm || bucketKey !== variant.expect.bucketKey || !customerOk) {
    throw new Error(`${variant.name}: a PUT answered ${SSE} ${JSON.stringify(algorithm)}, bucket key ${bucketKey}, customer algorithm ${JSON.stringify(customer)}`);
  }
}
