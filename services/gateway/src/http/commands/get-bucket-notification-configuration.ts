import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketNotificationConfiguration: `GET /<bucket>?notification`, authorized as s3:GetBucketNotification. Strongroom sends no event notifications: an empty configuration, as S3 answers a bucket without any. */
export const getBucketNotificationConfiguration: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetBucketNotification');
  return xmlResponse('NotificationConfiguration', {});
};
