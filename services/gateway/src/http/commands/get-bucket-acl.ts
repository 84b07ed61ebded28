import { accessControlPolicyXml } from '../../s3/acl-xml';
import { administeredBucket } from '../../s3/bucket-admin';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketAcl: `GET /<bucket>?acl`, the effective ACL from the policy service. */
export const getBucketAcl: Command = async (request, context) => {
  const bucket = await administeredBucket(request, context, 's3:GetBucketAcl');
  const response = await context.policy.getBucketAcl({ principal: bucket.principal, bucketId: bucket.bucketId });
  return xmlResponse('AccessControlPolicy', accessControlPolicyXml(response.accessControlPolicy));
};
