import { readEncryptionConfiguration, requireSigV4 } from '../../s3/encryption-xml';
import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/** PutBucketEncryption: `PUT /<bucket>?encryption` sets the default encryption (SigV4 only; plain HTTP is fine, as in S3); a rule without `<BlockedEncryptionTypes>` keeps the SSE-C block. */
export const putBucketEncryption: Command = async (request, { storage }) => {
  requireSigV4(request);
  const change = await readEncryptionConfiguration(request);
  await storage.putBucketEncryption({ requester: request.requester, bucket: bucketOf(request), ...change });
  return emptyResponse(200);
};
