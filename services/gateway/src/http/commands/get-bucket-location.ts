import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/**
 * GetBucketLocation: `GET /<bucket>?location`, authorized as
 * s3:GetBucketLocation; us-east-1 is the empty LocationConstraint, as S3 answers.
 */
export const getBucketLocation: Command = async (request, { storage }) => {
  const { region } = await storage.getBucketLocation({ requester: request.requester, bucket: bucketOf(request) });
  return xmlResponse('LocationConstraint', region === 'us-east-1' ? '' : region);
};
