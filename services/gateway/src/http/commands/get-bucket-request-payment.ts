import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** GetBucketRequestPayment: `GET /<bucket>?requestPayment`, authorized as s3:GetBucketRequestPayment. Strongroom has no Requester Pays: the bucket owner always pays. */
export const getBucketRequestPayment: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetBucketRequestPayment');
  return xmlResponse('RequestPaymentConfiguration', { Payer: 'BucketOwner' });
};
