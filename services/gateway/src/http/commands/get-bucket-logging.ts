import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketLogging: `GET /<bucket>?logging`, authorized as s3:GetBucketLogging. Strongroom writes no server access logs: no LoggingEnabled, as S3 answers a bucket with logging off. */
export const getBucketLogging: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetBucketLogging');
  return xmlResponse('BucketLoggingStatus', {});
};
