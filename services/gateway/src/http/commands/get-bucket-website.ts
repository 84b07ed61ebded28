import { S3Error } from '../../s3/errors';
import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';

/** GetBucketWebsite: `GET /<bucket>?website`, authorized as s3:GetBucketWebsite. Strongroom keeps no website configuration, so the answer is always S3's for a bucket without one: NoSuchWebsiteConfiguration. */
export const getBucketWebsite: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetBucketWebsite');
  throw new S3Error('NoSuchWebsiteConfiguration');
};
