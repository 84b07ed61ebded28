import { S3Error, toS3Error } from '../../s3/errors';
import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf, keyOf, versionIdParam } from '../../s3/params';
import { tagSetXml } from '../../s3/tagging-xml';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/**
 * A missing object as GetObjectTagging's NoSuchKey names it: S3 gives
 * `<bucket>/<key>` as its Key, where every other object call (Put and
 * DeleteObjectTagging included) gives the key alone (LocalStack's
 * AWS-validated test_object_tagging_exc). Any other failure is unchanged.
 */
function namingBucketAndKey(error: unknown, bucket: string, key: string): unknown {
  const s3Error = toS3Error(error);
  if (s3Error.code !== 'NoSuchKey') return error;
  return new S3Error('NoSuchKey', s3Error.message, { ...s3Error.details, Key: `${bucket}/${key}` }, error, s3Error.headers);
}

/** GetObjectTagging: `GET /<bucket>/<key>?tagging[&versionId=]`. */
export const getObjectTagging: Command = async (request, { storage }) => {
  const bucket = bucketOf(request);
  const key = keyOf(request);
  const response = await storage.getObjectTagging({ requester: request.requester, bucket, key, versionId: versionIdParam(request) }).catch((error: unknown) => {
    throw namingBucketAndKey(error, bucket, key);
  });
  return xmlResponse('Tagging', tagSetXml(response.tags), { 'x-amz-version-id': versionIdHeader(response.versionId) });
};
