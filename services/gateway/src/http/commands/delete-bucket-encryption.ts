import { requireSigV4 } from '../../s3/encryption-xml';
import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** DeleteBucketEncryption: `DELETE /<bucket>?encryption` returns the bucket to SSE-S3 (SigV4 only; plain HTTP is fine, as in S3). */
export const deleteBucketEncryption: Command = async (request, { storage }) => {
  requireSigV4(request);
  await storage.deleteBucketEncryption({ requester: request.requester, bucket: bucketOf(request) });
  return emptyResponse(204);
};
