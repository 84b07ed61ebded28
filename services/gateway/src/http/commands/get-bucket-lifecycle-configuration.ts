import { S3Error } from '../../s3/errors';
import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';

/** GetBucketLifecycleConfiguration: `GET /<bucket>?lifecycle`, authorized as s3:GetLifecycleConfiguration. Strongroom keeps no lifecycle configuration, so the answer is always S3's for a bucket without one: NoSuchLifecycleConfiguration. */
export const getBucketLifecycleConfiguration: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetLifecycleConfiguration');
  throw new S3Error('NoSuchLifecycleConfiguration');
};
