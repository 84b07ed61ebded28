import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketAccelerateConfiguration: `GET /<bucket>?accelerate`, authorized as s3:GetAccelerateConfiguration. Strongroom has no Transfer Acceleration: no Status, as S3 answers a bucket it was never set on. */
export const getBucketAccelerateConfiguration: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetAccelerateConfiguration');
  return xmlResponse('AccelerateConfiguration', {});
};
