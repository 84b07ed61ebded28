import { ErrorReason } from '@strongroom/contracts';
import { hasReason } from '@strongroom/errors';
import { S3Error, toS3Error } from '../../s3/errors';
import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

/**
 * HeadBucket: `HEAD /<bucket>`: 200 with the bucket's region, or the error
 * with no body. A denial names the region too, as S3's does, so that a
 * client can tell where the bucket lives without access to it.
 */
export const headBucket: Command = async (request, { storage, region }) => {
  try {
    const { bucket } = await storage.getBucket({ requester: request.requester, bucket: bucketOf(request) });
    return emptyResponse(200, { 'x-amz-bucket-region': bucket?.region || region, 'x-amz-access-point-alias': 'false' });
  } catch (error) {
    if (!hasReason(error, ErrorReason.ACCESS_DENIED)) throw error;
    const denied = toS3Error(error);
    throw new S3Error(denied.code, denied.message, denied.details, error, { ...denied.headers, 'x-amz-bucket-region': region });
  }
};
