import { encryptionConfigurationXml, requireSigV4 } from '../../s3/encryption-xml';
import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketEncryption: `GET /<bucket>?encryption`; a bucket without a configuration reports SSE-S3, as S3 does today. */
export const getBucketEncryption: Command = async (request, { storage }) => {
  requireSigV4(request);
  const { encryption } = await storage.getBucketEncryption({ requester: request.requester, bucket: bucketOf(request) });
  return xmlResponse('ServerSideEncryptionConfiguration', encryptionConfigurationXml(encryption));
};
