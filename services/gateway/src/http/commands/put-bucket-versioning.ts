import { storageV1 } from '@strongroom/contracts';
import { S3Error } from '../../s3/errors';
import { bucketOf } from '../../s3/params';
import { childText } from '../../s3/xml';
import { readXmlBody } from '../../s3/xml-body';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

const STATUS: Readonly<Record<string, storageV1.VersioningStatus>> = {
  Enabled: storageV1.VersioningStatus.ENABLED,
  Suspended: storageV1.VersioningStatus.SUSPENDED,
};

/** PutBucketVersioning: `PUT /<bucket>?versioning` with Status Enabled or Suspended. */
export const putBucketVersioning: Command = async (request, { storage }) => {
  const configuration = await readXmlBody(request, 'VersioningConfiguration');
  const status = STATUS[childText(configuration, 'Status') ?? ''];
  if (status === undefined) throw new S3Error('MalformedXML');
  if (childText(configuration, 'MfaDelete') === 'Enabled') throw new S3Error('NotImplemented', 'MFA Delete is not implemented.');
  await storage.putBucketVersioning({ requester: request.requester, bucket: bucketOf(request), status });
  return emptyResponse(200);
};
