import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors';

/** The headers that ask S3 to lock a new object version (retention or legal hold). */
const OBJECT_LOCK_HEADERS = ['x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold'];

/**
 * Refuses a write that asks to lock its object. Strongroom does not
 * implement Object Lock, so no bucket has a lock configuration, and S3
 * refuses such writes to a bucket without one: silently storing an
 * unlocked object would leave the writer believing it is protected.
 */
export function refuseObjectLockHeaders(headers: IncomingHttpHeaders): void {
  if (OBJECT_LOCK_HEADERS.some((name) => headers[name] !== undefined)) {
    throw new S3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration');
  }
}

/** Refuses CreateBucket with `x-amz-bucket-object-lock-enabled: true`: Strongroom does not implement Object Lock. */
export function refuseObjectLockBucket(headers: IncomingHttpHeaders): void {
  if (String(headers['x-amz-bucket-object-lock-enabled'] ?? '').toLowerCase() === 'true') {
    throw new S3Error('NotImplemented', 'Object Lock is not supported: create the bucket without x-amz-bucket-object-lock-enabled.');
  }
}
