import { S3Error } from '../../s3/errors';
import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';

/** GetObjectLockConfiguration: `GET /<bucket>?object-lock`, authorized as s3:GetBucketObjectLockConfiguration. Strongroom keeps no Object Lock configuration, so the answer is always S3's for a bucket without one: ObjectLockConfigurationNotFoundError. */
export const getObjectLockConfiguration: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetBucketObjectLockConfiguration');
  throw new S3Error('ObjectLockConfigurationNotFoundError');
};
