import { storageV1 } from '@strongroom/contracts';
import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

const STATUS: Readonly<Partial<Record<storageV1.VersioningStatus, string>>> = {
  [storageV1.VersioningStatus.ENABLED]: 'Enabled',
  [storageV1.VersioningStatus.SUSPENDED]: 'Suspended',
};

/** GetBucketVersioning: `GET /<bucket>?versioning`, authorized as s3:GetBucketVersioning; a bucket never versioned has no Status. */
export const getBucketVersioning: Command = async (request, { storage }) => {
  const { status } = await storage.getBucketVersioning({ requester: request.requester, bucket: bucketOf(request) });
  return xmlResponse('VersioningConfiguration', { Status: STATUS[status] });
};
