import { administeredBucket } from '../../s3/bucket-admin';
import { readVerifiedBody } from '../../s3/xml-body';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/**
 * Bodies above this are refused unread: four times S3's 20 KB limit (the
 * allowance of WHITE_SPACE_ALLOWANCE in libs/iam-policy), which
 * the policy service enforces without counting white space, so an
 * indented policy within the limit gets through.
 */
const MAX_POLICY_BODY = 80 * 1024;

/** PutBucketPolicy: `PUT /<bucket>?policy` with the policy JSON (validated by the policy service: MalformedPolicy). */
export const putBucketPolicy: Command = async (request, context) => {
  const body = await readVerifiedBody(request, MAX_POLICY_BODY);
  const bucket = await administeredBucket(request, context, 's3:PutBucketPolicy');
  await context.policy.putBucketPolicy({ principal: bucket.principal, bucketId: bucket.bucketId, policy: body.toString('utf8') });
  return emptyResponse(204);
};
