import { ErrorReason, type storageV1 } from '@strongroom/contracts';
import { DomainError, invalidArgument } from '@strongroom/errors';
import type { BucketRecord } from './bucket-store';
import type { ActingRequester } from './requester';

/** An AWS account id: 12 digits. */
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Checks a requester's bucket owner conditions (`expected_bucket_owners`):
 * each names a bucket and a 12-digit account id, INVALID_ARGUMENT otherwise.
 */
export function validateExpectedOwners(expected: readonly storageV1.ExpectedBucketOwner[]): readonly storageV1.ExpectedBucketOwner[] {
  expected.forEach((condition, index) => {
    const field = `requester.expected_bucket_owners[${index}]`;
    if (condition.bucket === '') throw invalidArgument(`${field}.bucket`, 'is required');
    if (!ACCOUNT_ID.test(condition.accountId)) throw invalidArgument(`${field}.account_id`, 'must be a 12-digit account id');
  });
  return expected;
}

/**
 * S3's bucket owner condition: BUCKET_OWNER_MISMATCH (PERMISSION_DENIED)
 * when the requester expects another account than the bucket's owner to own
 * it. The error names only what the requester sent, never the real owner.
 */
export function requireExpectedOwner(requester: ActingRequester, bucket: BucketRecord): void {
  for (const expected of requester.expectedBucketOwners) {
    if (expected.bucket === bucket.name && expected.accountId !== bucket.ownerAccountId) {
      throw new DomainError(ErrorReason.BUCKET_OWNER_MISMATCH, `access denied: bucket ${bucket.name} is not owned by the expected account ${expected.accountId}`);
    }
  }
}

/** The requester without bucket owner conditions, for CreateBucket, which ignores them as S3 does. */
export function withoutExpectedOwners(requester: ActingRequester): ActingRequester {
  return { ...requester, expectedBucketOwners: [] };
}
