import { S3Error } from '../../s3/errors';
import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';

/** GetBucketCors: `GET /<bucket>?cors`, authorized as s3:GetBucketCORS. Strongroom keeps no CORS configuration, so the answer is always S3's for a bucket without one: NoSuchCORSConfiguration. */
export const getBucketCors: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetBucketCORS');
  throw new S3Error('NoSuchCORSConfiguration');
};
